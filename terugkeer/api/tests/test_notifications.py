"""Meldingen pushed by a system: the file import's checks and intake, all or nothing, idempotent."""

import datetime

import pytest
from django.utils import timezone

from terugkeer.accounts.tests.factories import MunicipalityFactory, OrganisationFactory
from terugkeer.api.models import IdempotencyRecord
from terugkeer.api.tests.factories import ApiClientFactory
from terugkeer.api.tests.helpers import bearer
from terugkeer.cases.models import Trajectory
from terugkeer.clients.models import Client
from terugkeer.detention.models import DetentionNotification

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_client():
    municipality = MunicipalityFactory(name="Katwijk", cbs_code="GM0537")
    organisation = OrganisationFactory(municipalities=[municipality])
    return ApiClientFactory(organisation=organisation)


def melding(**overrides) -> dict:
    start = timezone.localdate() - datetime.timedelta(days=3)
    values = {
        "kind": "begin",
        "bsn": "111222333",
        "surname": "Jansen",
        "first_names": "Piet",
        "birth_date": "1990-05-17",
        "municipality": "GM0537",
        "institution": "PI Nieuwegein",
        "detention_start": start.isoformat(),
        "dji_number": "DJI1",
    }
    values.update(overrides)
    return values


def post(http, body, **headers):
    return http.post("/api/v1/notifications/", body, content_type="application/json", **headers)


def test_one_melding_opens_client_detention_and_trajectory(api_client):
    response = post(bearer(api_client), melding())
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["created"], body["duplicates"]) == (1, 0)
    assert body["results"][0]["outcome"] == "nieuwe_client"
    trajectory = Trajectory.objects.get()
    assert body["results"][0]["trajectory"] == trajectory.pk
    assert trajectory.organisation == api_client.organisation
    notification = DetentionNotification.objects.get()
    assert notification.registered_by == api_client.service_user
    assert notification.bsn == "111222333"


def test_the_same_melding_twice_creates_one(api_client):
    http = bearer(api_client)
    assert post(http, melding()).status_code == 201
    again = post(http, [melding()])
    assert again.status_code == 200
    assert again.json()["results"][0]["outcome"] == "dubbel"
    assert DetentionNotification.objects.count() == 1
    assert Client.objects.count() == 1


def test_a_batch_registers_in_order_and_the_second_melding_sees_the_first(api_client):
    end = melding(kind="einde", release_date=timezone.localdate().isoformat(), institution="")
    response = post(bearer(api_client), [melding(), end])
    assert response.status_code == 201, response.content
    assert [r["outcome"] for r in response.json()["results"]] == ["nieuwe_client", "bekende_client"]
    assert DetentionNotification.objects.count() == 2
    assert Trajectory.objects.get().released_on == timezone.localdate()


def test_one_bad_row_refuses_the_whole_request_naming_row_and_field(api_client):
    response = post(bearer(api_client), [melding(), melding(bsn="123456789", dji_number="DJI2")])
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "Ongeldige invoer"
    assert body["detail"] == "1 melding(en) afgewezen; er is niets vastgelegd."
    assert body["errors"] == [
        {"field": "[1].bsn", "detail": "Melding 2: BSN 123456789 voldoet niet aan de elfproef."}
    ]
    assert DetentionNotification.objects.count() == 0
    assert Client.objects.count() == 0


def test_a_missing_field_and_an_unknown_field_are_named(api_client):
    values = melding(schoenmaat="44")
    del values["surname"]
    response = post(bearer(api_client), values)
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["[0].schoenmaat", "[0].surname"]


def test_a_melding_the_intake_refuses_rolls_back_the_rest(api_client):
    # An unknown municipality is refused by the intake itself (not by the row checks).
    bad = melding(bsn="123456782", dji_number="DJI2", municipality="Atlantis")
    response = post(bearer(api_client), [melding(), bad])
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["[1]"]
    assert errors[0]["detail"].startswith("Melding 2: ")
    assert DetentionNotification.objects.count() == 0
    assert Trajectory.objects.count() == 0


def test_an_idempotency_key_replays_the_first_answer(api_client):
    http = bearer(api_client)
    first = post(http, melding(), HTTP_IDEMPOTENCY_KEY="aanlevering-1")
    assert first.status_code == 201
    again = post(http, melding(), HTTP_IDEMPOTENCY_KEY="aanlevering-1")
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert DetentionNotification.objects.count() == 1
    record = IdempotencyRecord.objects.get()
    assert (record.owner, record.key) == (f"client:{api_client.pk}", "aanlevering-1")
    assert len(record.response_hash) == 64


def test_an_idempotency_key_reused_for_another_request_is_refused(api_client):
    http = bearer(api_client)
    post(http, melding(), HTTP_IDEMPOTENCY_KEY="k")
    other = post(http, melding(bsn="123456782"), HTTP_IDEMPOTENCY_KEY="k")
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert DetentionNotification.objects.count() == 1


def test_a_refused_request_does_not_use_up_its_key(api_client):
    http = bearer(api_client)
    assert post(http, melding(bsn="123"), HTTP_IDEMPOTENCY_KEY="k").status_code == 400
    assert IdempotencyRecord.objects.count() == 0


def test_pushing_needs_the_write_scope(api_client):
    api_client.scopes = ["read:intake"]
    api_client.save()
    response = post(bearer(api_client), melding())
    assert response.status_code == 403
    assert DetentionNotification.objects.count() == 0


def test_a_body_that_is_not_json_is_415(api_client):
    response = bearer(api_client).post("/api/v1/notifications/", {"bsn": "1"})
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"
