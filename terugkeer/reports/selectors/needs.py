"""Reports 4 and 5: help requests per domain, and the basisvoorwaarden at three moments."""

from __future__ import annotations

from django.db.models import Case, CharField, Count, F, FilteredRelation, Q, Value, When

from terugkeer.cases.choices import Programme, SnapshotMoment, TriageStatus
from terugkeer.cases.models import Domain, DomainSnapshot
from terugkeer.core.access import Scope
from terugkeer.reports.framework import (
    ChartSpec,
    Column,
    Kind,
    ReportFilters,
    ReportResult,
    Table,
    needs_suppression,
    percent,
)
from terugkeer.reports.selectors.base import opened_in_period

# A help request: a need was found, whether it is still open, in treatment or since arranged.
HELP_REQUEST = [TriageStatus.NEED, TriageStatus.IN_PROGRESS, TriageStatus.ARRANGED]
# The monitor's "without ID / housing / income …": the situation is not (yet) in order. A refused
# offer of support leaves the situation as it was, so it counts as a problem too.
PROBLEM = [TriageStatus.NEED, TriageStatus.IN_PROGRESS, TriageStatus.REFUSED]
PER_TRAJECTORY_PAGE_ROWS = 100


def _domains(filters: ReportFilters) -> list[Domain]:
    programme = filters.programme or Programme.AFTERCARE
    return list(Domain.objects.filter(programme__code=programme).order_by("order"))


def help_requests_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    """4. Help requests per domain: per trajectory yes/no, totals, and more than one domain."""
    domains = _domains(filters)
    queryset = opened_in_period(scope, filters)
    if not filters.programme:
        queryset = queryset.filter(programme=Programme.AFTERCARE)
    # One grouped pass: trajectories joined to their help-request assessments, counted per
    # domain (0 or 1: one assessment per domain) and in all; no lookup per trajectory.
    help_request = Q(domain_assessments__status__in=HELP_REQUEST)
    flags = {
        f"d_{domain.code}": Count(
            "domain_assessments", filter=help_request & Q(domain_assessments__domain=domain)
        )
        for domain in domains
    }
    count = Count(
        "domain_assessments", filter=help_request & Q(domain_assessments__domain__in=domains)
    )
    annotated = queryset.annotate(**flags, domain_count=count)
    totals = annotated.aggregate(
        trajectories=Count("pk"),
        with_help=Count("pk", filter=Q(domain_count__gt=0)),
        multiple=Count("pk", filter=Q(domain_count__gt=1)),
        **{f"n_{key}": Count("pk", filter=Q(**{f"{key}__gt": 0})) for key in flags},
    )
    domain_rows = [
        {
            "domain": domain.name,
            "count": totals[f"n_d_{domain.code}"],
            "share": percent(totals[f"n_d_{domain.code}"], totals["trajectories"]),
            "base": totals["trajectories"],
        }
        for domain in domains
    ]
    summary_rows = [
        {"what": "Trajecten", "count": totals["trajectories"]},
        {"what": "Met een hulpvraag op minstens één domein", "count": totals["with_help"]},
        {"what": "Met hulpvragen op meer dan één domein", "count": totals["multiple"]},
    ]
    # The table per trajectory is dropped where small cells are suppressed: not computed there.
    per_trajectory = (
        []
        if needs_suppression(scope)
        else [
            {
                "trajectory": row["pk"],
                "municipality": row["municipality__name"] or "Onbekend",
                **{key: bool(row[key]) for key in flags},
                "domain_count": row["domain_count"],
            }
            for row in annotated.values(
                "pk", "municipality__name", "domain_count", *flags
            ).order_by("pk")
        ]
    )
    return ReportResult(
        tables=[
            Table(
                "Hulpvragen per domein",
                [
                    Column("domain", "Domein", Kind.LABEL),
                    Column("count", "Trajecten met hulpvraag"),
                    Column("base", "Trajecten"),
                    Column("share", "Aandeel", Kind.PERCENT, base="base", of="count"),
                ],
                domain_rows,
            ),
            Table(
                "Samenvatting",
                [Column("what", "", Kind.LABEL), Column("count", "Aantal")],
                summary_rows,
            ),
            Table(
                "Per traject",
                [
                    Column("trajectory", "Trajectnummer", Kind.LABEL),
                    Column("municipality", "Gemeente", Kind.LABEL),
                    *[Column(f"d_{d.code}", d.name, Kind.LABEL) for d in domains],
                    Column("domain_count", "Aantal domeinen", Kind.LABEL),
                ],
                per_trajectory,
                page_limit=PER_TRAJECTORY_PAGE_ROWS,
                per_trajectory=True,
            ),
        ],
        chart=ChartSpec(0, "domain", ("count",), "Trajecten met hulpvraag per domein"),
    )


# The monitor's indicators: (key, label, domain, snapshot field, values meaning "not in order").
INDICATORS = [
    ("no_id", "Zonder geldig ID-bewijs", "id_bewijs", "status", PROBLEM),
    ("no_housing", "Zonder huisvesting", "huisvesting", "status", PROBLEM),
    ("no_income", "Zonder werk, inkomen of dagbesteding", "werk_inkomen", "status", PROBLEM),
    ("debts", "Schulden zonder overzicht", "schulden", "status", PROBLEM),
    ("no_insurance", "Zonder zorgverzekering", "zorg", "health_insurance", [False]),
    ("care", "Zorgvraag niet geregeld", "zorg", "status", PROBLEM),
    ("network", "Sociaal netwerk niet op orde", "sociaal_netwerk", "status", PROBLEM),
]
MOMENTS = [SnapshotMoment.INTAKE, SnapshotMoment.RELEASE, SnapshotMoment.END]
MOVES = [
    (SnapshotMoment.INTAKE, SnapshotMoment.RELEASE),
    (SnapshotMoment.RELEASE, SnapshotMoment.END),
]


