"""The team meeting's agenda from a hand-made caseload: which items, in which order.

The meeting is today, the previous one three weeks ago (``since``, exclusive); what is coming
looks ahead three weeks (today + 20 in, today + 21 out). Expected items worked out by hand:

    Nieuwe meldingen      Anna (opened today-5)          [Lex? no: Ilse shielded, Joost other org]
    Vrijlatingen          Cees (released today-2), Bram (expected today+7)   [Gert today+21: out]
    Afsluitingen / einde  Dirk (closed today-3), Fleur (aftercare ends today+20) [Eva +21, Lex -21]
    Urgente signalen      Hans (first contact overdue, due today-23),
                          Bram (release in 7 days, basisvoorwaarden not settled)
    Mentorverslagen       Karin (flagged report of today-4)  [unflagged one of today-3: out]
"""

import datetime

import pytest
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.choices import ClosingReason, Programme, TrajectoryStatus
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.mentoring.tests.factories import (
    MentorFactory,
    MentorMatchFactory,
    MentorReportFactory,
)
from terugkeer.partners import selectors
from terugkeer.partners.tests.factories import TeamMeetingFactory

pytestmark = pytest.mark.django_db


def _day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def _trajectory(organisation, name, **fields):
    defaults = {
        "status": TrajectoryStatus.PLAN,
        "opened_on": _day(-60),
        "first_contact_due": _day(-53),
        "first_contact_on": _day(-59),
    }
    defaults.update(fields)
    return TrajectoryFactory(
        client__organisation=organisation,
        client__first_names=name,
        client__prefix="",
        client__surname="Test",
        **defaults,
    )


def _set_detention(trajectory, **fields):
    for field, value in fields.items():
        setattr(trajectory.detention, field, value)
    trajectory.detention.save()


@pytest.fixture
def caseload():
    org = OrganisationFactory(foundation=True)
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    _trajectory(org, "Anna", opened_on=_day(-5), first_contact_due=_day(2), first_contact_on=None)
    bram = _trajectory(org, "Bram", opened_on=_day(-21))
    _set_detention(bram, expected_end=_day(7))
    cees = _trajectory(
        org,
        "Cees",
        status=TrajectoryStatus.AFTERCARE,
        released_on=_day(-2),
        aftercare_end=_day(88),
    )
    _set_detention(cees, actual_end=_day(-2))
    _trajectory(
        org,
        "Dirk",
        status=TrajectoryStatus.CLOSED,
        closed_on=_day(-3),
        closing_reason=ClosingReason.GOALS_MET,
    )
    _trajectory(org, "Eva", status=TrajectoryStatus.AFTERCARE, aftercare_end=_day(21))
    _trajectory(org, "Fleur", status=TrajectoryStatus.AFTERCARE, aftercare_end=_day(20))
    gert = _trajectory(org, "Gert")
    _set_detention(gert, expected_end=_day(21))
    _trajectory(
        org,
        "Hans",
        status=TrajectoryStatus.REGISTERED,
        opened_on=_day(-30),
        first_contact_due=_day(-23),
        first_contact_on=None,
    )
    colleague = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    _trajectory(org, "Ilse", opened_on=_day(-1), shielded=True, coordinator=colleague)
    _trajectory(OrganisationFactory(), "Joost", opened_on=_day(-1))
    karin = _trajectory(
        org,
        "Karin",
        programme=Programme.REINTEGRATION,
        status=TrajectoryStatus.GUIDANCE,
        detention=None,
    )
    match = MentorMatchFactory(mentor=MentorFactory(organisation=org), trajectory=karin)
    MentorReportFactory(match=match, met_on=_day(-4), for_team_meeting=True)
    MentorReportFactory(match=match, met_on=_day(-3), for_team_meeting=False)
    _trajectory(
        org,
        "Lex",
        status=TrajectoryStatus.CLOSED,
        closed_on=_day(-21),
        closing_reason=ClosingReason.MOVED,
    )
    TeamMeetingFactory(organisation=org, held_on=_day(-21))
    meeting = TeamMeetingFactory(organisation=org, held_on=_day(0))
    scope = Scope(user=coordinator, organisation=org, role=Role.COORDINATOR)
    return scope, meeting


def test_the_agenda_lists_the_caseload_since_the_last_meeting_in_a_known_order(caseload):
    scope, meeting = caseload
    agenda = selectors.meeting_agenda(scope=scope, meeting=meeting, today=timezone.localdate())
    assert [(item.section, item.subject, item.date) for item in agenda] == [
        ("nieuw", "Anna Test", _day(-5)),
        ("vrijlating", "Cees Test", _day(-2)),
        ("vrijlating", "Bram Test", _day(7)),
        ("einde", "Dirk Test", _day(-3)),
        ("einde", "Fleur Test", _day(20)),
        ("urgent", "Hans Test", _day(-23)),
        ("urgent", "Bram Test", _day(7)),
        ("mentorverslag", "Karin Test", _day(-4)),
    ]


