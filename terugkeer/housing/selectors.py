"""Reads of the housing app, through ``visible_to(scope)``.

Occupancy figures count places, not persons: they read the house's stays without listing
anyone (as the reports do), so the functioneel beheerder sees how full a house is but not who
lives there. Everything that names a resident goes through the policy.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet

from terugkeer.cases.selectors import READ_ONLY_MESSAGE
from terugkeer.core.access import Action, Scope, get_visible_or_404
from terugkeer.housing.choices import ALLOCATION_KINDS, STAY_KINDS
from terugkeer.housing.models import HouseCheck, HousingAllocation, HousingUnit, Stay

CHECK_INTERVAL_DAYS = 7
EVALUATION_NOTICE_DAYS = 60


def units_for(*, scope: Scope, action: str = Action.VIEW) -> QuerySet[HousingUnit]:
    return HousingUnit.objects.visible_to(scope, action=action).annotate(
        residents=Count("stays", filter=Q(stays__ended_on__isnull=True), distinct=True),
        open_allocations=Count(
            "allocations", filter=Q(allocations__outcome__in=["", "verlengd"]), distinct=True
        ),
    )


def unit_for(*, scope: Scope, pk, action: str = Action.VIEW) -> HousingUnit:
    return get_visible_or_404(units_for(scope=scope, action=action), pk=pk)


def stay_units(*, scope: Scope) -> QuerySet[HousingUnit]:
    return units_for(scope=scope).filter(kind__in=STAY_KINDS, is_active=True)


def allocation_units(*, scope: Scope) -> QuerySet[HousingUnit]:
    return units_for(scope=scope).filter(kind__in=ALLOCATION_KINDS, is_active=True)


def _with_last_check(stays: QuerySet[Stay]) -> QuerySet[Stay]:
    return stays.annotate(last_check_on=Max("checks__checked_on"), check_count=Count("checks"))


def residents(*, scope: Scope, unit: HousingUnit) -> QuerySet[Stay]:
    """The stays of ``unit`` today that the scope may see, with their last check."""
    stays = Stay.objects.visible_to(scope).filter(unit=unit).current()
    return _with_last_check(stays).select_related("trajectory__client").order_by("moved_in_on")


def trajectory_stays(*, scope: Scope, trajectory) -> QuerySet[Stay]:
    stays = Stay.objects.visible_to(scope).filter(trajectory=trajectory)
    return _with_last_check(stays).select_related("unit")


def trajectory_checks(*, scope: Scope, trajectory) -> QuerySet[HouseCheck]:
    return (
        HouseCheck.objects.visible_to(scope)
        .filter(stay__trajectory=trajectory)
        .select_related("stay__unit", "checked_by")
    )


def trajectory_allocations(*, scope: Scope, trajectory) -> QuerySet[HousingAllocation]:
    return (
        HousingAllocation.objects.visible_to(scope)
        .filter(trajectory=trajectory)
        .select_related("unit")
    )


def _for_casework(queryset, *, scope: Scope, pk, action: str):
    """One row for ``action``: 404 if not visible, 403 with the reason if only readable."""
    row = get_visible_or_404(queryset.visible_to(scope), pk=pk)
    if action != Action.VIEW and not scope.can(action, row):
        raise PermissionDenied(READ_ONLY_MESSAGE)
    return row


def stay_for(*, scope: Scope, pk, action: str = Action.VIEW) -> Stay:
    stays = Stay.objects.select_related("unit", "trajectory__client")
    return _for_casework(stays, scope=scope, pk=pk, action=action)


def allocation_for(*, scope: Scope, pk, action: str = Action.VIEW) -> HousingAllocation:
    allocations = HousingAllocation.objects.select_related("unit", "trajectory__client")
    return _for_casework(allocations, scope=scope, pk=pk, action=action)


@dataclass(frozen=True)
class CheckDue:
    stay: Stay
    since: datetime.date  # the last check, or the move-in when there was none
    due: datetime.date


def checks_overdue(*, scope: Scope, today: datetime.date) -> list[CheckDue]:
    """Residents without a check for seven days or more (counted from the move-in if none)."""
    stays = _with_last_check(Stay.objects.visible_to(scope).current(today)).select_related(
        "unit", "trajectory__client"
    )
    overdue = []
    for stay in stays:
        since = stay.last_check_on or stay.moved_in_on
        due = since + datetime.timedelta(days=CHECK_INTERVAL_DAYS)
        if due <= today:
            overdue.append(CheckDue(stay=stay, since=since, due=due))
    return sorted(overdue, key=lambda d: (d.due, d.stay.pk))


def evaluations_due(*, scope: Scope, today: datetime.date) -> QuerySet[HousingAllocation]:
    """Open allocations whose evaluation is within 60 days or has passed without an outcome."""
    horizon = today + datetime.timedelta(days=EVALUATION_NOTICE_DAYS)
    return (
        HousingAllocation.objects.visible_to(scope)
        .open()
        .filter(evaluation_on__lte=horizon)
        .select_related("unit", "trajectory__client")
        .order_by("evaluation_on", "pk")
    )


def has_housing(*, scope: Scope) -> bool:
    return HousingUnit.objects.filter(organisation=scope.organisation).exists()


@dataclass(frozen=True)
class MonthOccupancy:
    month: datetime.date  # the first day
    occupied_days: int  # place-days taken
    place_days: int  # capacity × days of the month (up to today)

    @property
    def rate(self) -> Decimal | None:
        if not self.place_days:
            return None
        share = Decimal(100 * self.occupied_days) / Decimal(self.place_days)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def overlap_days(
    stay_start: datetime.date,
    stay_end: datetime.date | None,
    start: datetime.date,
    end: datetime.date,
) -> int:
    """Nights in [start, end] the stay took a place (``stay_end`` is the day they left)."""
    last = min(end, stay_end - datetime.timedelta(days=1)) if stay_end else end
    first = max(start, stay_start)
    return max(0, (last - first).days + 1)


def month_starts(today: datetime.date, months: int) -> list[datetime.date]:
    first = today.replace(day=1)
    result = []
    for _ in range(months):
        result.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(result))


def occupancy_by_month(
    *, unit: HousingUnit, today: datetime.date, months: int = 12
) -> list[MonthOccupancy]:
    """Per month (the last ``months``, up to today): place-days taken against place-days."""
    periods = month_starts(today, months)
    stays = list(
        Stay.objects.filter(unit=unit, moved_in_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=periods[0]))
        .values_list("moved_in_on", "ended_on")
    )
    result = []
    for first in periods:
        last = min(today, first.replace(day=calendar.monthrange(first.year, first.month)[1]))
        days = (last - first).days + 1
        taken = sum(overlap_days(s, e, first, last) for s, e in stays)
        result.append(MonthOccupancy(first, taken, days * unit.capacity))
    return result


def occupancy_now(*, unit: HousingUnit, today: datetime.date) -> int:
    return Stay.objects.filter(unit=unit).current(today).count()