def _next(moment) -> FilteredRelation:
    """The same trajectory's snapshot of the same domain at ``moment`` (an expression over the
    earlier row's moment): a join, not a lookup per row."""
    return FilteredRelation(
        "trajectory__snapshots",
        condition=Q(trajectory__snapshots__moment=moment)
        & Q(trajectory__snapshots__domain=F("domain")),
    )


def basic_conditions_report(scope: Scope, filters: ReportFilters, today) -> ReportResult:
    """5. Share of trajectories without ID, housing, income … at intake, release and end."""
    cohort = opened_in_period(scope, filters).filter(programme=Programme.AFTERCARE)
    snapshots = DomainSnapshot.objects.filter(trajectory__in=cohort.values("pk"))
    # One pass for the situation table: the trajectories measured and the indicators per moment.
    counts = snapshots.aggregate(
        **{
            f"measured__{moment}": Count("trajectory", distinct=True, filter=Q(moment=moment))
            for moment in MOMENTS
        },
        **{
            f"{key}__{moment}": Count(
                "pk", filter=Q(**{f"{field}__in": values}, domain__code=code, moment=moment)
            )
            for key, _label, code, field, values in INDICATORS
            for moment in MOMENTS
        },
    )
    measured = {moment: counts[f"measured__{moment}"] for moment in MOMENTS}
    situation_rows = []
    for key, label, *_rest in INDICATORS:
        row = {"indicator": label}
        for moment in MOMENTS:
            n = measured.get(moment, 0)
            row[f"n_{moment}"] = n
            row[f"count_{moment}"] = counts[f"{key}__{moment}"]
            row[f"pct_{moment}"] = percent(counts[f"{key}__{moment}"], n)
        situation_rows.append(row)
    situation_rows.insert(
        0,
        {
            "indicator": "Trajecten met een momentopname",
            **{f"n_{m}": measured.get(m, 0) for m in MOMENTS},
            **{f"count_{m}": measured.get(m, 0) for m in MOMENTS},
        },
    )
    moment_labels = dict(SnapshotMoment.choices)
    situation_columns = [Column("indicator", "Indicator", Kind.LABEL)]
    for moment in MOMENTS:
        situation_columns += [
            Column(f"count_{moment}", f"Aantal {moment_labels[moment]}"),
            Column(
                f"pct_{moment}",
                f"Aandeel {moment_labels[moment]}",
                Kind.PERCENT,
                f"n_{moment}",
                of=f"count_{moment}",
            ),
        ]

    # One pass for both moves: every (earlier moment, domain, earlier values, later values)
    # combination with its count, the next moment's snapshot of the same domain joined once (the
    # unique trajectory/moment/domain index).
    next_moment = Case(
        *[When(moment=earlier, then=Value(later)) for earlier, later in MOVES],
        output_field=CharField(),
    )
    all_pairs = list(
        snapshots.filter(moment__in=[earlier for earlier, _later in MOVES])
        .annotate(later=_next(next_moment))
        .filter(later__isnull=False)
        .values(
            "moment",
            "domain__code",
            "status",
            "health_insurance",
            later_status=F("later__status"),
            later_insurance=F("later__health_insurance"),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    move_rows = []
    for earlier, later in MOVES:
        pairs = [pair for pair in all_pairs if pair["moment"] == earlier]
        for _key, label, code, field, values in INDICATORS:
            later_field = {"status": "later_status", "health_insurance": "later_insurance"}[field]
            totals = {"both": 0, "solved": 0, "stayed": 0, "new": 0}
            for pair in pairs:
                if pair["domain__code"] != code:
                    continue
                before, after = pair[field] in values, pair[later_field] in values
                totals["both"] += pair["n"]
                if before and after:
                    totals["stayed"] += pair["n"]
                elif before:
                    totals["solved"] += pair["n"]
                elif after:
                    totals["new"] += pair["n"]
            move_rows.append(
                {
                    "move": f"{moment_labels[earlier]} → {moment_labels[later]}",
                    "indicator": label,
                    **totals,
                }
            )
    return ReportResult(
        tables=[
            Table(
                "Situatie op drie momenten",
                situation_columns,
                situation_rows,
                note="Aandeel: van de trajecten met een momentopname op dat moment.",
            ),
            Table(
                "Verschuiving tussen de momenten",
                [
                    Column("move", "Van → naar", Kind.LABEL),
                    Column("indicator", "Indicator", Kind.LABEL),
                    Column("both", "Trajecten op beide momenten"),
                    Column("solved", "Opgelost"),
                    Column("stayed", "Nog steeds"),
                    Column("new", "Nieuw ontstaan"),
                ],
                move_rows,
            ),
        ],
        chart=ChartSpec(
            0,
            "indicator",
            tuple(f"pct_{m}" for m in MOMENTS),
            "Basisvoorwaarden niet op orde (%)",
        ),
    )
