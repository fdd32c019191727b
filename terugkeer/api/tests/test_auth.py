"""Tokens: client credentials at the token endpoint; expiry, switching off and scopes."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken

from terugkeer.api.models import ApiClient
from terugkeer.api.tests.factories import ApiClientFactory
from terugkeer.api.tests.helpers import bearer, token_for
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_a_token_reads_the_organisations_clients():
    api_client = ApiClientFactory()
    ClientFactory(organisation=api_client.organisation, surname="Jansen")
    response = bearer(api_client).get("/api/v1/clients/")
    assert response.status_code == 200
    assert [c["surname"] for c in response.json()["results"]] == ["Jansen"]


def test_without_a_token_401_problem_details():
    response = Client().get("/api/v1/clients/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    body = response.json()
    assert body["status"] == 401 and body["title"] == "Niet aangemeld"


def test_a_wrong_secret_gets_no_token():
    api_client = ApiClientFactory()
    response = Client().post(
        "/api/v1/oauth/token/",
        {
            "grant_type": "client_credentials",
            "client_id": api_client.application.client_id,
            "client_secret": "fout",
        },
    )
    assert response.status_code == 401
    assert AccessToken.objects.count() == 0


def test_an_expired_client_gets_no_token_and_its_tokens_stop_working():
    api_client = ApiClientFactory()
    client = bearer(api_client)
    ApiClient.objects.filter(pk=api_client.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = client.get("/api/v1/clients/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Deze API-koppeling is verlopen of uitgeschakeld."
    with pytest.raises(AssertionError):
        token_for(api_client)


def test_a_switched_off_client_is_refused():
    api_client = ApiClientFactory()
    client = bearer(api_client)
    ApiClient.objects.filter(pk=api_client.pk).update(is_active=False)
    assert client.get("/api/v1/clients/").status_code == 401


def test_an_expired_token_is_refused():
    api_client = ApiClientFactory()
    client = bearer(api_client)
    AccessToken.objects.update(expires=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/api/v1/clients/").status_code == 401


def test_a_missing_scope_is_403_naming_it():
    api_client = ApiClientFactory(scopes=["read:intake"])
    response = bearer(api_client).get("/api/v1/clients/")
    assert response.status_code == 403
    assert response.json()["detail"] == "Deze koppeling heeft het recht 'read:casework' niet."
    assert bearer(api_client).get("/api/v1/notifications/").status_code == 200


def test_read_scope_does_not_write():
    api_client = ApiClientFactory(scopes=["read:casework"])
    trajectory = TrajectoryFactory(client=ClientFactory(organisation=api_client.organisation))
    response = bearer(api_client).patch(
        f"/api/v1/trajectories/{trajectory.pk}/",
        {"category": 2},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{trajectory.version}"',
    )
    assert response.status_code == 403
    trajectory.refresh_from_db()
    assert trajectory.category is None or trajectory.category != 2


def test_the_command_prints_the_secret_once(capsys):
    from terugkeer.accounts.tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name="Gemeente Westland")
    call_command(
        "api_client_create",
        "--organisation",
        "gemeente-westland",
        "--scopes",
        "read:casework,write:intake",
        "--name",
        "Zaaksysteem",
        "--days",
        "30",
    )
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("=", 1)[0] for line in lines] == ["client_id", "client_secret"]
    api_client = ApiClient.objects.get(organisation=organisation)
    assert api_client.scopes == ["read:casework", "write:intake"]
    assert api_client.application.client_id == lines[0].split("=", 1)[1]
    secret = lines[1].split("=", 1)[1]
    assert api_client.application.client_secret != secret  # stored hashed
    assert api_client.service_user.memberships.count() == 0
    assert (api_client.expires_at - timezone.now()).days == 29
    assert token_for(api_client, secret)
