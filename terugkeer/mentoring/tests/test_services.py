"""Services of the mentoring app: the pipeline, one active match per trajectory, reports."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from terugkeer.accounts.tests.factories import UserFactory
from terugkeer.mentoring import services
from terugkeer.mentoring.choices import ContactKind, ContactMood, MentorStatus
from terugkeer.mentoring.models import MentorMatch
from terugkeer.mentoring.tests.factories import (
    MentorFactory,
    MentorMatchFactory,
    MentorReportFactory,
)

pytestmark = pytest.mark.django_db


def test_the_pipeline_only_moves_forward_and_stopping_is_possible_from_every_step():
    assert services.allowed_transitions(MentorStatus.REGISTERED) == [
        MentorStatus.INTRODUCTION,
        MentorStatus.VOG_REQUESTED,
        MentorStatus.IN_TRAINING,
        MentorStatus.ACTIVE,
        MentorStatus.STOPPED,
    ]
    assert services.allowed_transitions(MentorStatus.IN_TRAINING) == [
        MentorStatus.ACTIVE,
        MentorStatus.STOPPED,
    ]
    assert services.allowed_transitions(MentorStatus.ACTIVE) == [MentorStatus.STOPPED]
    assert services.allowed_transitions(MentorStatus.STOPPED) == []


def test_a_mentor_walks_the_pipeline_and_every_step_is_recorded():
    mentor = MentorFactory(registered=True, start_date=None)
    user = UserFactory()
    today = timezone.localdate()
    for step in (MentorStatus.INTRODUCTION, MentorStatus.VOG_REQUESTED, MentorStatus.IN_TRAINING):
        mentor = services.mentor_transition(
            mentor=mentor, to_status=step, user=user, expected_version=mentor.version
        )
    with pytest.raises(ValidationError, match="VOG-datum en een getekende"):
        services.mentor_transition(
            mentor=mentor, to_status=MentorStatus.ACTIVE, user=user, expected_version=mentor.version
        )
    mentor = services.mentor_update(
        mentor=mentor,
        expected_version=mentor.version,
        changes={"vog_date": today, "agreement_signed_on": today},
    )
    mentor = services.mentor_transition(
        mentor=mentor, to_status=MentorStatus.ACTIVE, user=user, expected_version=mentor.version
    )

    assert mentor.status == MentorStatus.ACTIVE
    assert mentor.start_date == today  # set when the mentor becomes actief
    assert [(c.from_status, c.to_status) for c in mentor.status_changes.all()] == [
        ("aangemeld", "kennismaking"),
        ("kennismaking", "vog_aangevraagd"),
        ("vog_aangevraagd", "in_training"),
        ("in_training", "actief"),
    ]


def test_going_back_is_refused_and_stopping_needs_a_reason_and_no_active_match():
    mentor = MentorFactory()
    user = UserFactory()
    with pytest.raises(
        ValidationError, match="Van 'actief' kan een mentor niet naar 'in training'"
    ):
        services.mentor_transition(
            mentor=mentor, to_status=MentorStatus.IN_TRAINING, user=user, expected_version=1
        )
    with pytest.raises(ValidationError, match="reden van stoppen"):
        services.mentor_transition(
            mentor=mentor, to_status=MentorStatus.STOPPED, user=user, expected_version=1
        )
    match = MentorMatchFactory(mentor=mentor)
    with pytest.raises(ValidationError, match="nog actieve koppelingen"):
        services.mentor_transition(
            mentor=mentor,
            to_status=MentorStatus.STOPPED,
            user=user,
            expected_version=1,
            reason="verhuisd",
        )
    services.match_end(match=match, expected_version=match.version, reason="mentor_stopt")
    stopped = services.mentor_transition(
        mentor=mentor,
        to_status=MentorStatus.STOPPED,
        user=user,
        expected_version=1,
        reason=" verhuisd ",
    )
    assert (stopped.status, stopped.stop_reason, stopped.stopped_on) == (
        MentorStatus.STOPPED,
        "verhuisd",
        timezone.localdate(),
    )


def test_a_stale_transition_is_refused():
    mentor = MentorFactory(registered=True)
    user = UserFactory()
    services.mentor_transition(
        mentor=mentor, to_status=MentorStatus.INTRODUCTION, user=user, expected_version=1
    )
    with pytest.raises(ValidationError, match="intussen gewijzigd"):
        services.mentor_transition(
            mentor=mentor, to_status=MentorStatus.VOG_REQUESTED, user=user, expected_version=1
        )


def test_one_active_match_per_trajectory_several_per_mentor():
    first = MentorMatchFactory()
    mentor = first.mentor
    other_mentor = MentorFactory(organisation=mentor.organisation)
    user = UserFactory()

    with pytest.raises(ValidationError, match="al een actieve mentor"):
        services.match_start(mentor=other_mentor, trajectory=first.trajectory, user=user)
    second = MentorMatchFactory(mentor=mentor)  # a mentor may walk beside several participants
    assert mentor.matches.active().count() == 2

    # The database itself refuses a second active match (what decides a race).
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorMatch.objects.create(
            organisation=mentor.organisation,
            mentor=other_mentor,
            trajectory=second.trajectory,
            started_on=timezone.localdate(),
            started_by=user,
        )

    services.match_end(match=first, expected_version=first.version, reason="geen_klik")
    again = services.match_start(
        mentor=other_mentor, trajectory=first.trajectory, user=user, shared_phone="06-1"
    )
    assert again.is_active and again.shared_phone == "06-1"


def test_only_an_active_mentor_is_matched():
    match = MentorMatchFactory()
    trainee = MentorFactory(organisation=match.organisation, status=MentorStatus.IN_TRAINING)
    services.match_end(match=match, expected_version=1, reason="anders")
    with pytest.raises(ValidationError, match="Alleen een actieve mentor"):
        services.match_start(mentor=trainee, trajectory=match.trajectory, user=UserFactory())


def test_only_the_mentor_of_an_active_match_files_a_report():
    match = MentorMatchFactory()
    met_on = timezone.localdate() - datetime.timedelta(days=1)
    fields = dict(met_on=met_on, contact_kind=ContactKind.PHONE, mood=ContactMood.FAIR)

    with pytest.raises(ValidationError, match="Alleen de mentor van deze koppeling"):
        services.report_file(match=match, user=UserFactory(), **fields)
    report = services.report_file(
        match=match, user=match.mentor.user, wants_casemanager_contact=True, **fields
    )
    assert (report.organisation, report.met_on, report.filed_by) == (
        match.organisation,
        met_on,
        match.mentor.user,
    )
    with pytest.raises(ValidationError):
        services.report_file(
            match=match,
            user=match.mentor.user,
            met_on=timezone.localdate() + datetime.timedelta(days=1),
            contact_kind=ContactKind.PHONE,
            mood=ContactMood.GOOD,
        )
    services.match_end(match=match, expected_version=1, reason="doelen_bereikt")
    with pytest.raises(ValidationError, match="beëindigd"):
        services.report_file(match=match, user=match.mentor.user, **fields)


def test_feedback_is_recorded_with_who_and_when_and_not_by_the_author():
    report = MentorReportFactory()
    casemanager = UserFactory()
    with pytest.raises(ValidationError, match="eigen verslag"):
        services.report_feedback(
            report=report,
            user=report.filed_by,
            expected_version=1,
            feedback="x",
            for_team_meeting=False,
        )
    updated = services.report_feedback(
        report=report,
        user=casemanager,
        expected_version=1,
        feedback=" Goed gedaan; vraag naar de schuldhulp. ",
        for_team_meeting=True,
    )
    assert updated.feedback == "Goed gedaan; vraag naar de schuldhulp."
    assert updated.feedback_by == casemanager and updated.feedback_at is not None
    assert updated.for_team_meeting and updated.version == 2


def test_attendance_is_only_recorded_for_the_own_organisations_mentors_after_the_meeting():
    mentor = MentorFactory()
    stranger = MentorFactory()
    user = UserFactory()
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="eigen organisatie"):
        services.meeting_record(
            organisation=mentor.organisation, user=user, held_on=today, attendees=[stranger]
        )
    with pytest.raises(ValidationError, match="na de vergadering"):
        services.meeting_record(
            organisation=mentor.organisation,
            user=user,
            held_on=today + datetime.timedelta(days=7),
            attendees=[mentor],
        )
    meeting = services.meeting_record(
        organisation=mentor.organisation, user=user, held_on=today, attendees=[mentor]
    )
    assert list(meeting.attendees.all()) == [mentor]


def test_a_mentor_links_a_user_with_the_mentor_role_once():
    mentor = MentorFactory()
    organisation = mentor.organisation
    with pytest.raises(ValidationError, match="niet de rol mentor"):
        services.mentor_create(organisation=organisation, full_name="Bea", user=UserFactory())
    with pytest.raises(ValidationError, match="al aan een andere mentor"):
        services.mentor_create(organisation=organisation, full_name="Bea", user=mentor.user)
    same = services.mentor_update(
        mentor=mentor, expected_version=1, changes={"user": mentor.user, "availability": "zondag"}
    )
    assert (same.availability, same.version) == ("zondag", 2)
