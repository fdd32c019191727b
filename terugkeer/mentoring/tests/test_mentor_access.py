"""A mentor sees what the task needs and nothing more (issue 13, DESIGN.md section 5).

The matched mentor gets 403 or 404 on every dossier, plan, client, intake, detention,
assessment and report URL of their own participant (GET and POST; a refused POST changes no
row); the cases, clients and detention models show the mentor role nothing; the mentor's pages
show only the whitelisted projection and write the access log; and the mentor of another match
sees nothing of this participant.
"""

import dataclasses

import pytest
from django.urls import reverse
from django.utils.html import escape

from terugkeer.assessments.models import Measurement
from terugkeer.assessments.tests.factories import MeasurementFactory
from terugkeer.cases.choices import Programme, TrajectoryStatus
from terugkeer.cases.models import Action, Contact, Goal, Trajectory
from terugkeer.cases.plan_services import action_create, goal_create
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.models import Client
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.access import Scope
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.core.tests.test_access_matrix import _database_digest, all_url_names
from terugkeer.detention.models import Detention, DetentionNotification
from terugkeer.detention.tests.factories import DetentionNotificationFactory
from terugkeer.mentoring import selectors
from terugkeer.mentoring.models import MentorReport
from terugkeer.mentoring.tests.factories import MentorFactory, MentorMatchFactory
from terugkeer.testing import login_verified

pytestmark = pytest.mark.django_db

# Every URL of these namespaces concerns a client's dossier, detention, scores or reports.
CASE_NAMESPACES = (
    "dossier:",
    "plan:",
    "clients:",
    "cases:",
    "intake:",
    "reassign:",
    "assessments:",
    "reports:",
)


@pytest.fixture
def matched(db):
    mentor = MentorFactory()
    client = ClientFactory(
        organisation=mentor.organisation,
        first_names="Johan",
        surname="Verbeek",
        bsn="111222333",
        address="Geheimstraat 7",
        phone="070-1111111",
    )
    trajectory = TrajectoryFactory(
        client=client, programme=Programme.REINTEGRATION, status=TrajectoryStatus.GUIDANCE
    )
    match = MentorMatchFactory(
        mentor=mentor,
        trajectory=trajectory,
        shared_phone="06-22223333",
        shared_contact_note="liefst WhatsApp",
    )
    goal = goal_create(trajectory=trajectory, description="Vrijwilligerswerk vinden")
    return {
        "mentor": mentor,
        "match": match,
        "trajectory": trajectory,
        "client": client,
        "goal": goal,
        "action": action_create(trajectory=trajectory, description="Bellen met de bibliotheek"),
        "measurement": MeasurementFactory(trajectory=trajectory),
        "notification": DetentionNotificationFactory(detention=trajectory.detention),
    }


def _mentor_client(django_client, mentor):
    return login_verified(django_client, mentor.user, mentor.organisation)


def _case_urls(matched) -> list[str]:
    values = {
        "trajectory_pk": matched["trajectory"].pk,
        "client_pk": matched["client"].pk,
        "goal_pk": matched["goal"].pk,
        "action_pk": matched["action"].pk,
        "measurement_pk": matched["measurement"].pk,
        "notification_pk": matched["notification"].pk,
        "batch_pk": 1,
        "instrument_code": "c-toets",
        "slug": "bereik",
        "fmt": "csv",
    }
    urls = []
    for name, params in sorted(all_url_names().items()):
        if name.startswith(CASE_NAMESPACES):
            urls.append(reverse(name, kwargs={p: values[p] for p in params}))
    return urls


def test_the_mentor_role_gets_nothing_from_cases_clients_detention_and_assessments(matched):
    mentor = matched["mentor"]
    scope = Scope(user=mentor.user, organisation=mentor.organisation, role=Role.MENTOR)
    for model in (
        Trajectory,
        Client,
        Goal,
        Action,
        Contact,
        Detention,
        DetentionNotification,
        Measurement,
    ):
        assert not model.objects.visible_to(scope).exists(), model


