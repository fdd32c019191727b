"""Reports 6–9: ZRM progress, lead times and closing reasons, casusregie, recidivism."""

from __future__ import annotations

import datetime
from fractions import Fraction

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import ExtractYear, RowNumber

from terugkeer.assessments.choices import ZRM_CODE
from terugkeer.assessments.models import DomainScore, Measurement
from terugkeer.cases.choices import CaseLead, Category, ClosingReason, Source
from terugkeer.core.access import Scope
from terugkeer.detention.choices import NotificationKind
from terugkeer.detention.models import DetentionNotification
from terugkeer.reports.framework import (
    ChartSpec,
    Column,
    Kind,
    ReportFilters,
    ReportResult,
    Table,
    percent,
    rounded,
)
from terugkeer.reports.selectors.base import (
    date_plus,
    median_days,
    opened_in_period,
    trajectories,
)

# Recidivism windows in days: two years and eighteen months after release.
TWO_YEARS = 730
EIGHTEEN_MONTHS = 548


def _zrm_ends(scope: Scope, filters: ReportFilters):
    """The first and the latest ZRM measurement of every cohort trajectory with two or more.

    Window functions rank the measurements of each trajectory both ways in one pass; the
    rows kept are those ranked first (``from_first`` 1) or last (``from_latest`` 1).
    """
    per_trajectory = {"partition_by": F("trajectory_id")}
    return (
        Measurement.objects.filter(
            trajectory__in=opened_in_period(scope, filters).values("pk"),
            instrument__code=ZRM_CODE,
        )
        .annotate(
            n=Window(Count("pk"), **per_trajectory),
            from_first=Window(
                RowNumber(), **per_trajectory, order_by=[F("measured_on").asc(), F("pk").asc()]
            ),
            from_latest=Window(
                RowNumber(), **per_trajectory, order_by=[F("measured_on").desc(), F("pk").desc()]
            ),
        )
        .filter(n__gte=2)
        .filter(Q(from_first=1) | Q(from_latest=1))
    )


def _mean(values: list[Fraction]) -> float | None:
    return float(sum(values) / len(values)) if values else None


def zrm_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    """6. ZRM: first versus latest measurement of trajectories with two or more measurements."""
    ends = _zrm_ends(scope, filters)
    # Scored domains per end measurement: (sum, count), one grouped query.
    scored = {
        row["measurement_id"]: (row["total"], row["n"])
        for row in DomainScore.objects.filter(
            measurement__in=ends.values("pk"), score__isnull=False
        )
        .values("measurement_id")
        .annotate(total=Sum("score"), n=Count("pk"))
        .order_by()
    }
    pairs: dict[int, dict[str, tuple[int, int] | None]] = {}
    for row in ends.values("pk", "trajectory_id", "from_first").order_by():
        side = "first" if row["from_first"] == 1 else "latest"
        pairs.setdefault(row["trajectory_id"], {})[side] = scored.get(row["pk"])
    first_totals = [Fraction(p["first"][0]) for p in pairs.values() if p["first"]]
    latest_totals = [Fraction(p["latest"][0]) for p in pairs.values() if p["latest"]]
    compared = [
        # latest mean versus first mean, exactly: latest_sum * first_n against first_sum * latest_n
        (p["latest"][0] * p["first"][1] > p["first"][0] * p["latest"][1])
        - (p["latest"][0] * p["first"][1] < p["first"][0] * p["latest"][1])
        for p in pairs.values()
        if p["first"] and p["latest"]
    ]
    totals = {
        "clients": len(pairs),
        "mean_first_total": _mean(first_totals),
        "mean_latest_total": _mean(latest_totals),
        "improved": compared.count(1),
        "equal": compared.count(0),
        "worse": compared.count(-1),
    }
    summary = [
        {
            "clients": totals["clients"],
            "first_total": rounded(totals["mean_first_total"]),
            "latest_total": rounded(totals["mean_latest_total"]),
            "improved": totals["improved"],
            "equal": totals["equal"],
            "worse": totals["worse"],
        }
    ]

    def per_item(side: str) -> dict[str, dict]:
        rows = (
            DomainScore.objects.filter(
                measurement__in=ends.filter(**{f"from_{side}": 1}).values("pk"),
                score__isnull=False,
            )
            .values("item__code", "item__text", "item__position")
            .annotate(mean=Avg("score"), n=Count("pk"))
        )
        return {row["item__code"]: row for row in rows}

    first, latest = per_item("first"), per_item("latest")
    domain_rows = []
    for code in sorted({*first, *latest}, key=lambda c: (first | latest)[c]["item__position"]):
        before, after = first.get(code, {}), latest.get(code, {})
        mean_before, mean_after = rounded(before.get("mean"), 2), rounded(after.get("mean"), 2)
        domain_rows.append(
            {
                "domain": (before or after)["item__text"],
                "n_first": before.get("n", 0),
                "first": mean_before,
                "n_latest": after.get("n", 0),
                "latest": mean_after,
                "change": round(mean_after - mean_before, 2)
                if None not in (mean_before, mean_after)
                else None,
            }
        )
    return ReportResult(
        tables=[
            Table(
                "Voortgang ZRM (eerste en laatste meting)",
                [
                    Column("clients", "Cliënten met twee of meer metingen"),
                    Column(
                        "first_total",
                        "Gemiddelde totaalscore eerste meting",
                        Kind.NUMBER,
                        "clients",
                    ),
                    Column(
                        "latest_total",
                        "Gemiddelde totaalscore laatste meting",
                        Kind.NUMBER,
                        "clients",
                    ),
                    Column("improved", "Vooruit"),
                    Column("equal", "Gelijk"),
                    Column("worse", "Achteruit"),
                ],
                summary,
                row_total="clients",
                row_parts=("improved", "equal", "worse"),
            ),
            Table(
                "Gemiddelde score per domein",
                [
                    Column("domain", "Domein", Kind.LABEL),
                    Column("n_first", "Gescoord eerste meting"),
                    Column("first", "Gemiddelde eerste meting", Kind.NUMBER, "n_first"),
                    Column("n_latest", "Gescoord laatste meting"),
                    Column("latest", "Gemiddelde laatste meting", Kind.NUMBER, "n_latest"),
                    Column("change", "Verschil", Kind.NUMBER, "n_latest"),
                ],
                domain_rows,
            ),
        ],
        chart=ChartSpec(
            1, "domain", ("first", "latest"), "ZRM per domein: eerste en laatste meting"
        ),
    )


