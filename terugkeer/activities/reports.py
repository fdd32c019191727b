"""Activities' reports in the reports catalogue (``reports.registry.register_report``).

Counts only, from the organisation of a report role (``reports.selectors.base``).
"""

from __future__ import annotations

from django.db.models import Count

from terugkeer.activities.choices import ActivityKind
from terugkeer.activities.models import ActivitySession, Attendance, CardMailing
from terugkeer.reports.framework import ChartSpec, Column, Kind, Report, ReportResult, Table
from terugkeer.reports.registry import register_report
from terugkeer.reports.selectors.base import require_report_role


def cards_report(scope, filters, today) -> ReportResult:
    scope = require_report_role(scope)
    mailings = CardMailing.objects.filter(
        organisation=scope.organisation,
        month__gte=filters.start.replace(day=1),
        month__lte=filters.end,
    )
    rows = [
        {"month": f"{row['month']:%Y-%m}", "cards": row["cards"]}
        for row in mailings.values("month").annotate(cards=Count("pk")).order_by("month")
    ]
    columns = [Column("month", "Maand", Kind.LABEL), Column("cards", "Kaarten verzonden")]
    return ReportResult(
        tables=[Table("Kaartenproject: verzonden kaarten per maand", columns, rows)],
        chart=ChartSpec(0, "month", ("cards",), "Verzonden kaarten per maand"),
    )


def _quarter(day) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def sessions_report(scope, filters, today) -> ReportResult:
    scope = require_report_role(scope)
    sessions = ActivitySession.objects.filter(
        organisation=scope.organisation, held_on__gte=filters.start, held_on__lte=filters.end
    )
    table: dict[tuple[str, str], dict] = {}
    for session in sessions.annotate(n=Count("attendances")).order_by("held_on"):
        key = (_quarter(session.held_on), session.kind)
        row = table.setdefault(
            key,
            {
                "quarter": key[0],
                "kind": str(ActivityKind(session.kind).label),
                "sessions": 0,
                "attendances": 0,
                "people": set(),
            },
        )
        row["sessions"] += 1
        row["attendances"] += session.n
    attendances = Attendance.objects.filter(session__in=sessions).values_list(
        "session__held_on", "session__kind", "trajectory_id"
    )
    for held_on, kind, trajectory_id in attendances:
        table[(_quarter(held_on), kind)]["people"].add(trajectory_id)
    rows = [
        {**row, "people": len(row["people"])}
        for _, row in sorted(table.items(), key=lambda i: i[0])
    ]
    columns = [
        Column("quarter", "Kwartaal", Kind.LABEL),
        Column("kind", "Activiteit", Kind.LABEL),
        Column("sessions", "Bijeenkomsten", Kind.NUMBER),
        Column("people", "Verschillende deelnemers"),
        Column("attendances", "Aanwezigheden", Kind.NUMBER, base="people"),
    ]
    return ReportResult(tables=[Table("Activiteiten en aanwezigheid per kwartaal", columns, rows)])


REPORTS = (
    Report(
        slug="kaartenproject",
        title="Kaartenproject: verzonden kaarten",
        definition=(
            "Kaarten die als verzonden zijn vastgelegd, per maand van de kaart, voor maanden in "
            "de periode. Een kaart gaat alleen naar deelnemers met toestemming op de dag van "
            "verzenden."
        ),
        compute=cards_report,
        filters=(),
    ),
    Report(
        slug="activiteiten",
        title="Activiteiten en aanwezigheid",
        definition=(
            "Bijeenkomsten van groepsactiviteiten met een datum in de periode, per kwartaal en "
            "soort: het aantal bijeenkomsten, het aantal verschillende deelnemers dat er "
            "minstens één bijwoonde en het totaal aantal aanwezigheden."
        ),
        compute=sessions_report,
        filters=(),
    ),
)


def register() -> None:
    for report in REPORTS:
        register_report(report)
