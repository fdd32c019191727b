"""Reports 1–3: notifications, outflow versus unique residents, reach, timeliness, participation."""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import ExtractYear, TruncMonth, TruncYear

from terugkeer.cases.choices import CLIENT_CONTACT_KINDS, OfferStatus
from terugkeer.cases.models import Contact
from terugkeer.core.access import Scope
from terugkeer.reports.framework import (
    ChartSpec,
    Column,
    Kind,
    ReportFilters,
    ReportResult,
    Table,
    percent,
)
from terugkeer.reports.selectors.base import (
    begin_notifications,
    date_plus,
    opened_in_period,
    releases,
)

MALE, FEMALE = "M", "V"
REACH_DAYS_AFTER_RELEASE = 30


def _by_sex(prefix: str = "", field: str = "sex") -> dict[str, Count]:
    return {
        f"{prefix}male": Count("pk", filter=Q(**{field: MALE})),
        f"{prefix}female": Count("pk", filter=Q(**{field: FEMALE})),
        f"{prefix}other": Count("pk", filter=~Q(**{field: MALE}) & ~Q(**{field: FEMALE})),
    }


SEX_COLUMNS = [
    Column("total", "Totaal", additive=True),
    Column("male", "Man", additive=True),
    Column("female", "Vrouw", additive=True),
    Column("other", "Anders / onbekend", additive=True),
]
# Per row, the sexes add up to the total; per table, the rows add up to the "Totaal" row of the
# first table (shown there, so the other tables' column totals count as known).
SEX_LINES = dict(row_total="total", row_parts=("male", "female", "other"))


def notifications_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    """1. Begin-detentie notifications per period, municipality, institution and sex."""
    queryset = begin_notifications(scope, filters)
    monthly = (filters.end - filters.start).days <= 731
    bucket = TruncMonth("received_on") if monthly else TruncYear("received_on")
    per_period = (
        queryset.annotate(bucket=bucket)
        .values("bucket")
        .annotate(total=Count("pk"), **_by_sex())
        .order_by("bucket")
    )
    period_rows = [
        {**row, "period": f"{row['bucket']:%m-%Y}" if monthly else f"{row['bucket']:%Y}"}
        for row in per_period
    ]
    totals = queryset.aggregate(total=Count("pk"), **_by_sex())
    period_rows.append({"period": "Totaal", **totals})

    per_municipality = [
        {**row, "municipality": row["municipality__name"] or "Onbekend"}
        for row in queryset.values("municipality__name")
        .annotate(total=Count("pk"), **_by_sex())
        .order_by("municipality__name")
    ]
    per_institution = [
        {**row, "institution": row["institution_name"] or "Onbekend"}
        for row in queryset.values("institution_name")
        .annotate(total=Count("pk"), **_by_sex())
        .order_by("-total", "institution_name")
    ]
    return ReportResult(
        tables=[
            Table(
                "Meldingen per maand" if monthly else "Meldingen per jaar",
                [Column("period", "Periode", Kind.LABEL), *SEX_COLUMNS],
                period_rows,
                total_row="Totaal",
                **SEX_LINES,
            ),
            Table(
                "Meldingen per gemeente",
                [Column("municipality", "Gemeente", Kind.LABEL), *SEX_COLUMNS],
                per_municipality,
                derivable_total=True,
                **SEX_LINES,
            ),
            Table(
                "Meldingen per inrichting",
                [Column("institution", "Inrichting", Kind.LABEL), *SEX_COLUMNS],
                per_institution,
                derivable_total=True,
                **SEX_LINES,
            ),
        ],
        chart=ChartSpec(0, "period", ("male", "female", "other"), "Meldingen", stacked=True),
    )


