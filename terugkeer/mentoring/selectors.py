"""Reads of the mentoring app. Everything starts from ``visible_to(scope)`` of a mentoring model.

The mentor's view of a participant is a whitelisted projection (:class:`Participant`) built
from the mentor's own matches: the participant's name, how to reach them as agreed, the goals of
the plan with their status, the next mentor meeting and the casemanager's feedback on the
mentor's reports. No model instance of a client or trajectory reaches a mentor template.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from terugkeer.cases.models import Goal, Trajectory
from terugkeer.cases.selectors import require_action
from terugkeer.core.access import Action, Scope, get_visible_or_404, require_stated_reason
from terugkeer.mentoring.choices import ContactKind, ContactMood, MentorStatus
from terugkeer.mentoring.models import (
    Mentor,
    MentoringSettings,
    MentorMatch,
    MentorMeeting,
    MentorReport,
    MentorStatusChange,
)


def settings_for(organisation) -> MentoringSettings:
    """The organisation's limits (an unsaved row with the defaults when none was stored)."""
    found = MentoringSettings.objects.filter(organisation=organisation).first()
    return found or MentoringSettings(organisation=organisation)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months (31 January + 1 = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _display_name(first_names: str, initials: str, prefix: str, surname: str) -> str:
    given = first_names or initials
    family = f"{prefix} {surname}".strip()
    return f"{given} {family}".strip()


# --- the mentor's own pages -------------------------------------------------------------------


@dataclass(frozen=True)
class GoalLine:
    description: str
    domain: str
    achieved_on: datetime.date | None


@dataclass(frozen=True)
class ReportLine:
    """One of the mentor's own reports, with the casemanager's feedback."""

    pk: int
    met_on: datetime.date
    contact_kind: str
    mood: str
    summary: str
    goal_progress: str
    worries: str
    wants_casemanager_contact: bool
    feedback: str
    feedback_at: datetime.datetime | None


@dataclass(frozen=True)
class Participant:
    """Exactly what a mentor may know of a matched participant (DESIGN.md section 5)."""

    match_id: int
    started_on: datetime.date
    name: str
    shared_phone: str
    shared_email: str
    shared_contact_note: str
    goals: tuple[GoalLine, ...]
    next_meeting: datetime.date | None
    feedback: tuple[ReportLine, ...]


def _mentor_matches(scope: Scope | None, action: str = Action.VIEW) -> QuerySet[MentorMatch]:
    # Casework roles see matches too, but these pages are the mentor's: only their own.
    if scope is None:
        return MentorMatch.objects.none()
    return MentorMatch.objects.visible_to(scope, action=action).filter(mentor__user=scope.user)


def next_meeting(*, scope: Scope | None, today: datetime.date) -> datetime.date | None:
    return (
        MentorMeeting.objects.visible_to(scope)
        .filter(held_on__gte=today)
        .order_by("held_on")
        .values_list("held_on", flat=True)
        .first()
    )


def _report_lines(reports) -> tuple[ReportLine, ...]:
    return tuple(
        ReportLine(
            pk=r["pk"],
            met_on=r["met_on"],
            contact_kind=str(ContactKind(r["contact_kind"]).label),
            mood=str(ContactMood(r["mood"]).label),
            summary=r["summary"],
            goal_progress=r["goal_progress"],
            worries=r["worries"],
            wants_casemanager_contact=r["wants_casemanager_contact"],
            feedback=r["feedback"],
            feedback_at=r["feedback_at"],
        )
        for r in reports
    )


REPORT_LINE_FIELDS = (
    "pk",
    "match_id",
    "met_on",
    "contact_kind",
    "mood",
    "summary",
    "goal_progress",
    "worries",
    "wants_casemanager_contact",
    "feedback",
    "feedback_at",
)


def participants_for_mentor(
    *, scope: Scope | None, today: datetime.date, match_pk: int | None = None
) -> list[Participant]:
    """The mentor's active matches as projections (a fixed number of queries)."""
    matches = _mentor_matches(scope)
    if match_pk is not None:
        matches = matches.filter(pk=match_pk)
    rows = list(
        matches.order_by("started_on", "pk").values(
            "pk",
            "started_on",
            "trajectory_id",
            "shared_phone",
            "shared_email",
            "shared_contact_note",
            "trajectory__client__first_names",
            "trajectory__client__initials",
            "trajectory__client__prefix",
            "trajectory__client__surname",
        )
    )
    trajectory_ids = [row["trajectory_id"] for row in rows]
    goals: dict[int, list[GoalLine]] = {}
    # Only the goals of trajectories reached through the mentor's own visible matches.
    for goal in (
        Goal.objects.filter(trajectory_id__in=trajectory_ids)
        .order_by("domain__order", "pk")
        .values("trajectory_id", "description", "domain__name", "achieved_on")
    ):
        goals.setdefault(goal["trajectory_id"], []).append(
            GoalLine(goal["description"], goal["domain__name"] or "", goal["achieved_on"])
        )
    reports: dict[int, list[dict]] = {}
    for report in (
        MentorReport.objects.visible_to(scope)
        .filter(match_id__in=[row["pk"] for row in rows])
        .order_by("-met_on", "-pk")
        .values(*REPORT_LINE_FIELDS)
    ):
        reports.setdefault(report["match_id"], []).append(report)
    meeting = next_meeting(scope=scope, today=today) if rows else None
    return [
        Participant(
            match_id=row["pk"],
            started_on=row["started_on"],
            name=_display_name(
                row["trajectory__client__first_names"],
                row["trajectory__client__initials"],
                row["trajectory__client__prefix"],
                row["trajectory__client__surname"],
            ),
            shared_phone=row["shared_phone"],
            shared_email=row["shared_email"],
            shared_contact_note=row["shared_contact_note"],
            goals=tuple(goals.get(row["trajectory_id"], ())),
            next_meeting=meeting,
            feedback=_report_lines(reports.get(row["pk"], ())),
        )
        for row in rows
    ]


def participant_for_mentor(
    *, scope: Scope | None, match_pk: int, today: datetime.date
) -> tuple[Participant, Trajectory]:
    """One participant of the mentor, or a 404; with the trajectory for the access log only."""
    match = get_visible_or_404(_mentor_matches(scope).select_related("trajectory"), pk=match_pk)
    (participant,) = participants_for_mentor(scope=scope, today=today, match_pk=match.pk)
    return participant, match.trajectory


def match_for_report(*, scope: Scope | None, match_pk: int) -> MentorMatch:
    """The mentor's own active match to file a report on (404 otherwise)."""
    return get_visible_or_404(
        _mentor_matches(scope, action=Action.CHANGE).select_related("trajectory"), pk=match_pk
    )


# --- casework ---------------------------------------------------------------------------------


def mentors_for(*, scope: Scope | None) -> QuerySet[Mentor]:
    return Mentor.objects.visible_to(scope).annotate(
        active_matches=Count("matches", filter=Q(matches__ended_on__isnull=True))
    )


@dataclass(frozen=True)
class QuarterFigures:
    label: str
    registered: int
    became_active: int
    stopped: int


def _quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def recruitment_by_quarter(
    *, scope: Scope | None, today: datetime.date, quarters: int = 4
) -> list[QuarterFigures]:
    """Per quarter (the current one and the ``quarters - 1`` before it, oldest first): mentors
    registered (aangemeld op), who became actief and who stopped (from the status changes)."""
    starts = [add_months(_quarter_start(today), -3 * n) for n in reversed(range(quarters))]
    ends = [*starts[1:], add_months(starts[-1], 3)]
    mentors = Mentor.objects.visible_to(scope)
    changes = MentorStatusChange.objects.visible_to(scope).filter(
        changed_on__gte=starts[0], changed_on__lt=ends[-1]
    )
    registered = list(
        mentors.filter(registered_on__gte=starts[0], registered_on__lt=ends[-1]).values_list(
            "registered_on", flat=True
        )
    )
    moves = list(changes.values_list("to_status", "changed_on"))
    rows = []
    for start, end in zip(starts, ends, strict=True):
        inside = [status for status, day in moves if start <= day < end]
        rows.append(
            QuarterFigures(
                label=f"{start.year} K{(start.month - 1) // 3 + 1}",
                registered=sum(start <= day < end for day in registered),
                became_active=inside.count(MentorStatus.ACTIVE),
                stopped=inside.count(MentorStatus.STOPPED),
            )
        )
    return rows


def mentor_for(*, scope: Scope | None, pk: int, action: str = Action.VIEW) -> Mentor:
    return get_visible_or_404(
        Mentor.objects.visible_to(scope, action=action).select_related("user"), pk=pk
    )


def suggested_mentors(*, scope: Scope | None) -> list[Mentor]:
    """Active mentors with room for another participant, the least busy first."""
    mentors = mentors_for(scope=scope).filter(status=MentorStatus.ACTIVE)
    return [
        m
        for m in mentors.order_by("active_matches", "full_name")
        if m.active_matches < m.max_matches
    ]


def mentor_matches(*, scope: Scope | None, mentor: Mentor) -> QuerySet[MentorMatch]:
    return (
        MentorMatch.objects.visible_to(scope)
        .filter(mentor=mentor)
        .select_related("trajectory__client")
    )


def trajectory_for_mentoring(*, scope: Scope | None, pk: int, action: str = Action.VIEW):
    return get_visible_or_404(
        Trajectory.objects.visible_to(scope, action=action).select_related("client"), pk=pk
    )


def trajectory_matches(*, scope: Scope | None, trajectory: Trajectory) -> QuerySet[MentorMatch]:
    return (
        MentorMatch.objects.visible_to(scope)
        .filter(trajectory=trajectory)
        .select_related("mentor")
        .annotate(report_count=Count("reports"), last_report_on=Max("reports__met_on"))
    )


def match_for_casework(*, scope: Scope | None, pk: int, action: str = Action.CHANGE):
    """The match for ``action``: 404 if not visible, 403 with the reason if only readable."""
    match = get_visible_or_404(
        MentorMatch.objects.visible_to(scope).select_related("mentor", "trajectory__client"),
        pk=pk,
    )
    require_action(scope, match, trajectory=match.trajectory, action=action)
    return match


def reports_inbox(*, scope: Scope | None, only_open: bool = False) -> QuerySet[MentorReport]:
    reports = MentorReport.objects.visible_to(scope).select_related(
        "match__mentor", "match__trajectory__client", "feedback_by"
    )
    if only_open:
        reports = reports.filter(feedback="")
    return reports


def report_for_casework(*, scope: Scope | None, pk: int, action: str = Action.VIEW):
    report = get_visible_or_404(
        MentorReport.objects.visible_to(scope, action=action).select_related(
            "match__mentor", "match__trajectory__client", "feedback_by"
        ),
        pk=pk,
    )
    return require_stated_reason(scope, report)  # break the glass: a shielded person's report


def meetings_for(*, scope: Scope | None) -> QuerySet[MentorMeeting]:
    return MentorMeeting.objects.visible_to(scope).prefetch_related("attendees")


def mentor_log_subjects(*, scope: Scope | None, match_ids) -> list[Trajectory]:
    """The trajectories behind the mentor's own matches, for the access log only (never shown)."""
    matches = _mentor_matches(scope).filter(pk__in=list(match_ids))
    return list(Trajectory.objects.filter(mentor_matches__in=matches).select_related("client"))


def mentor_users(*, scope: Scope | None):
    """Users with an active mentor membership in the organisation (to link a mentor to)."""
    from terugkeer.accounts.models import User
    from terugkeer.core.roles import Role

    if scope is None:
        return User.objects.none()
    return User.objects.filter(
        memberships__organisation=scope.organisation,
        memberships__role=Role.MENTOR,
        memberships__is_active=True,
    ).order_by("full_name")


def mentor_participant_count(*, scope: Scope | None) -> int:
    return _mentor_matches(scope).count()