def test_each_item_links_to_the_dossier_or_the_report(caseload):
    scope, meeting = caseload
    agenda = selectors.meeting_agenda(scope=scope, meeting=meeting, today=timezone.localdate())
    for item in agenda:
        if item.section == "mentorverslag":
            assert item.url.startswith("/mentoring/verslagen/")
        else:
            assert item.url == f"/trajecten/{item.trajectory_id}/"
    titles = {(i.section, i.subject): i.title for i in agenda}
    assert titles[("vrijlating", "Cees Test")] == f"Vrijgelaten op {_day(-2):%d-%m-%Y}"
    assert titles[("einde", "Dirk Test")] == (f"Afgesloten op {_day(-3):%d-%m-%Y} (doelen bereikt)")
    assert titles[("urgent", "Hans Test")].startswith("Eerste contact te laat")
    assert titles[("urgent", "Bram Test")].startswith(f"Vrijlating op {_day(7):%d-%m-%Y}")


def test_the_first_meeting_looks_back_three_weeks():
    org = OrganisationFactory()
    meeting = TeamMeetingFactory(organisation=org, held_on=_day(0))
    scope = Scope(
        user=MembershipFactory(organisation=org, role=Role.TEAM_CHAIR).user,
        organisation=org,
        role=Role.TEAM_CHAIR,
    )
    assert selectors.agenda_period(scope=scope, meeting=meeting) == (_day(-21), _day(0))


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _stored_on(instance, day: datetime.date) -> None:
    """Date the newest history row of ``instance`` to noon of ``day`` (as if saved then)."""
    instance.history.filter(pk=instance.history.latest().pk).update(history_date=_noon(day))


def _created_on(trajectory, day: datetime.date) -> None:
    """Date every history row the factories wrote (trajectory and detention) to ``day``."""
    for instance in (trajectory, trajectory.detention):
        instance.history.update(history_date=_noon(day))


def _change(instance, day: datetime.date, **fields) -> None:
    for field, value in fields.items():
        setattr(instance, field, value)
    instance.save()
    _stored_on(instance, day)


def test_changes_in_duration_since_the_last_meeting_are_on_the_agenda():
    """Worked out by hand, meeting today, previous one at today-21 (exclusive); every trajectory
    stored at today-60 with an expected release at today+40 and aftercare ending today+30:
    Mila   expected release moved to today+70 at today-10: in.
    Niels  moved to today+50 at today-25 (before the period): out.
    Olga   moved to today+60 at today-10 and back to today+40 at today-5: out.
    Piet   aftercare end extended to today+90 at today-2: in.
    Rik    first stored at today-10, release moved at today-5: new, not changed: out.
    Sven   shielded, another coordinator's, moved at today-3: out (not visible).
    """
    org = OrganisationFactory(foundation=True)
    coordinator = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    colleague = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
    people = {}
    for name in ("Mila", "Niels", "Olga", "Piet", "Rik", "Sven"):
        extra = {"shielded": True, "coordinator": colleague} if name == "Sven" else {}
        trajectory = _trajectory(org, name, aftercare_end=_day(30), **extra)
        _set_detention(trajectory, expected_end=_day(40))
        _created_on(trajectory, _day(-10 if name == "Rik" else -60))
        people[name] = trajectory
    _change(people["Mila"].detention, _day(-10), expected_end=_day(70))
    _change(people["Niels"].detention, _day(-25), expected_end=_day(50))
    _change(people["Olga"].detention, _day(-10), expected_end=_day(60))
    _change(people["Olga"].detention, _day(-5), expected_end=_day(40))
    _change(people["Piet"], _day(-2), aftercare_end=_day(90))
    _change(people["Rik"].detention, _day(-5), expected_end=_day(45))
    _change(people["Sven"].detention, _day(-3), expected_end=_day(80))
    TeamMeetingFactory(organisation=org, held_on=_day(-21))
    meeting = TeamMeetingFactory(organisation=org, held_on=_day(0))
    scope = Scope(user=coordinator, organisation=org, role=Role.COORDINATOR)

    agenda = selectors.meeting_agenda(scope=scope, meeting=meeting, today=timezone.localdate())

    duration = [(item.subject, item.title, item.date) for item in agenda if item.section == "duur"]
    assert sorted(duration) == [
        (
            "Mila Test",
            f"Verwachte ontslagdatum gewijzigd: {_day(40):%d-%m-%Y} → {_day(70):%d-%m-%Y}",
            _day(70),
        ),
        (
            "Piet Test",
            f"Einde nazorg gewijzigd: {_day(30):%d-%m-%Y} → {_day(90):%d-%m-%Y}",
            _day(90),
        ),
    ]
    assert {item.section_title for item in agenda if item.section == "duur"} == {
        "Wijzigingen in duur"
    }
