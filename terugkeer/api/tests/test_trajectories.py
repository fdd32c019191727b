"""Trajectory edits through the service: If-Match required (428), stale (412), transitions."""

import pytest
from django.test import Client

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.api.tests.factories import ApiClientFactory
from terugkeer.api.tests.helpers import bearer
from terugkeer.cases.models import StatusChange
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.testing import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_client():
    return ApiClientFactory()


@pytest.fixture
def trajectory(api_client):
    return TrajectoryFactory(client=ClientFactory(organisation=api_client.organisation))


def patch(http, trajectory, body, **headers):
    return http.patch(
        f"/api/v1/trajectories/{trajectory.pk}/", body, content_type="application/json", **headers
    )


def test_patch_with_the_current_version_changes_and_raises_it(api_client, trajectory):
    version = trajectory.version
    response = patch(bearer(api_client), trajectory, {"category": 2}, HTTP_IF_MATCH=f'"{version}"')
    assert response.status_code == 200, response.content
    assert response["ETag"] == f'"{version + 1}"'
    trajectory.refresh_from_db()
    assert (trajectory.category, trajectory.version) == (2, version + 1)
    assert trajectory.history.latest().history_type == "~"


def test_patch_without_if_match_is_428_and_changes_nothing(api_client, trajectory):
    version = trajectory.version
    response = patch(bearer(api_client), trajectory, {"category": 2})
    assert response.status_code == 428
    assert response.json()["title"] == "Versie ontbreekt"
    trajectory.refresh_from_db()
    assert (trajectory.category, trajectory.version) == (None, version)


def test_patch_with_a_stale_version_is_412_and_changes_nothing(api_client, trajectory):
    http, version = bearer(api_client), trajectory.version
    opened = f'"{version}"'
    assert patch(http, trajectory, {"category": 2}, HTTP_IF_MATCH=opened).status_code == 200
    stale = patch(http, trajectory, {"category": 3}, HTTP_IF_MATCH=opened)
    assert stale.status_code == 412
    assert stale["Content-Type"] == "application/problem+json"
    trajectory.refresh_from_db()
    assert (trajectory.category, trajectory.version) == (2, version + 1)


def test_a_bad_value_is_400_naming_the_field(api_client, trajectory):
    version = trajectory.version
    response = patch(bearer(api_client), trajectory, {"category": 9}, HTTP_IF_MATCH=f'"{version}"')
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["category"]
    trajectory.refresh_from_db()
    assert trajectory.version == version


def test_a_coordinator_of_another_organisation_cannot_be_set(api_client, trajectory):
    stranger = MembershipFactory(role=Role.COORDINATOR).user
    response = patch(
        bearer(api_client),
        trajectory,
        {"coordinator": stranger.pk},
        HTTP_IF_MATCH=f'"{trajectory.version}"',
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "coordinator"


def test_a_field_that_is_not_editable_is_refused_by_name(api_client, trajectory):
    response = patch(
        bearer(api_client),
        trajectory,
        {"status": "afgesloten"},
        HTTP_IF_MATCH=f'"{trajectory.version}"',
    )
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["status"]
    trajectory.refresh_from_db()
    assert trajectory.status == "aangemeld"


def test_transition_goes_through_the_workflow(api_client, trajectory):
    http, version = bearer(api_client), trajectory.version
    url = f"/api/v1/trajectories/{trajectory.pk}/transition/"
    response = http.post(
        url,
        {"to_status": "in_contact"},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{version}"',
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_contact"
    change = StatusChange.objects.filter(trajectory=trajectory).latest("pk")
    assert (change.to_status, change.changed_by) == ("in_contact", api_client.service_user)
    refused = http.post(
        url,
        {"to_status": "afgesloten"},
        content_type="application/json",
        HTTP_IF_MATCH=f'"{version + 1}"',
    )
    assert refused.status_code == 422
    assert refused.json()["detail"] == "Sluit het traject af met een reden."
    assert http.post(url, {"to_status": "intake"}, content_type="application/json").status_code == (
        428
    )


def test_a_team_chair_reads_but_may_not_change(api_client, trajectory):
    chair = MembershipFactory(organisation=api_client.organisation, role=Role.TEAM_CHAIR).user
    http = login_verified(Client(), chair, api_client.organisation)
    assert http.get(f"/api/v1/trajectories/{trajectory.pk}/").status_code == 200
    version = trajectory.version
    response = patch(http, trajectory, {"category": 2}, HTTP_IF_MATCH=f'"{version}"')
    assert response.status_code == 403
    trajectory.refresh_from_db()
    assert trajectory.version == version


def test_the_shielded_trajectory_cannot_be_changed_by_the_client(api_client):
    colleague = MembershipFactory(organisation=api_client.organisation, role=Role.COORDINATOR).user
    shielded = TrajectoryFactory(
        client=ClientFactory(organisation=api_client.organisation),
        coordinator=colleague,
        shielded=True,
    )
    version = shielded.version
    response = patch(bearer(api_client), shielded, {"category": 2}, HTTP_IF_MATCH=f'"{version}"')
    assert response.status_code == 404
    shielded.refresh_from_db()
    assert shielded.version == version


def test_put_is_not_offered(api_client, trajectory):
    response = bearer(api_client).put(
        f"/api/v1/trajectories/{trajectory.pk}/", {}, content_type="application/json"
    )
    assert response.status_code == 405
