"""Programme resources: mentor matches, scoped through their trajectory and logged per client."""

import datetime

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.api.tests.factories import ApiClientFactory
from terugkeer.api.tests.helpers import bearer
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.mentoring.tests.factories import MentorFactory, MentorMatchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def matches():
    api_client = ApiClientFactory()
    own = api_client.organisation
    mentor = MentorFactory(organisation=own)
    visible = MentorMatchFactory(mentor=mentor, shared_phone="06-11122233")
    ended = MentorMatchFactory(
        mentor=mentor,
        ended_on=visible.started_on + datetime.timedelta(days=30),
        end_reason="doelen_bereikt",
    )
    colleague = MembershipFactory(organisation=own, role=Role.COORDINATOR).user
    shielded = MentorMatchFactory(
        mentor=mentor,
        trajectory=TrajectoryFactory(
            client=ClientFactory(organisation=own), coordinator=colleague, shielded=True
        ),
    )
    foreign = MentorMatchFactory()
    return {
        "api_client": api_client,
        "visible": visible,
        "ended": ended,
        "shielded": shielded,
        "foreign": foreign,
    }


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_mentor_matches_list_and_detail_are_scoped_and_logged(matches):
    http = bearer(matches["api_client"])
    visible, ended = matches["visible"], matches["ended"]
    assert _ids(http.get("/api/v1/mentor-matches/")) == [visible.pk, ended.pk]
    assert _ids(http.get("/api/v1/mentor-matches/?active=true")) == [visible.pk]
    assert _ids(http.get("/api/v1/mentor-matches/?active=false")) == [ended.pk]
    assert _ids(http.get(f"/api/v1/mentor-matches/?trajectory={ended.trajectory_id}")) == [ended.pk]

    AccessLogEntry.objects.all().delete()
    body = http.get(f"/api/v1/mentor-matches/{visible.pk}/").json()
    assert (body["trajectory"], body["mentor"]) == (visible.trajectory_id, visible.mentor_id)
    assert body["shared_phone"] == "06-11122233"
    assert body["end_reason"] == ""
    entry = AccessLogEntry.objects.get()
    assert entry.subject_label == str(visible)
    assert entry.purpose == f"API: {matches['api_client'].name}"

    for hidden in ("shielded", "foreign"):
        response = http.get(f"/api/v1/mentor-matches/{matches[hidden].pk}/")
        assert response.status_code == 404, hidden
        assert response["Content-Type"] == "application/problem+json"


def test_a_bad_filter_value_is_refused_naming_the_parameter(matches):
    http = bearer(matches["api_client"])
    for query, field in (("active=misschien", "active"), ("trajectory=1.5", "trajectory")):
        response = http.get(f"/api/v1/mentor-matches/?{query}")
        assert response.status_code == 400, query
        assert [e["field"] for e in response.json()["errors"]] == [field]
    response = http.get("/api/v1/mentor-matches/?active=")
    assert response.status_code == 400
    assert response.json()["errors"][0]["detail"] == "Laat deze parameter weg of geef een waarde."
