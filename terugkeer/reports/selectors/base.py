"""The starting point of every report query: the organisation's data, narrowed by the filters.

Reports count; they never list persons. That is why they do not start from ``visible_to`` (which
answers nothing for a policy advisor) but from the organisation of the scope, and only for the
roles that may see reports at all (deny by default).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import DateField, DurationField, ExpressionWrapper, F, QuerySet

from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Scope
from terugkeer.core.roles import REPORT_ROLES
from terugkeer.detention.choices import NotificationKind
from terugkeer.detention.models import Detention, DetentionNotification
from terugkeer.reports.framework import ReportFilters


def require_report_role(scope: Scope | None) -> Scope:
    if scope is None or scope.role not in REPORT_ROLES:
        raise PermissionDenied
    return scope


def trajectories(scope: Scope | None, filters: ReportFilters) -> QuerySet[Trajectory]:
    """All trajectories of the organisation matching the filters (period not applied)."""
    scope = require_report_role(scope)
    queryset = Trajectory.objects.filter(organisation=scope.organisation)
    if filters.municipality_id:
        queryset = queryset.filter(municipality_id=filters.municipality_id)
    if filters.programme:
        queryset = queryset.filter(programme=filters.programme)
    if filters.coordinator_id:
        queryset = queryset.filter(coordinator_id=filters.coordinator_id)
    return queryset


def opened_in_period(scope: Scope | None, filters: ReportFilters) -> QuerySet[Trajectory]:
    """The cohort most reports count: trajectories opened (aangemeld) within the period."""
    return trajectories(scope, filters).filter(opened_on__range=(filters.start, filters.end))


def begin_notifications(scope: Scope | None, filters: ReportFilters) -> QuerySet:
    """Begin-detentie notifications received within the period (municipality filter applies)."""
    scope = require_report_role(scope)
    queryset = DetentionNotification.objects.filter(
        organisation=scope.organisation,
        kind=NotificationKind.BEGIN,
        received_on__range=(filters.start, filters.end),
    )
    if filters.municipality_id:
        queryset = queryset.filter(municipality_id=filters.municipality_id)
    return queryset


def releases(scope: Scope | None, filters: ReportFilters) -> QuerySet:
    """Detentions that ended (actual release) within the period."""
    scope = require_report_role(scope)
    queryset = Detention.objects.filter(
        organisation=scope.organisation, actual_end__range=(filters.start, filters.end)
    )
    if filters.municipality_id:
        queryset = queryset.filter(client__municipality_id=filters.municipality_id)
    return queryset


def days_between(start: str, end: str) -> ExpressionWrapper:
    """``end - start`` as a duration, on SQLite and PostgreSQL alike."""
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def date_plus(field: str | F, days: int) -> ExpressionWrapper:
    expression = F(field) if isinstance(field, str) else field
    return ExpressionWrapper(expression + datetime.timedelta(days=days), output_field=DateField())


def median_days(queryset: QuerySet, *, start: str, end: str) -> tuple[float | None, int]:
    """Median of ``end - start`` in days over the rows having both dates, and their count.

    The database sorts; at most two values travel, whatever the number of rows.
    """
    having = queryset.filter(**{f"{start}__isnull": False, f"{end}__isnull": False})
    ordered = having.annotate(_days=days_between(start, end)).order_by("_days", "pk")
    count = ordered.count()
    if count == 0:
        return None, 0
    middle = list(ordered.values_list("_days", flat=True)[(count - 1) // 2 : count // 2 + 1])
    days = [value.days if hasattr(value, "days") else int(value) for value in middle]
    return sum(days) / len(days), count