def outflow_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    """2. Releases versus distinct persons per year, by sex (the gap is repeat detention)."""
    queryset = releases(scope, filters)

    def persons(sex: str | None) -> Count:
        condition = Q(client__sex=sex) if sex else Q()
        return Count("client", distinct=True, filter=condition)

    def released(sex: str | None) -> Count:
        return Count("pk", filter=Q(client__sex=sex) if sex else Q())

    aggregates = {
        "releases": released(None),
        "persons": persons(None),
        "male_releases": released(MALE),
        "male_persons": persons(MALE),
        "female_releases": released(FEMALE),
        "female_persons": persons(FEMALE),
    }
    rows = [
        {**row, "year": str(row["year"]), "repeat": row["releases"] - row["persons"]}
        for row in queryset.annotate(year=ExtractYear("actual_end"))
        .values("year")
        .annotate(**aggregates)
        .order_by("year")
    ]
    columns = [
        Column("year", "Jaar", Kind.LABEL),
        Column("releases", "Uitstroom (vrijlatingen)"),
        Column("persons", "Unieke inwoners"),
        Column("repeat", "Verschil: herhaalde detentie in het jaar"),
        Column("male_releases", "Uitstroom mannen"),
        Column("male_persons", "Unieke mannen"),
        Column("female_releases", "Uitstroom vrouwen"),
        Column("female_persons", "Unieke vrouwen"),
    ]
    return ReportResult(
        tables=[
            Table(
                "Uitstroom en unieke inwoners per jaar",
                columns,
                rows,
                row_total="releases",
                row_parts=("persons", "repeat"),
            )
        ],
        chart=ChartSpec(0, "year", ("releases", "persons"), "Uitstroom en unieke inwoners"),
    )


def reached_condition() -> Exists:
    """A contact with the client during detention or within 30 days after release."""
    contacts = Contact.objects.filter(
        trajectory=OuterRef("pk"), kind__in=list(CLIENT_CONTACT_KINDS)
    )
    return Exists(
        contacts.filter(
            Q(trajectory__released_on__isnull=True)
            | Q(date__lte=date_plus("trajectory__released_on", REACH_DAYS_AFTER_RELEASE))
        )
    )


def timeliness_and_offer_aggregates() -> dict[str, Count]:
    """First contacts (and those in time), offers made and accepted: report 3 and the dashboard."""
    offered = [OfferStatus.MADE, OfferStatus.ACCEPTED, OfferStatus.DECLINED]
    return {
        "contacted": Count("pk", filter=Q(first_contact_on__isnull=False)),
        "in_time": Count(
            "pk",
            filter=Q(first_contact_on__isnull=False, first_contact_on__lte=F("first_contact_due")),
        ),
        "offered": Count("pk", filter=Q(offer_status__in=offered)),
        "accepted": Count("pk", filter=Q(offer_status=OfferStatus.ACCEPTED)),
    }


def _reach_row(row: dict) -> dict:
    return {
        **row,
        "reached_pct": percent(row["reached"], row["registered"]),
        "in_time_pct": percent(row["in_time"], row["contacted"]),
        "accepted_pct": percent(row["accepted"], row["offered"]),
    }


def reach_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    """3. Reach, timeliness of the first contact and participation, per municipality."""
    queryset = opened_in_period(scope, filters).annotate(is_reached=reached_condition())
    aggregates = {
        "registered": Count("pk"),
        "reached": Count("pk", filter=Q(is_reached=True)),
        **timeliness_and_offer_aggregates(),
    }
    rows = [
        _reach_row({**row, "municipality": row["municipality__name"] or "Onbekend"})
        for row in queryset.values("municipality__name")
        .annotate(**aggregates)
        .order_by("municipality__name")
    ]
    rows.append(_reach_row({"municipality": "Totaal", **queryset.aggregate(**aggregates)}))
    columns = [
        Column("municipality", "Gemeente", Kind.LABEL),
        Column("registered", "Aangemeld", additive=True),
        Column("reached", "Bereikt", additive=True),
        Column("reached_pct", "Bereik", Kind.PERCENT, base="registered", of="reached"),
        Column("contacted", "Met eerste contact", additive=True),
        Column("in_time", "Binnen 5 werkdagen", additive=True),
        Column("in_time_pct", "Tijdigheid", Kind.PERCENT, base="contacted", of="in_time"),
        Column("offered", "Aanbod gedaan", additive=True),
        Column("accepted", "Aanbod geaccepteerd", additive=True),
        Column("accepted_pct", "Deelname", Kind.PERCENT, base="offered", of="accepted"),
    ]
    return ReportResult(
        tables=[Table("Bereik, tijdigheid en deelname", columns, rows, total_row="Totaal")],
        chart=ChartSpec(
            0,
            "municipality",
            ("reached_pct", "in_time_pct", "accepted_pct"),
            "Bereik, tijdigheid en deelname (%)",
        ),
    )
