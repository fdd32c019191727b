"""The mentoring pages end to end (server side): a mentor files a report, the casemanager
answers, the mentor sees the answer; matching on the dossier tab; meetings; the klantreis."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.timeline import client_journey
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.mentoring.models import MentorMatch, MentorMeeting, MentorReport
from terugkeer.mentoring.tests.factories import (
    MentorFactory,
    MentorMatchFactory,
    MentorReportFactory,
)
from terugkeer.testing import login_verified, new_form_token

pytestmark = pytest.mark.django_db


def _casemanager(organisation):
    return MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user


def test_a_mentor_files_a_report_the_casemanager_answers_and_the_mentor_sees_it(client):
    match = MentorMatchFactory()
    mentor_user = match.mentor.user
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    login_verified(client, mentor_user, match.organisation)
    home = client.get(reverse("core:home")).content.decode()
    assert reverse("mentoring:my_participants") in home
    response = client.post(
        reverse("mentoring:report_create", args=[match.pk]),
        {
            "form_token": new_form_token(),
            "met_on": yesterday.isoformat(),
            "contact_kind": "wandeling",
            "mood": "redelijk",
            "summary": "Samen gewandeld; hij slaapt slecht.",
            "wants_casemanager_contact": "on",
        },
    )
    assert response.status_code == 302
    report = MentorReport.objects.get()
    assert (report.met_on, report.filed_by, report.wants_casemanager_contact) == (
        yesterday,
        mentor_user,
        True,
    )

    casemanager = _casemanager(match.organisation)
    login_verified(client, casemanager, match.organisation)
    inbox = client.get(reverse("mentoring:inbox")).content.decode()
    assert reverse("mentoring:report_detail", args=[report.pk]) in inbox
    response = client.post(
        reverse("mentoring:report_detail", args=[report.pk]),
        {"feedback": "Fijn dat jullie wandelen. Ik bel hem over de huisarts.", "version": 1},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.feedback_by, report.version) == (casemanager, 2)

    login_verified(client, mentor_user, match.organisation)
    page = client.get(reverse("mentoring:participant", args=[match.pk])).content.decode()
    assert "Ik bel hem over de huisarts." in page
    assert (
        "Ik bel hem over de huisarts."
        in client.get(reverse("mentoring:my_reports")).content.decode()
    )


def test_a_report_dated_in_the_future_is_refused_with_a_dutch_message(client):
    match = MentorMatchFactory()
    login_verified(client, match.mentor.user, match.organisation)
    response = client.post(
        reverse("mentoring:report_create", args=[match.pk]),
        {
            "form_token": new_form_token(),
            "met_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
            "contact_kind": "telefoon",
            "mood": "goed",
        },
    )
    assert response.status_code == 200
    assert "De datum van het contact ligt in de toekomst." in response.content.decode()
    assert not MentorReport.objects.exists()


def test_matching_on_the_dossier_tab_and_a_second_active_match_is_refused(client):
    match = MentorMatchFactory()
    organisation = match.organisation
    free = MentorFactory(organisation=organisation, full_name="Anna de Vries")
    login_verified(client, _casemanager(organisation), organisation)

    tab = client.get(reverse("mentoring:trajectory", args=[match.trajectory_id]))
    assert tab.status_code == 200
    assert escape(match.mentor.full_name) in tab.content.decode()
    response = client.post(
        reverse("mentoring:match_create", args=[match.trajectory_id]),
        {
            "mentor": free.pk,
            "started_on": timezone.localdate().isoformat(),
            "form_token": new_form_token(),
        },
    )
    assert response.status_code == 200
    assert "Dit traject heeft al een actieve mentor." in response.content.decode()
    assert MentorMatch.objects.filter(trajectory=match.trajectory).count() == 1

    response = client.post(
        reverse("mentoring:match_end", args=[match.pk]),
        {"ended_on": timezone.localdate().isoformat(), "end_reason": "geen_klik", "version": 1},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("mentoring:match_create", args=[match.trajectory_id]),
        {
            "mentor": free.pk,
            "started_on": timezone.localdate().isoformat(),
            "shared_phone": "06-99998888",
            "form_token": new_form_token(),
        },
    )
    assert response.status_code == 302
    assert MentorMatch.objects.active().get(trajectory=match.trajectory).mentor == free


def test_mentor_pipeline_through_the_pages(client):
    mentor = MentorFactory(registered=True)
    login_verified(client, _casemanager(mentor.organisation), mentor.organisation)
    url = reverse("mentoring:mentor_transition", args=[mentor.pk])
    today = timezone.localdate().isoformat()

    response = client.post(url, {"to_status": "actief", "on": today, "version": 1})
    assert "VOG-datum" in response.content.decode()
    response = client.post(url, {"to_status": "kennismaking", "on": today, "version": 1})
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert (mentor.status, mentor.version) == ("kennismaking", 2)
    listing = client.get(reverse("mentoring:mentor_list")).content.decode()
    assert escape(mentor.full_name) in listing


def test_a_meeting_is_recorded_with_attendance(client):
    mentor = MentorFactory()
    login_verified(client, _casemanager(mentor.organisation), mentor.organisation)
    today = timezone.localdate()
    response = client.post(
        reverse("mentoring:meeting_create"),
        {
            "held_on": today.isoformat(),
            "attendees": [mentor.pk],
            "topics": "Terugval herkennen",
            "form_token": new_form_token(),
        },
    )
    assert response.status_code == 302
    meeting = MentorMeeting.objects.get()
    assert (meeting.held_on, list(meeting.attendees.all())) == (today, [mentor])
    assert "Terugval herkennen" in client.get(reverse("mentoring:meeting_list")).content.decode()


def test_klantreis_shows_mentor_contacts_without_their_text():
    report = MentorReportFactory(summary="Heel persoonlijk verhaal", contact_kind="telefoon")
    trajectory = report.match.trajectory
    user = _casemanager(report.organisation)
    scope = Scope(user=user, organisation=report.organisation, role=Role.COORDINATOR)

    events = [
        e for e in client_journey(scope=scope, trajectory=trajectory) if e.kind == "mentor_contact"
    ]
    assert [(e.date, e.label, e.details) for e in events] == [
        (report.met_on, "Mentorcontact: telefonisch", "")
    ]


def test_recruitment_per_quarter_worked_out_by_hand():
    from terugkeer.mentoring.selectors import QuarterFigures, recruitment_by_quarter
    from terugkeer.mentoring.tests.factories import MentorStatusChangeFactory

    D = datetime.date
    december = MentorFactory(registered_on=D(2025, 12, 31))
    organisation = december.organisation
    january = MentorFactory(organisation=organisation, registered_on=D(2026, 1, 1))
    MentorFactory(organisation=organisation, registered_on=D(2025, 3, 31))  # before the window
    MentorStatusChangeFactory(mentor=january, to_status="actief", changed_on=D(2026, 2, 15))
    MentorStatusChangeFactory(
        mentor=december, from_status="actief", to_status="gestopt", changed_on=D(2025, 7, 1)
    )
    MentorStatusChangeFactory(
        mentor=december, from_status="aangemeld", to_status="in_training", changed_on=D(2025, 8, 1)
    )
    user = _casemanager(organisation)
    scope = Scope(user=user, organisation=organisation, role=Role.COORDINATOR)

    assert recruitment_by_quarter(scope=scope, today=D(2026, 3, 10)) == [
        QuarterFigures("2025 K2", 0, 0, 0),
        QuarterFigures("2025 K3", 0, 0, 1),
        QuarterFigures("2025 K4", 1, 0, 0),
        QuarterFigures("2026 K1", 1, 1, 0),
    ]
