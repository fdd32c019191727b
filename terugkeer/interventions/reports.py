"""The interventions reports, registered in the reports catalogue (page, XLSX/CSV, evaluation pack).

Budget against realisation per kostenpost (seed 001 §8, seed 000's begroting), interventions by
type and by basisvoorwaarde, and Noodfonds gifts per year. Reports count from the organisation's
rows for report roles only (``reports.selectors.base.require_report_role``); they list no person.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from decimal import Decimal

from terugkeer.interventions.choices import DomainCode, GiftStatus, LineKind, RequestStatus
from terugkeer.interventions.models import EmergencyGift, InterventionRequest, Payment
from terugkeer.interventions.selectors import ZERO, budget_rows, organisation_programmes
from terugkeer.reports.framework import Column, Kind, Report, ReportResult, Table
from terugkeer.reports.registry import register_report
from terugkeer.reports.selectors.base import require_report_role

APPROVED = {RequestStatus.APPROVED, RequestStatus.RUNNING, RequestStatus.COMPLETED}


def fte(value: Decimal | None) -> str:
    """0,125: Dutch decimals, no trailing zeros (FTE is not a count of persons)."""
    if value is None:
        return "n.v.t."
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


BUDGET_COLUMNS = [
    Column("group", "Groep", Kind.LABEL),
    Column("name", "Kostenpost", Kind.LABEL),
    Column("budget_fte", "Begroting FTE", Kind.LABEL),
    Column("budget", "Begroting EUR", Kind.AMOUNT),
    Column("realised_fte", "Realisatie FTE", Kind.LABEL),
    Column("realised", "Realisatie EUR", Kind.AMOUNT),
    Column("difference", "Minder (−meer) besteed dan begroot", Kind.AMOUNT),
]


def budget_columns(year: int, programmes: list[tuple[str, str]], unattributed: bool) -> list:
    """One programme: the columns of LV §8. More (Kocon's Nazorg and Re-integratie, financed
    separately on shared lines): the budget beside last year's and the realisation per project,
    what is not attributed to one, the total and the difference."""
    if len(programmes) < 2:
        return BUDGET_COLUMNS
    rows = programmes
    return [
        *BUDGET_COLUMNS[:3],
        Column("budget", f"Begroting {year} EUR", Kind.AMOUNT),
        Column("previous_budget", f"Begroting {year - 1} EUR", Kind.AMOUNT),
        BUDGET_COLUMNS[4],
        *[Column(f"realised_{code}", f"Realisatie {name}", Kind.AMOUNT) for code, name in rows],
        *([Column("unattributed", "Niet toegerekend", Kind.AMOUNT)] if unattributed else []),
        Column("realised", "Realisatie totaal EUR", Kind.AMOUNT),
        BUDGET_COLUMNS[-1],
    ]


def _line_row(row: dict) -> dict:
    line = row["line"]
    return {
        "group": line.group,
        "name": line.name,
        "budget_fte": fte(line.budget_fte),
        "budget": line.budget_amount,
        "previous_budget": row["previous_budget"],
        "realised_fte": fte(line.realised_fte),
        **{f"realised_{code}": amount for code, amount in row["by_programme"].items()},
        "unattributed": row["unattributed"],
        "realised": row["realised"],
        "difference": row["difference"],
    }


def _total(label: str, rows: list[dict], columns: list[Column]) -> dict:
    """Every amount column summed (– when no row has an amount there); labels left empty."""
    total: dict = {}
    for column in columns:
        if column.kind != Kind.AMOUNT:
            total[column.key] = ""
            continue
        amounts = [r[column.key] for r in rows if r.get(column.key) is not None]
        total[column.key] = sum(amounts, ZERO) if amounts else None
    return total | {"name": label}


PROJECT_NOTE = (
    " Realisatie per project: betalingen en giften op trajecten van dat programma plus het deel "
    "dat met de hand aan het project is toegerekend; niet toegerekend: wat met de hand zonder "
    "project is ingevuld. Begroting vorig jaar: dezelfde kostenpost, – als die er niet was."
)


def budget_report(scope, filters, today) -> ReportResult:
    """Per year of the period: every line's begroting and realisatie (EUR, FTE), with totals;
    per project (programme) when the organisation runs more than one."""
    scope = require_report_role(scope)
    programmes = organisation_programmes(scope.organisation)
    tables = []
    for year in range(filters.start.year, filters.end.year + 1):
        lines = budget_rows(organisation=scope.organisation, year=year)
        if not lines:
            continue
        columns = budget_columns(year, programmes, any(r["unattributed"] for r in lines))
        by_kind: dict[str, list[dict]] = {LineKind.INCOME: [], LineKind.EXPENSE: []}
        for row in lines:
            by_kind[row["line"].kind].append(_line_row(row))
        income, expense = by_kind[LineKind.INCOME], by_kind[LineKind.EXPENSE]
        rows = [*income]
        if income:
            rows.append(_total("Totaal inkomsten", income, columns))
        rows += expense
        if expense:
            rows.append(_total("Totaal uitgaven", expense, columns))
        keys = {c.key for c in columns}
        tables.append(
            Table(
                title=f"Begroting en realisatie {year}",
                columns=columns,
                rows=[{k: v for k, v in row.items() if k in keys} for row in rows],
                note=(
                    "Realisatie: betalingen en uitbetaalde Noodfonds-giften op de kostenpost in "
                    "het jaar, plus wat met de hand is ingevuld (uren, huur, subsidie). Bij "
                    "inkomsten is het verschil wat nog niet is ontvangen."
                    + (PROJECT_NOTE if len(programmes) > 1 else "")
                ),
            )
        )
    if not tables:
        tables.append(Table(title="Begroting en realisatie", columns=BUDGET_COLUMNS, rows=[]))
    return ReportResult(tables=tables)


INTERVENTION_COLUMNS = [
    Column("label", "", Kind.LABEL),
    Column("count", "Aanvragen", Kind.COUNT, additive=True),
    Column("amount", "Bedrag aangevraagd", Kind.AMOUNT, base="count", additive=True),
    Column("paid", "Betaald", Kind.AMOUNT, base="count", additive=True),
    Column("approved", "Goedgekeurd", Kind.COUNT, additive=True),
    Column("rejected", "Afgewezen", Kind.COUNT, additive=True),
    Column("withdrawn", "Ingetrokken", Kind.COUNT, additive=True),
    Column("lead_days", "Doorlooptijd aanvraag → besluit (mediaan, dagen)", Kind.NUMBER, "count"),
]


def _intervention_rows(requests: list, key, paid: dict[int, Decimal]) -> list[dict]:
    groups: dict[str, list] = defaultdict(list)
    for request in requests:
        groups[key(request)].append(request)
    rows = []
    for label in sorted(groups):
        rows.append(_intervention_row(label, groups[label], paid))
    if rows:
        rows.append(_intervention_row("Totaal", requests, paid))
    return rows


def _intervention_row(label: str, requests: list, paid: dict[int, Decimal]) -> dict:
    leads = [
        (r.decided_at - r.requested_at).days for r in requests if r.decided_at and r.requested_at
    ]
    withdrawn = [r for r in requests if r.status == RequestStatus.WITHDRAWN]
    return {
        "label": label,
        "count": len(requests),
        "amount": sum((r.amount for r in requests), ZERO),
        "paid": sum((paid.get(r.pk, ZERO) for r in requests), ZERO),
        "approved": sum(r.status in APPROVED for r in requests),
        "rejected": sum(r.status == RequestStatus.REJECTED for r in requests),
        "withdrawn": len(withdrawn),
        "lead_days": float(statistics.median(leads)) if leads else None,
    }


def interventions_report(scope, filters, today) -> ReportResult:
    """Requests signed (aangevraagd) in the period, by type and by basisvoorwaarde."""
    scope = require_report_role(scope)
    requests = list(
        InterventionRequest.objects.filter(
            trajectory__organisation=scope.organisation,
            requested_at__date__range=(filters.start, filters.end),
        )
        .exclude(status=RequestStatus.SUPERSEDED)
        .select_related("intervention_type")
    )
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for payment in Payment.objects.filter(request__in=[r.pk for r in requests]):
        paid[payment.request_id] += payment.amount
    domains = dict(DomainCode.choices)
    return ReportResult(
        tables=[
            Table(
                title="Per soort interventie",
                columns=INTERVENTION_COLUMNS,
                rows=_intervention_rows(requests, lambda r: r.intervention_type.name, paid),
                total_row="Totaal",
            ),
            Table(
                title="Per basisvoorwaarde",
                columns=INTERVENTION_COLUMNS,
                rows=_intervention_rows(
                    requests, lambda r: str(domains[r.intervention_type.domain_code]), paid
                ),
                total_row="Totaal",
            ),
        ]
    )


GIFT_COLUMNS = [
    Column("year", "Jaar", Kind.LABEL),
    Column("requested", "Aangevraagd", Kind.COUNT, additive=True),
    Column("granted", "Toegekend", Kind.COUNT, additive=True),
    Column("rejected", "Afgewezen", Kind.COUNT, additive=True),
    Column("paid", "Uitbetaald", Kind.AMOUNT, base="granted", additive=True),
    Column("mean", "Gemiddelde gift", Kind.AMOUNT, base="granted"),
]


def _gift_row(label: str, gifts: list) -> dict:
    granted = [g for g in gifts if g.status in (GiftStatus.APPROVED, GiftStatus.PAID)]
    paid = sum((g.amount for g in gifts if g.status == GiftStatus.PAID), ZERO)
    total = sum((g.amount for g in granted), ZERO)
    return {
        "year": label,
        "requested": len(gifts),
        "granted": len(granted),
        "rejected": sum(g.status == GiftStatus.REJECTED for g in gifts),
        "paid": paid,
        "mean": (total / len(granted)).quantize(Decimal("0.01")) if granted else None,
    }


def gifts_report(scope, filters, today) -> ReportResult:
    """Noodfonds gifts requested in the period, per year of the request."""
    scope = require_report_role(scope)
    gifts = list(
        EmergencyGift.objects.filter(
            trajectory__organisation=scope.organisation,
            requested_on__range=(filters.start, filters.end),
        )
    )
    years: dict[int, list] = defaultdict(list)
    for gift in gifts:
        years[gift.requested_on.year].append(gift)
    rows = [_gift_row(str(year), years[year]) for year in sorted(years)]
    if rows:
        rows.append(_gift_row("Totaal", gifts))
    return ReportResult(
        tables=[
            Table(title="Giften Noodfonds", columns=GIFT_COLUMNS, rows=rows, total_row="Totaal")
        ]
    )


REPORTS = (
    Report(
        slug="begroting",
        title="Begroting en realisatie",
        definition=(
            "Per jaar in de periode en per kostenpost: de begroting (EUR en, bij personeel, FTE) "
            "naast de realisatie. Realisatie: de betalingen van alternatieve maatregelen en de "
            "uitbetaalde Noodfonds-giften die op de kostenpost zijn geboekt met een betaaldatum "
            "in dat jaar, plus het bedrag dat met de hand is ingevuld voor wat Terugkeer niet "
            "kent (uren, huur, ontvangen subsidie). Verschil: begroot min gerealiseerd, dus "
            "negatief is meer besteed dan begroot. Voert de organisatie meer dan één programma "
            "uit (zoals Nazorg en Re-integratie), dan staat de realisatie per project ernaast: "
            "de betalingen en giften op trajecten van dat programma plus het met de hand aan "
            "het project toegerekende deel, met een kolom voor wat niet is toegerekend, en de "
            "begroting van het jaar ervoor."
        ),
        compute=budget_report,
        filters=(),
    ),
    Report(
        slug="interventies",
        title="Alternatieve maatregelen per soort en basisvoorwaarde",
        definition=(
            "Aanvragen van alternatieve maatregelen die in de periode zijn ondertekend en "
            "ingediend (vervangen versies tellen niet). Per soort interventie en per "
            "basisvoorwaarde: het aantal, het aangevraagde en het betaalde bedrag, hoeveel zijn "
            "goedgekeurd (ook lopend en afgerond), afgewezen en ingetrokken, en de mediaan van "
            "het aantal dagen van indienen tot het besluit van de collega."
        ),
        compute=interventions_report,
        filters=(),
    ),
    Report(
        slug="noodfonds",
        title="Giften uit het Noodfonds",
        definition=(
            "Giften uit het Noodfonds aangevraagd in de periode, per jaar van aanvraag: "
            "aangevraagd, toegekend (goedgekeurd of uitbetaald), afgewezen, het uitbetaalde "
            "bedrag en de gemiddelde toegekende gift. Een gift is eenmalig en ten hoogste € 750."
        ),
        compute=gifts_report,
        filters=(),
    ),
)


def register() -> None:
    for report in REPORTS:
        register_report(report)
