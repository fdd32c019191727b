"""Reports 6–9: ZRM progress, lead times and closing reasons, casusregie, recidivism."""

from __future__ import annotations

import datetime

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import ExtractYear

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


def _measurement(order: tuple[str, ...]) -> Subquery:
    return Subquery(
        Measurement.objects.filter(trajectory=OuterRef("pk"), instrument__code=ZRM_CODE)
        .order_by(*order)
        .values("pk")[:1]
    )


def _score_of(measurement_field: str, aggregate) -> Subquery:
    return Subquery(
        DomainScore.objects.filter(measurement=OuterRef(measurement_field), score__isnull=False)
        .order_by()
        .values("measurement")
        .annotate(value=aggregate)
        .values("value")[:1],
        output_field=FloatField(),
    )


def zrm_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    """6. ZRM: first versus latest measurement of trajectories with two or more measurements."""
    zrm_count = Subquery(
        Measurement.objects.filter(trajectory=OuterRef("pk"), instrument__code=ZRM_CODE)
        .order_by()
        .values("trajectory")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )
    cohort = (
        opened_in_period(scope, filters)
        .annotate(zrm_count=zrm_count)
        .filter(zrm_count__gte=2)
        .annotate(
            first_id=_measurement(("measured_on", "pk")),
            latest_id=_measurement(("-measured_on", "-pk")),
        )
        .annotate(
            first_total=_score_of("first_id", Sum("score")),
            latest_total=_score_of("latest_id", Sum("score")),
            first_mean=_score_of("first_id", Avg("score")),
            latest_mean=_score_of("latest_id", Avg("score")),
        )
    )
    totals = cohort.aggregate(
        clients=Count("pk"),
        mean_first_total=Avg("first_total"),
        mean_latest_total=Avg("latest_total"),
        improved=Count("pk", filter=Q(latest_mean__gt=F("first_mean"))),
        equal=Count("pk", filter=Q(latest_mean=F("first_mean"))),
        worse=Count("pk", filter=Q(latest_mean__lt=F("first_mean"))),
    )
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

    def per_item(field: str) -> dict[str, dict]:
        rows = (
            DomainScore.objects.filter(measurement_id__in=cohort.values(field), score__isnull=False)
            .values("item__code", "item__text", "item__position")
            .annotate(mean=Avg("score"), n=Count("pk"))
        )
        return {row["item__code"]: row for row in rows}

    first, latest = per_item("first_id"), per_item("latest_id")
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


def recidivism_report(scope: Scope, filters: ReportFilters, today: datetime.date) -> ReportResult:
    """9. Share of released trajectories followed by a new notification within 2 and 1.5 years."""
    followed_2y = today - datetime.timedelta(days=TWO_YEARS)
    followed_18m = today - datetime.timedelta(days=EIGHTEEN_MONTHS)
    cohort = (
        trajectories(scope, filters)
        .filter(released_on__range=(filters.start, filters.end))
        .annotate(
            year=ExtractYear("released_on"),
            again_2y=reoffended_within(TWO_YEARS),
            again_18m=reoffended_within(EIGHTEEN_MONTHS),
        )
    )
    aggregates = {
        "released": Count("pk"),
        "followed_2y": Count("pk", filter=Q(released_on__lte=followed_2y)),
        "recidive_2y": Count("pk", filter=Q(released_on__lte=followed_2y, again_2y=True)),
        "followed_18m": Count("pk", filter=Q(released_on__lte=followed_18m)),
        "recidive_18m": Count("pk", filter=Q(released_on__lte=followed_18m, again_18m=True)),
    }

    def finish(row: dict) -> dict:
        return {
            **row,
            "share_2y": percent(row["recidive_2y"], row["followed_2y"]),
            "share_18m": percent(row["recidive_18m"], row["followed_18m"]),
        }

    rows = [
        finish({**row, "year": str(row["year"]), "group": row["cohort_tag"] or "Alle overige"})
        for row in cohort.values("year", "cohort_tag")
        .annotate(**aggregates)
        .order_by("year", "cohort_tag")
    ]
    group_rows = [
        finish({**row, "group": row["cohort_tag"] or "Alle overige"})
        for row in cohort.values("cohort_tag").annotate(**aggregates).order_by("cohort_tag")
    ]
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
