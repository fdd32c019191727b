"""Reads: scoped to the client's organisation, shielded trajectories hidden, every read logged."""

import pytest
from django.test import Client

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.api.tests.factories import ApiClientFactory
from terugkeer.api.tests.helpers import bearer
from terugkeer.assessments.tests.factories import MeasurementFactory
from terugkeer.cases.plan_services import goal_create
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import DetentionNotificationFactory
from terugkeer.testing import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    """An API client, a visible trajectory, another organisation's and a shielded one."""
    api_client = ApiClientFactory()
    own = api_client.organisation
    visible = TrajectoryFactory(client=ClientFactory(organisation=own, surname="Zichtbaar"))
    foreign = TrajectoryFactory(client=ClientFactory(surname="Elders"))
    colleague = MembershipFactory(organisation=own, role=Role.COORDINATOR).user
    shielded = TrajectoryFactory(
        client=ClientFactory(organisation=own, surname="Afgeschermd"),
        coordinator=colleague,
        shielded=True,
    )
    return {
        "api_client": api_client,
        "http": bearer(api_client),
        "visible": visible,
        "foreign": foreign,
        "shielded": shielded,
    }


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_clients_list_and_detail_are_scoped(setting):
    http, visible = setting["http"], setting["visible"]
    assert _ids(http.get("/api/v1/clients/")) == [visible.client_id]
    assert http.get(f"/api/v1/clients/{visible.client_id}/").json()["surname"] == "Zichtbaar"
    assert http.get(f"/api/v1/clients/{setting['foreign'].client_id}/").status_code == 404
    response = http.get(f"/api/v1/clients/{setting['shielded'].client_id}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Niet gevonden"


def test_trajectories_list_and_detail_are_scoped_with_plan_and_history(setting):
    http, visible = setting["http"], setting["visible"]
    goal_create(trajectory=visible, description="Een woning vinden")
    assert _ids(http.get("/api/v1/trajectories/")) == [visible.pk]
    response = http.get(f"/api/v1/trajectories/{visible.pk}/")
    body = response.json()
    assert response["ETag"] == f'"{visible.version}"'
    assert body["status"] == "aangemeld"
    assert [g["description"] for g in body["goals"]] == ["Een woning vinden"]
    assert {"status_changes", "triage", "actions", "contacts"} <= set(body)
    assert http.get(f"/api/v1/trajectories/{setting['foreign'].pk}/").status_code == 404
    assert http.get(f"/api/v1/trajectories/{setting['shielded'].pk}/").status_code == 404


def test_detentions_are_scoped(setting):
    http = setting["http"]
    assert _ids(http.get("/api/v1/detentions/")) == [setting["visible"].detention_id]
    assert http.get(f"/api/v1/detentions/{setting['foreign'].detention_id}/").status_code == 404
    assert http.get(f"/api/v1/detentions/{setting['shielded'].detention_id}/").status_code == 404


def test_notifications_are_scoped(setting):
    http = setting["http"]
    own = DetentionNotificationFactory(detention=setting["visible"].detention)
    foreign = DetentionNotificationFactory(detention=setting["foreign"].detention)
    shielded = DetentionNotificationFactory(detention=setting["shielded"].detention)
    assert _ids(http.get("/api/v1/notifications/")) == [own.pk]
    assert http.get(f"/api/v1/notifications/{own.pk}/").json()["bsn"] == own.bsn
    assert http.get(f"/api/v1/notifications/{foreign.pk}/").status_code == 404
    assert http.get(f"/api/v1/notifications/{shielded.pk}/").status_code == 404


def test_measurements_are_scoped(setting):
    http = setting["http"]
    own = MeasurementFactory(trajectory=setting["visible"])
    foreign = MeasurementFactory(trajectory=setting["foreign"])
    shielded = MeasurementFactory(trajectory=setting["shielded"])
    assert _ids(http.get("/api/v1/measurements/")) == [own.pk]
    assert http.get(f"/api/v1/measurements/{own.pk}/").json()["trajectory"] == setting["visible"].pk
    assert http.get(f"/api/v1/measurements/{foreign.pk}/").status_code == 404
    assert http.get(f"/api/v1/measurements/{shielded.pk}/").status_code == 404


def test_every_read_is_logged_with_the_clients_name(setting):
    http, visible, api_client = setting["http"], setting["visible"], setting["api_client"]
    http.get("/api/v1/clients/")
    http.get(f"/api/v1/trajectories/{visible.pk}/")
    entries = list(AccessLogEntry.objects.order_by("pk"))
    assert [(e.subject_label, e.purpose) for e in entries] == [
        (str(visible.client), f"API: {api_client.name}"),
        (str(visible), f"API: {api_client.name}"),
    ]
    assert {e.user_id for e in entries} == {api_client.service_user_id}
    assert {e.organisation_id for e in entries} == {api_client.organisation_id}
    assert entries[1].page == "api:trajectory-detail"


def test_cursor_pagination_and_worklist_filters(setting):
    api_client, http = setting["api_client"], setting["http"]
    coordinator = MembershipFactory(
        organisation=api_client.organisation, role=Role.COORDINATOR
    ).user
    mine = [
        TrajectoryFactory(
            client=ClientFactory(organisation=api_client.organisation), coordinator=coordinator
        )
        for _ in range(3)
    ]
    first = http.get(f"/api/v1/trajectories/?coordinator={coordinator.pk}&page_size=2").json()
    assert [row["id"] for row in first["results"]] == [mine[0].pk, mine[1].pk]
    second = Client(HTTP_AUTHORIZATION=http.defaults["HTTP_AUTHORIZATION"]).get(first["next"])
    assert _ids(second) == [mine[2].pk]
    assert _ids(http.get("/api/v1/trajectories/?queue=true")) == [setting["visible"].pk]
    assert _ids(http.get("/api/v1/trajectories/?status=afgesloten")) == []
    cbs = setting["visible"].municipality.cbs_code
    assert _ids(http.get(f"/api/v1/trajectories/?municipality={cbs}")) == [
        setting["visible"].pk,
        *(t.pk for t in mine),
    ]


def test_a_bad_filter_value_is_a_400_naming_the_field(setting):
    response = setting["http"].get("/api/v1/trajectories/?status=onzin")
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["status"]


def test_people_use_the_api_with_their_session_and_their_own_scope(setting):
    own = setting["api_client"].organisation
    chair = MembershipFactory(organisation=own, role=Role.TEAM_CHAIR).user
    http = login_verified(Client(), chair, own)
    # The team chair reads every case of the team, the shielded one too (as in the UI).
    assert sorted(_ids(http.get("/api/v1/trajectories/"))) == sorted(
        [setting["visible"].pk, setting["shielded"].pk]
    )
    mentor = MembershipFactory(organisation=own, role=Role.MENTOR).user
    assert login_verified(Client(), mentor, own).get("/api/v1/clients/").status_code == 403
    entry = AccessLogEntry.objects.filter(user=chair).first()
    assert entry.purpose == "API"