LEAD_TIMES = [
    ("Melding → eerste contact", "opened_on", "first_contact_on"),
    ("Melding → vrijlating", "opened_on", "released_on"),
    ("Vrijlating → afsluiting", "released_on", "closed_on"),
    ("Melding → afsluiting", "opened_on", "closed_on"),
]


def lead_times_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    """7. Median days between the steps, and the closing reasons of the period."""
    cohort = opened_in_period(scope, filters)
    lead_rows = []
    for label, start, end in LEAD_TIMES:
        median, count = median_days(cohort, start=start, end=end)
        lead_rows.append({"step": label, "n": count, "median": median})
    closed = trajectories(scope, filters).filter(closed_on__range=(filters.start, filters.end))
    reasons = _distribution(
        closed, "closing_reason", ClosingReason.choices, "Redenen van afsluiting", "Reden"
    )
    total = sum(row["count"] for row in reasons.rows)
    reasons.rows.append(
        {"value": "Totaal", "count": total, "share": percent(total, total), "total": total}
    )
    reasons.note = "Trajecten afgesloten in de periode."
    reasons.total_row = "Totaal"
    return ReportResult(
        tables=[
            Table(
                "Doorlooptijden (mediaan in dagen)",
                [
                    Column("step", "Stap", Kind.LABEL),
                    Column("n", "Trajecten met beide datums"),
                    Column("median", "Mediaan (dagen)", Kind.NUMBER, "n"),
                ],
                lead_rows,
                note="Trajecten aangemeld in de periode.",
            ),
            reasons,
        ],
        chart=ChartSpec(0, "step", ("median",), "Doorlooptijden (mediaan in dagen)"),
    )


def _distribution(queryset, field: str, choices, title: str, label: str) -> Table:
    counted = {row[field]: row["n"] for row in queryset.values(field).annotate(n=Count("pk"))}
    total = sum(counted.values())
    rows = [
        {
            "value": str(name),
            "count": counted.get(code, 0),
            "share": percent(counted.get(code, 0), total),
            "total": total,
        }
        for code, name in choices
    ]
    return Table(
        title,
        [
            Column("value", label, Kind.LABEL),
            Column("count", "Trajecten", additive=True),
            Column("share", "Aandeel", Kind.PERCENT, "total", of="count"),
        ],
        rows,
        # The shares give away the total, so the counts add up to a known total.
        derivable_total=True,
    )


def case_lead_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    """8. Casusregie, how trajectories came in (referrals by partners), category, supervision."""
    cohort = opened_in_period(scope, filters)
    supervision = cohort.aggregate(
        total=Count("pk"), supervised=Count("pk", filter=Q(probation_supervision=True))
    )
    referrals = [
        {
            "partner": row["source_note"] or "Niet vermeld",
            "count": row["n"],
        }
        for row in cohort.filter(source=Source.PARTNER_REFERRAL)
        .values("source_note")
        .annotate(n=Count("pk"))
        .order_by("-n", "source_note")
    ]
    return ReportResult(
        tables=[
            _distribution(cohort, "lead", CaseLead.choices, "Casusregie", "Casusregie"),
            _distribution(cohort, "source", Source.choices, "Binnengekomen via", "Herkomst"),
            Table(
                "Verwijzingen per ketenpartner",
                [
                    Column("partner", "Ketenpartner", Kind.LABEL),
                    Column("count", "Trajecten", additive=True),
                ],
                referrals,
                # Adds up to "verwijzing door een ketenpartner" in the table above.
                derivable_total=True,
            ),
            _distribution(
                cohort,
                "category",
                [*Category.choices, (None, "Geen categorie")],
                "Categorie (wegingskader)",
                "Categorie",
            ),
            Table(
                "Reclasseringstoezicht",
                [
                    Column("total", "Trajecten"),
                    Column("supervised", "Met reclasseringstoezicht"),
                    Column("share", "Aandeel", Kind.PERCENT, "total", of="supervised"),
                ],
                [
                    {
                        **supervision,
                        "share": percent(supervision["supervised"], supervision["total"]),
                    }
                ],
            ),
        ],
        chart=ChartSpec(0, "value", ("count",), "Casusregie"),
    )


