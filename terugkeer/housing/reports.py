"""Housing's reports in the reports catalogue (``reports.registry.register_report``).

They count places, stays, checks and allocations of the organisation; they never list persons.
Like the spine's reports they start from the organisation of a report role
(``reports.selectors.base.require_report_role``), not from ``visible_to``.
"""

from __future__ import annotations

import datetime
from statistics import median

from django.db.models import Count, Q

from terugkeer.housing.choices import ALLOCATION_KINDS, STAY_KINDS, AllocationOutcome, UnitKind
from terugkeer.housing.models import HouseCheck, HousingAllocation, HousingUnit, Stay
from terugkeer.housing.selectors import CHECK_INTERVAL_DAYS, overlap_days
from terugkeer.reports.framework import (
    ChartSpec,
    Column,
    Kind,
    Report,
    ReportFilters,
    ReportResult,
    Table,
    percent,
    rounded,
)
from terugkeer.reports.registry import register_report
from terugkeer.reports.selectors.base import require_report_role


def _period(filters: ReportFilters, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return filters.start, min(filters.end, today)


def _stays(scope, unit, start, end):
    return list(
        Stay.objects.filter(unit=unit, moved_in_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=start))
        .values_list("pk", "moved_in_on", "ended_on")
    )


def occupancy_report(scope, filters: ReportFilters, today) -> ReportResult:
    scope = require_report_role(scope)
    start, end = _period(filters, today)
    days = max(0, (end - start).days + 1)
    occupancy_rows, length_rows = [], []
    units = HousingUnit.objects.filter(organisation=scope.organisation, kind__in=STAY_KINDS)
    for unit in units:
        stays = _stays(scope, unit, start, end)
        taken = sum(overlap_days(s, e, start, end) for _, s, e in stays)
        occupancy_rows.append(
            {
                "unit": unit.name,
                "stays": len(stays),
                "place_days": days * unit.capacity,
                "taken": taken,
                "rate": percent(taken, days * unit.capacity),
            }
        )
        lengths = [(e - s).days for _, s, e in stays if e is not None and e <= end]
        length_rows.append(
            {
                "unit": unit.name,
                "ended": len(lengths),
                "mean": rounded(sum(lengths) / len(lengths)) if lengths else None,
                "median": rounded(median(lengths)) if lengths else None,
            }
        )
    return ReportResult(
        tables=[
            Table(
                "Bezettingsgraad",
                [
                    Column("unit", "Woning", Kind.LABEL),
                    Column("stays", "Verblijven in de periode"),
                    Column("place_days", "Plaatsdagen", Kind.NUMBER),
                    Column("taken", "Bezette plaatsdagen", Kind.NUMBER, base="stays"),
                    Column("rate", "Bezettingsgraad", Kind.PERCENT, base="stays"),
                ],
                occupancy_rows,
            ),
            Table(
                "Verblijfsduur (vertrokken in de periode)",
                [
                    Column("unit", "Woning", Kind.LABEL),
                    Column("ended", "Vertrokken bewoners"),
                    Column("mean", "Gemiddeld aantal dagen", Kind.NUMBER, base="ended"),
                    Column("median", "Mediaan aantal dagen", Kind.NUMBER, base="ended"),
                ],
                length_rows,
            ),
        ],
        chart=ChartSpec(0, "unit", ("rate",), "Bezettingsgraad per woning"),
    )


def checks_report(scope, filters: ReportFilters, today) -> ReportResult:
    scope = require_report_role(scope)
    start, end = _period(filters, today)
    rows = []
    units = HousingUnit.objects.filter(organisation=scope.organisation, kind__in=STAY_KINDS)
    for unit in units:
        stays = _stays(scope, unit, start, end)
        due = sum(overlap_days(s, e, start, end) // CHECK_INTERVAL_DAYS for _, s, e in stays)
        done = HouseCheck.objects.filter(
            stay__unit=unit, checked_on__gte=start, checked_on__lte=end
        ).count()
        rows.append(
            {
                "unit": unit.name,
                "residents": len({pk for pk, _, _ in stays}),
                "due": due,
                "done": done,
                "share": percent(min(done, due), due),
            }
        )
    columns = [
        Column("unit", "Woning", Kind.LABEL),
        Column("residents", "Bewoners in de periode"),
        Column("due", "Controles verwacht (per volle week verblijf)", Kind.NUMBER),
        Column("done", "Controles gedaan", Kind.NUMBER, base="residents"),
        Column("share", "Gedaan van verwacht", Kind.PERCENT, base="residents"),
    ]
    return ReportResult(
        tables=[Table("Wekelijkse controles", columns, rows)],
        chart=ChartSpec(0, "unit", ("due", "done"), "Controles verwacht en gedaan"),
    )


def allocations_report(scope, filters: ReportFilters, today) -> ReportResult:
    scope = require_report_role(scope)
    start, end = _period(filters, today)
    base = HousingAllocation.objects.filter(
        organisation=scope.organisation, unit__kind__in=ALLOCATION_KINDS
    )
    started = dict(
        base.filter(started_on__gte=start, started_on__lte=end)
        .values_list("unit__kind")
        .annotate(n=Count("pk"))
    )
    decided = base.filter(outcome_on__gte=start, outcome_on__lte=end)
    rows = []
    for kind in (UnitKind.KOCONWONING, UnitKind.COVENANT):
        counts = dict(
            decided.filter(unit__kind=kind).values_list("outcome").annotate(n=Count("pk"))
        )
        rows.append(
            {
                "kind": str(kind.label),
                "started": started.get(kind, 0),
                "open": base.filter(unit__kind=kind).open().count(),
                **{outcome.value: counts.get(outcome.value, 0) for outcome in AllocationOutcome},
            }
        )
    columns = [
        Column("kind", "Soort woning", Kind.LABEL),
        Column("started", "Toegewezen in de periode"),
        Column("open", "Lopend (nu)"),
        *(Column(o.value, f"Uitkomst: {o.label}") for o in AllocationOutcome),
    ]
    return ReportResult(tables=[Table("Toewijzingen en uitkomsten", columns, rows)])


REPORTS = (
    Report(
        slug="woningen-bezetting",
        title="Instapwoning: bezetting en verblijfsduur",
        definition=(
            "Per woning met plaatsen (Instapwoning): plaatsdagen zijn het aantal plaatsen maal de "
            "dagen van de periode (tot vandaag); een bewoner bezet een plaats van de dag van "
            "intrekken tot de dag van vertrek (die dag niet meer). Verblijfsduur: dagen van "
            "intrekken tot vertrek, van bewoners die in de periode vertrokken."
        ),
        compute=occupancy_report,
        filters=(),
    ),
    Report(
        slug="woningen-controles",
        title="Instapwoning: wekelijkse controles",
        definition=(
            "Per woning: verwacht is één controle per volle week (zeven dagen) dat een bewoner in "
            "de periode in de woning woonde; gedaan zijn de vastgelegde controles met een datum "
            "in de periode. Het aandeel telt hoogstens het aantal verwachte controles."
        ),
        compute=checks_report,
        filters=(),
    ),
    Report(
        slug="woningen-toewijzingen",
        title="Koconwoningen en convenantwoningen: toewijzingen en uitkomsten",
        definition=(
            "Toewijzingen met een start van de huur in de periode, lopende toewijzingen (nog "
            "geen uitkomst of verlengd) en uitkomsten van de evaluatie met een datum in de "
            "periode: definitieve huur, verlengd of beëindigd."
        ),
        compute=allocations_report,
        filters=(),
    ),
)


def register() -> None:
    for report in REPORTS:
        register_report(report)