def test_the_matched_mentor_is_refused_every_dossier_client_detention_assessment_and_report_url(
    client, matched
):
    mentor_client = _mentor_client(client, matched["mentor"])
    urls = _case_urls(matched)
    assert len(urls) >= 40
    before = _database_digest()
    wrong = []
    for url in urls:
        got = mentor_client.get(url).status_code
        posted = mentor_client.post(url, {"description": "x", "bsn": "123"}).status_code
        if got not in (403, 404) or posted not in (403, 404, 405):
            wrong.append((url, got, posted))
    assert wrong == []
    assert _database_digest() == before


def test_the_participant_page_shows_the_projection_only_and_writes_the_access_log(client, matched):
    match = matched["match"]
    response = _mentor_client(client, matched["mentor"]).get(
        reverse("mentoring:participant", args=[match.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    for shown in ("Johan Verbeek", "06-22223333", "liefst WhatsApp", "Vrijwilligerswerk vinden"):
        assert shown in html
    for hidden in ("111222333", "Geheimstraat", "070-1111111", "Bellen met de bibliotheek"):
        assert hidden not in html
    assert escape(matched["trajectory"].detention.institution.name) not in html
    participant = response.context["participant"]
    assert isinstance(participant, selectors.Participant)
    assert [f.name for f in dataclasses.fields(participant)] == [
        "match_id",
        "started_on",
        "name",
        "shared_phone",
        "shared_email",
        "shared_contact_note",
        "goals",
        "next_meeting",
        "feedback",
    ]
    values = [v for context in response.context for v in context.flatten().values()]
    assert not any(isinstance(value, (Client, Trajectory)) for value in values)
    entry = AccessLogEntry.objects.get(page="mentoring:participant")
    assert (entry.user, entry.subject_id) == (matched["mentor"].user, str(match.trajectory_id))


def test_a_mentor_of_another_match_sees_nothing_of_this_participant(client, matched):
    match = matched["match"]
    other = MentorMatchFactory(mentor=MentorFactory(organisation=match.organisation))
    other_client = _mentor_client(client, other.mentor)

    for name in ("mentoring:participant", "mentoring:report_create"):
        assert other_client.get(reverse(name, args=[match.pk])).status_code == 404
    posted = other_client.post(
        reverse("mentoring:report_create", args=[match.pk]),
        {"met_on": match.started_on.isoformat(), "contact_kind": "telefoon", "mood": "goed"},
    )
    assert posted.status_code == 404
    assert not MentorReport.objects.exists()
    for name in ("mentoring:my_participants", "mentoring:my_reports"):
        html = other_client.get(reverse(name)).content.decode()
        assert "Verbeek" not in html
        assert escape(other.trajectory.client.surname) in html
    assert not AccessLogEntry.objects.filter(subject_id=str(match.trajectory_id)).exists()


def test_an_ended_match_or_a_stopped_mentor_shows_the_participant_no_more(client, matched):
    match = matched["match"]
    match.ended_on = match.started_on
    match.end_reason = "doelen_bereikt"
    match.save()
    mentor_client = _mentor_client(client, matched["mentor"])
    assert mentor_client.get(reverse("mentoring:participant", args=[match.pk])).status_code == 404
    assert "Verbeek" not in mentor_client.get(reverse("mentoring:my_participants")).content.decode()


def test_a_closed_trajectory_shows_the_participant_no_more(client, matched):
    """Closing the case ends what the mentor may see, even before the match is ended by hand."""
    trajectory = matched["trajectory"]
    trajectory.status = TrajectoryStatus.CLOSED
    trajectory.save()
    match = matched["match"]
    mentor_client = _mentor_client(client, matched["mentor"])
    assert mentor_client.get(reverse("mentoring:participant", args=[match.pk])).status_code == 404
    assert "Verbeek" not in mentor_client.get(reverse("mentoring:my_participants")).content.decode()