def reoffended_within(days: int) -> Exists:
    """For a queryset of trajectories: a new *begin* notification of the same person (BSN) in
    the same organisation within ``days`` after release (the recidivism report's definition).

    Public: the privacy app's research export uses the same definition.
    """
    return Exists(
        DetentionNotification.objects.filter(
            organisation=OuterRef("organisation"),
            bsn=OuterRef("client__bsn"),
            kind=NotificationKind.BEGIN,
            received_on__gt=OuterRef("released_on"),
            received_on__lte=date_plus(OuterRef("released_on"), days),
        )
    )


def _next_begin() -> Subquery:
    """The first begin-detentie notification of the same person after the release."""
    return Subquery(
        DetentionNotification.objects.filter(
            organisation=OuterRef("organisation"),
            bsn=OuterRef("client__bsn"),
            kind=NotificationKind.BEGIN,
            received_on__gt=OuterRef("released_on"),
        )
        .order_by("received_on")
        .values("received_on")[:1]
    )


def recidivism_report(scope: Scope, filters: ReportFilters, today: datetime.date) -> ReportResult:
    """9. Share of released trajectories followed by a new notification within 2 and 1.5 years."""
    followed_2y = today - datetime.timedelta(days=TWO_YEARS)
    followed_18m = today - datetime.timedelta(days=EIGHTEEN_MONTHS)
    released = trajectories(scope, filters).filter(released_on__range=(filters.start, filters.end))
    # One lookup per trajectory (the next notification), both windows read from it: a new
    # notification within N days exists exactly when the first one after release is within N.
    cohort = released.annotate(year=ExtractYear("released_on"), next_begin=_next_begin())
    again_2y = Q(next_begin__lte=date_plus("released_on", TWO_YEARS))
    again_18m = Q(next_begin__lte=date_plus("released_on", EIGHTEEN_MONTHS))
    aggregates = {
        "released": Count("pk"),
        "followed_2y": Count("pk", filter=Q(released_on__lte=followed_2y)),
        "recidive_2y": Count("pk", filter=Q(released_on__lte=followed_2y) & again_2y),
        "followed_18m": Count("pk", filter=Q(released_on__lte=followed_18m)),
        "recidive_18m": Count("pk", filter=Q(released_on__lte=followed_18m) & again_18m),
    }

    def finish(row: dict) -> dict:
        return {
            **row,
            "share_2y": percent(row["recidive_2y"], row["followed_2y"]),
            "share_18m": percent(row["recidive_18m"], row["followed_18m"]),
        }

    per_year = list(
        cohort.values("year", "cohort_tag").annotate(**aggregates).order_by("year", "cohort_tag")
    )
    rows = [
        finish({**row, "year": str(row["year"]), "group": row["cohort_tag"] or "Alle overige"})
        for row in per_year
    ]
    # The groups are the years added up (counts only); their order is the database's.
    tags = released.order_by("cohort_tag").values_list("cohort_tag", flat=True).distinct()
    group_rows = []
    for tag in tags:
        summed = {
            key: sum(row[key] for row in per_year if row["cohort_tag"] == tag) for key in aggregates
        }
        group_rows.append(finish({"cohort_tag": tag, **summed, "group": tag or "Alle overige"}))
    counts = [
        Column("released", "Vrijgelaten"),
        Column("followed_2y", "Twee jaar gevolgd"),
        Column("recidive_2y", "Nieuwe melding binnen 2 jaar"),
        Column("share_2y", "Recidive 2 jaar", Kind.PERCENT, "followed_2y", of="recidive_2y"),
        Column("followed_18m", "Anderhalf jaar gevolgd"),
        Column("recidive_18m", "Nieuwe melding binnen 1,5 jaar"),
        Column("share_18m", "Recidive 1,5 jaar", Kind.PERCENT, "followed_18m", of="recidive_18m"),
    ]
    return ReportResult(
        tables=[
            Table(
                "Recidive per cohortjaar en onderzoeksgroep",
                [
                    Column("year", "Jaar vrijlating", Kind.LABEL),
                    Column("group", "Groep", Kind.LABEL),
                    *counts,
                ],
                rows,
                note=(
                    "Alleen trajecten waarvan de hele termijn na vrijlating voorbij is, tellen "
                    "mee in het aandeel."
                ),
            ),
            Table(
                "Recidive per onderzoeksgroep",
                [Column("group", "Groep", Kind.LABEL), *counts],
                group_rows,
            ),
        ],
        chart=ChartSpec(1, "group", ("share_2y", "share_18m"), "Recidive per groep (%)"),
    )
