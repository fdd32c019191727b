"""Reads behind the mentoring signals (``signal_providers``), each a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max, QuerySet

from terugkeer.core.access import Scope
from terugkeer.mentoring.choices import MentorStatus
from terugkeer.mentoring.models import Mentor, MentorMatch, MentorMeeting, MentorReport
from terugkeer.mentoring.selectors import add_months, settings_for

VOG_WARNING_DAYS = 60


def has_mentors(*, scope: Scope | None) -> bool:
    return Mentor.objects.visible_to(scope).exists()


@dataclass(frozen=True)
class MissingReport:
    match: MentorMatch
    last_report_on: datetime.date | None
    due: datetime.date


def missing_reports(*, scope: Scope | None, today: datetime.date) -> list[MissingReport]:
    """Active matches without a report for more than the organisation's number of days.

    Calendar days (mentors meet in the evening and at weekends too): counted from the last
    report's contact date, or from the start of the match when there is none yet; the signal
    is due on that date plus the limit and shows from the day after.
    """
    if scope is None:
        return []
    limit = datetime.timedelta(days=settings_for(scope.organisation).report_max_days)
    matches = (
        MentorMatch.objects.visible_to(scope)
        .active()
        .select_related("mentor", "trajectory__client")
        .annotate(last_report_on=Max("reports__met_on"))
        .order_by("pk")
    )
    found = []
    for match in matches:
        due = (match.last_report_on or match.started_on) + limit
        if today > due:
            found.append(MissingReport(match, match.last_report_on, due))
    return found


def contact_wanted(*, scope: Scope | None) -> QuerySet[MentorReport]:
    """Reports asking for the casemanager that have no reaction yet."""
    return (
        MentorReport.objects.visible_to(scope)
        .filter(wants_casemanager_contact=True, feedback="")
        .select_related("match__mentor", "match__trajectory__client")
        .order_by("met_on", "pk")
    )


def meeting_overdue(*, scope: Scope | None, today: datetime.date) -> datetime.date | None:
    """When the next mentor meeting should have been planned by, if none is scheduled."""
    if (
        scope is None
        or not Mentor.objects.visible_to(scope).filter(status=MentorStatus.ACTIVE).exists()
    ):
        return None
    meetings = MentorMeeting.objects.visible_to(scope)
    if meetings.filter(held_on__gte=today).exists():
        return None
    last = meetings.aggregate(last=Max("held_on"))["last"]
    weeks = settings_for(scope.organisation).meeting_interval_weeks
    return last + datetime.timedelta(weeks=weeks) if last else today


@dataclass(frozen=True)
class VogAgeing:
    mentor: Mentor
    expires_on: datetime.date


def vog_ageing(*, scope: Scope | None, today: datetime.date) -> list[VogAgeing]:
    """Mentors in training or active whose VOG is older than the limit within 60 days."""
    if scope is None:
        return []
    months = settings_for(scope.organisation).vog_valid_months
    mentors = Mentor.objects.visible_to(scope).filter(
        status__in=[MentorStatus.IN_TRAINING, MentorStatus.ACTIVE], vog_date__isnull=False
    )
    found = []
    for mentor in mentors.order_by("vog_date", "pk"):
        expires_on = add_months(mentor.vog_date, months)
        if expires_on - datetime.timedelta(days=VOG_WARNING_DAYS) <= today:
            found.append(VogAgeing(mentor, expires_on))
    return found
