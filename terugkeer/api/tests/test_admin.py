"""Beheer of API clients: the tenant's own only, scopes checked, no secrets made here."""

import pytest
from django.test import Client
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.api.models import ApiClient
from terugkeer.api.tests.factories import ApiClientFactory
from terugkeer.core.roles import Role
from terugkeer.testing import login_verified

pytestmark = pytest.mark.django_db


def _admin_of(organisation) -> Client:
    user = MembershipFactory(organisation=organisation, role=Role.FUNCTIONAL_ADMIN).user
    return login_verified(Client(), user, organisation)


def _form(api_client, **overrides) -> dict:
    local = api_client.expires_at.astimezone()
    values = {
        "name": api_client.name,
        "scopes": '["read:casework"]',
        "expires_at_0": local.strftime("%d-%m-%Y"),
        "expires_at_1": local.strftime("%H:%M:%S"),
        "is_active": "on",
    }
    values.update(overrides)
    return values


def test_the_changelist_shows_only_the_own_organisations_clients():
    own, other = ApiClientFactory(name="Eigen koppeling"), ApiClientFactory(name="Andere")
    page = _admin_of(own.organisation).get(reverse("admin:api_apiclient_changelist"))
    assert "Eigen koppeling" in page.content.decode()
    assert "Andere" not in page.content.decode()
    assert other.name == "Andere"


def test_unknown_scopes_are_refused_and_nothing_changes():
    api_client = ApiClientFactory()
    url = reverse("admin:api_apiclient_change", args=[api_client.pk])
    response = _admin_of(api_client.organisation).post(
        url, _form(api_client, scopes='["alles:mogen"]')
    )
    assert response.status_code == 200
    assert "Onbekende rechten: alles:mogen" in response.content.decode()
    api_client.refresh_from_db()
    assert "alles:mogen" not in api_client.scopes


def test_the_admin_narrows_scopes_and_switches_a_client_off():
    api_client = ApiClientFactory()
    url = reverse("admin:api_apiclient_change", args=[api_client.pk])
    form = _form(api_client)
    del form["is_active"]
    response = _admin_of(api_client.organisation).post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    api_client = ApiClient.objects.get(pk=api_client.pk)
    assert (api_client.scopes, api_client.is_active) == (["read:casework"], False)
