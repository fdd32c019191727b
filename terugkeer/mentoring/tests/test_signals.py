"""The mentoring signals, with dates worked out by hand (``today`` is passed, not the clock).

Today in these tests is Tuesday 10 March 2026. The report limit is 10 *calendar* days from the
contact date of the last report (or the start of the match): due on that date + 10, shown from
the day after.
"""

import datetime

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.core.signals_registry import Severity, signals_for
from terugkeer.mentoring import signal_providers
from terugkeer.mentoring.models import MentoringSettings
from terugkeer.mentoring.tests.factories import (
    MentorFactory,
    MentorMatchFactory,
    MentorMeetingFactory,
    MentorReportFactory,
)

pytestmark = pytest.mark.django_db

TUESDAY = datetime.date(2026, 3, 10)
FRIDAY_BEFORE_LAST = datetime.date(2026, 2, 27)
SATURDAY_BEFORE_LAST = datetime.date(2026, 2, 28)


def _scope(organisation, role=Role.COORDINATOR) -> Scope:
    user = MembershipFactory(organisation=organisation, role=role).user
    return Scope(user=user, organisation=organisation, role=role)


def _match(started_on, organisation=None):
    mentor = MentorFactory(**({"organisation": organisation} if organisation else {}))
    return MentorMatchFactory(mentor=mentor, started_on=started_on)


def test_a_report_on_friday_is_missing_on_tuesday_a_week_and_a_half_later():
    # Friday 27 Feb + 10 days = Monday 9 March: overdue on Tuesday 10 March.
    match = _match(datetime.date(2026, 2, 2))
    MentorReportFactory(match=match, met_on=FRIDAY_BEFORE_LAST)
    scope = _scope(match.organisation)

    (signal,) = signal_providers.mentor_report_missing(scope, TUESDAY)
    assert signal.code == "mentor_verslag_ontbreekt"
    assert signal.due == datetime.date(2026, 3, 9)
    assert signal.title == (
        f"Geen mentorverslag sinds 27-02-2026 (mentor {match.mentor.full_name})"
    )
    assert signal.subject == match.trajectory.client.display_name
    assert signal.trajectory_id == match.trajectory_id


def test_a_report_on_saturday_is_not_yet_missing_on_the_tuesday_ten_days_later():
    # Saturday 28 Feb + 10 days = Tuesday 10 March: due today, so not yet overdue.
    match = _match(datetime.date(2026, 2, 2))
    MentorReportFactory(match=match, met_on=SATURDAY_BEFORE_LAST)
    scope = _scope(match.organisation)

    assert list(signal_providers.mentor_report_missing(scope, TUESDAY)) == []
    (signal,) = signal_providers.mentor_report_missing(scope, datetime.date(2026, 3, 11))
    assert signal.due == TUESDAY


def test_without_reports_the_start_counts_and_ended_matches_never_signal():
    match = _match(FRIDAY_BEFORE_LAST)
    MentorMatchFactory(
        mentor=MentorFactory(organisation=match.organisation),
        started_on=datetime.date(2026, 1, 5),
        ended_on=datetime.date(2026, 2, 1),
        end_reason="geen_klik",
    )
    scope = _scope(match.organisation)

    (signal,) = signal_providers.mentor_report_missing(scope, TUESDAY)
    assert signal.title.startswith("Geen mentorverslag sinds 27-02-2026")


def test_the_organisation_sets_its_own_number_of_days():
    match = _match(datetime.date(2026, 2, 2))
    MentorReportFactory(match=match, met_on=FRIDAY_BEFORE_LAST)
    MentoringSettings.objects.create(organisation=match.organisation, report_max_days=14)
    # 27 Feb + 14 days = Friday 13 March.
    assert list(signal_providers.mentor_report_missing(_scope(match.organisation), TUESDAY)) == []


def test_a_mentor_asking_for_contact_raises_a_signal_until_the_casemanager_reacts():
    report = MentorReportFactory(met_on=SATURDAY_BEFORE_LAST, wants_casemanager_contact=True)
    scope = _scope(report.organisation)

    (signal,) = signal_providers.mentor_contact_wanted(scope, TUESDAY)
    assert signal.severity == Severity.HIGH
    assert signal.title == (
        f"Mentor {report.match.mentor.full_name} wil graag contact (verslag van 28-02-2026)"
    )
    report.feedback = "Ik bel hem morgen."
    report.save()
    assert list(signal_providers.mentor_contact_wanted(scope, TUESDAY)) == []


def test_the_next_mentor_meeting_not_scheduled():
    mentor = MentorFactory()
    organisation = mentor.organisation
    MentorMeetingFactory(organisation=organisation, held_on=datetime.date(2026, 2, 3))
    scope = _scope(organisation, Role.TEAM_CHAIR)

    # Six weeks after Tuesday 3 February is Tuesday 17 March: not yet late, so low.
    (signal,) = signal_providers.mentor_meeting_unplanned(scope, TUESDAY)
    assert (signal.due, signal.severity) == (datetime.date(2026, 3, 17), Severity.LOW)
    assert signal.url == "/mentoring/vergaderingen/"
    (late,) = signal_providers.mentor_meeting_unplanned(scope, datetime.date(2026, 3, 18))
    assert late.severity == Severity.MEDIUM

    MentorMeetingFactory(organisation=organisation, held_on=datetime.date(2026, 3, 17))
    assert list(signal_providers.mentor_meeting_unplanned(scope, TUESDAY)) == []


def test_vog_ageing_warns_sixty_days_ahead_and_when_expired():
    organisation = MentorFactory(vog_date=datetime.date(2023, 5, 10)).organisation
    # 9 May 2023 + 36 months = 9 May 2026; minus 60 days = 10 March 2026: warn today.
    warned = MentorFactory(organisation=organisation, vog_date=datetime.date(2023, 5, 9))
    expired = MentorFactory(organisation=organisation, vog_date=datetime.date(2023, 3, 10))
    MentorFactory(organisation=organisation, vog_date=datetime.date(2020, 1, 1), stopped=True)
    scope = _scope(organisation)

    signals = list(signal_providers.mentor_vog_ageing(scope, TUESDAY))
    assert [(s.subject, s.title, s.severity) for s in signals] == [
        (expired.full_name, "VOG is verlopen sinds 10-03-2026", Severity.HIGH),
        (warned.full_name, "VOG verloopt op 09-05-2026", Severity.LOW),
    ]


def test_mentoring_signals_reach_casework_only():
    report = MentorReportFactory(met_on=SATURDAY_BEFORE_LAST, wants_casemanager_contact=True)
    codes = {s.code for s in signals_for(scope=_scope(report.organisation), today=TUESDAY)}
    assert "mentor_contact_gevraagd" in codes
    mentor_scope = Scope(
        user=report.match.mentor.user, organisation=report.organisation, role=Role.MENTOR
    )
    assert signals_for(scope=mentor_scope, today=TUESDAY) == []


def test_an_organisation_without_mentors_pays_one_query(django_assert_num_queries):
    scope = _scope(MembershipFactory(role=Role.COORDINATOR).organisation)
    with django_assert_num_queries(1):
        assert signal_providers.mentoring_signals(scope, TUESDAY) == []
