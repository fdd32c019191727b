"""The rows of the pseudonymised research export (issue 18): one row per trajectory.

No direct identifier leaves this module: no name, BSN, address, phone, birth date or free text.
Pseudonyms are HMAC-SHA256 under a key made fresh for every export and never stored, so they are
stable within one export (a client's two trajectories share the client pseudonym) and unlinkable
between exports. Dates are coarsened to months, age to a band; rare categories are grouped as
"overig" and small combinations of quasi-identifiers are generalised (see docs/privacy.md).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Sum

from terugkeer.assessments.choices import ZRM_CODE
from terugkeer.assessments.models import DomainScore, Measurement
from terugkeer.cases.choices import (
    Category,
    ClosingReason,
    Programme,
    TrajectoryStatus,
    TriageStatus,
)
from terugkeer.cases.models import Domain, DomainAssessment, Trajectory
from terugkeer.clients.choices import Sex
from terugkeer.detention.choices import LegalTitle
from terugkeer.reports.selectors.outcomes import TWO_YEARS, reoffended_within

# Fewer than this many rows share a value or a combination: it is too rare to show.
SMALL_CELL = 5
OTHER = "overig"
SUPPRESSED = "*"
UNKNOWN = "onbekend"
YES, NO = "ja", "nee"

# (lowest age, label); the last band is open-ended.
AGE_BANDS = (
    (0, "jonger dan 18"),
    (18, "18-24"),
    (25, "25-34"),
    (35, "35-44"),
    (45, "45-54"),
    (55, "55-64"),
    (65, "65 en ouder"),
)

# Categorical columns whose values shared by fewer than SMALL_CELL rows become "overig".
GROUPED = ("municipality", "institution", "legal_title", "category", "status", "closing_reason")
# The quasi-identifiers of the small-cell rule.
QUASI_IDENTIFIERS = ("age_band", "sex", "municipality", "release_month")

COLUMNS: tuple[tuple[str, str], ...] = (
    ("client", "Pseudoniem cliënt"),
    ("trajectory", "Pseudoniem traject"),
    ("programme", "Programma"),
    ("status", "Status"),
    ("category", "Categorie (wegingskader)"),
    ("opened_month", "Maand aanmelding"),
    ("age_band", "Leeftijd bij aanmelding"),
    ("sex", "Geslacht"),
    ("municipality", "Gemeente"),
    ("institution", "Inrichting"),
    ("legal_title", "Titel detentie"),
    ("days_to_contact", "Dagen tot eerste contact"),
    ("contact_in_time", "Eerste contact binnen 5 werkdagen"),
    ("release_month", "Maand vrijlating"),
    ("aftercare_months", "Maanden nazorg"),
    ("closing_reason", "Reden afsluiting"),
    ("zrm_first", "ZRM eerste totaalscore"),
    ("zrm_latest", "ZRM laatste totaalscore"),
    ("recidive_2y", "Recidive binnen 2 jaar"),
    ("generalised", "Gegeneraliseerd"),
)


@dataclass
class ExportTable:
    """What the export files render: the column headers and the rows, in header order."""

    headers: list[str]
    keys: list[str]
    rows: list[dict] = field(default_factory=list)


def pseudonym(key: bytes, kind: str, pk: int) -> str:
    """HMAC-SHA256 of ``kind:pk`` under the export's key, shortened to 16 hex digits (64 bits)."""
    return hmac.new(key, f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()[:16]


def month(date: datetime.date | None) -> str:
    return f"{date:%Y-%m}" if date else ""


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_band(birth_date: datetime.date | None, day: datetime.date) -> str:
    if birth_date is None:
        return UNKNOWN
    age = age_on(birth_date, day)
    return [label for lowest, label in AGE_BANDS if age >= lowest][-1]


def whole_months(start: datetime.date | None, end: datetime.date | None) -> int | None:
    """Whole calendar months from ``start`` to ``end`` (15 Jan → 14 Mar is 1, → 15 Mar is 2)."""
    if start is None or end is None or end < start:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def recidive(released_on, again: bool, today: datetime.date) -> str:
    """Ja once a new begin notification came within two years of release (the recidivism
    report's rule, ``reports.selectors.outcomes``); nee only when the two years have passed."""
    if released_on is None:
        return UNKNOWN
    if again:
        return YES
    return NO if released_on <= today - datetime.timedelta(days=TWO_YEARS) else UNKNOWN


def group_rare(rows: list[dict], keys=GROUPED) -> None:
    """Values shared by fewer than SMALL_CELL rows of the export become "overig"."""
    for key in keys:
        counts = Counter(row[key] for row in rows)
        for row in rows:
            # Empty is "not applicable" (no closing reason while open): nothing to group.
            if row[key] != "" and counts[row[key]] < SMALL_CELL:
                row[key] = OTHER


def _combination(row: dict) -> tuple:
    return tuple(row[key] for key in QUASI_IDENTIFIERS)


def apply_small_cells(rows: list[dict]) -> None:
    """The small-cell rule for rows, in two steps, each judged over the whole export.

    1. A row whose combination of age band, sex, municipality and release month is shared by
       fewer than SMALL_CELL rows: municipality → "overig", both months → the year.
    2. A row whose generalised combination is still shared by fewer than SMALL_CELL rows: all four
       quasi-identifiers → "*" (the months keep only the year).
    ``generalised`` says which step a row went through (0, 1 or 2).
    """
    for row in rows:
        row["generalised"] = 0
    counts = Counter(_combination(row) for row in rows)
    for row in rows:
        if counts[_combination(row)] < SMALL_CELL:
            row["generalised"] = 1
            row["municipality"] = OTHER
            row["release_month"] = row["release_month"][:4]
            row["opened_month"] = row["opened_month"][:4]
    counts = Counter(_combination(row) for row in rows)
    for row in rows:
        if row["generalised"] == 1 and counts[_combination(row)] < SMALL_CELL:
            row["generalised"] = 2
            for key in QUASI_IDENTIFIERS:
                row[key] = SUPPRESSED


def cohort(organisation, start: datetime.date, end: datetime.date, programme: str = ""):
    """The organisation's trajectories opened (aangemeld) in the period, shielded ones too:
    the export shows no person, like the reports."""
    queryset = Trajectory.objects.filter(organisation=organisation, opened_on__range=(start, end))
    if programme:
        queryset = queryset.filter(programme=programme)
    return queryset


def _domains(programme: str) -> list[Domain]:
    queryset = Domain.objects.select_related("programme").order_by("programme__code", "order")
    if programme:
        queryset = queryset.filter(programme__code=programme)
    return list(queryset)


def _zrm_totals(trajectory_ids: list[int]) -> dict[int, tuple[int | None, int | None]]:
    """Per trajectory: the total score (sum of scored domains) of its first and latest ZRM."""
    measurements = list(
        Measurement.objects.filter(trajectory_id__in=trajectory_ids, instrument__code=ZRM_CODE)
        .order_by("trajectory_id", "measured_on", "pk")
        .values_list("pk", "trajectory_id")
    )
    totals = dict(
        DomainScore.objects.filter(measurement_id__in=[pk for pk, _ in measurements])
        .order_by()
        .values("measurement")
        .annotate(total=Sum("score"))
        .values_list("measurement", "total")
    )
    per_trajectory: dict[int, list[int]] = {}
    for pk, trajectory_id in measurements:
        per_trajectory.setdefault(trajectory_id, []).append(pk)
    return {
        trajectory_id: (totals.get(pks[0]), totals.get(pks[-1]))
        for trajectory_id, pks in per_trajectory.items()
    }


def _label(choices, value) -> str:
    if value in (None, ""):
        return UNKNOWN
    return str(dict(choices).get(value, value))


def build_table(
    *,
    organisation,
    start: datetime.date,
    end: datetime.date,
    programme: str,
    today: datetime.date,
    key: bytes,
) -> ExportTable:
    """The export's rows, coarsened, grouped and small cells generalised, in pseudonym order."""
    trajectories = list(
        cohort(organisation, start, end, programme)
        .select_related("client", "municipality", "detention__institution")
        .annotate(again_2y=reoffended_within(TWO_YEARS))
        .order_by("pk")
    )
    ids = [t.pk for t in trajectories]
    domains = _domains(programme)
    triage = {
        (row["trajectory_id"], row["domain_id"]): row["status"]
        for row in DomainAssessment.objects.filter(trajectory_id__in=ids).values(
            "trajectory_id", "domain_id", "status"
        )
    }
    zrm = _zrm_totals(ids)
    rows = []
    for trajectory in trajectories:
        client, detention = trajectory.client, trajectory.detention
        first_contact = trajectory.first_contact_on
        in_time = trajectory.first_contact_in_time
        row = {
            "client": pseudonym(key, "client", client.pk),
            "trajectory": pseudonym(key, "trajectory", trajectory.pk),
            "programme": _label(Programme.choices, trajectory.programme),
            "status": _label(TrajectoryStatus.choices, trajectory.status),
            "category": _label(Category.choices, trajectory.category),
            "opened_month": month(trajectory.opened_on),
            "age_band": age_band(client.birth_date, trajectory.opened_on),
            "sex": _label(Sex.choices, client.sex),
            "municipality": trajectory.municipality.name if trajectory.municipality else UNKNOWN,
            "institution": (
                detention.institution.name if detention and detention.institution else UNKNOWN
            ),
            "legal_title": _label(LegalTitle.choices, detention.legal_title if detention else ""),
            "days_to_contact": (
                (first_contact - trajectory.opened_on).days if first_contact else None
            ),
            "contact_in_time": "" if in_time is None else (YES if in_time else NO),
            "release_month": month(trajectory.released_on),
            "aftercare_months": whole_months(
                trajectory.released_on, trajectory.aftercare_end or trajectory.closed_on
            ),
            "closing_reason": (
                _label(ClosingReason.choices, trajectory.closing_reason)
                if trajectory.closing_reason
                else ""
            ),
            "zrm_first": zrm.get(trajectory.pk, (None, None))[0],
            "zrm_latest": zrm.get(trajectory.pk, (None, None))[1],
            "recidive_2y": recidive(trajectory.released_on, trajectory.again_2y, today),
        }
        for domain in domains:
            status = triage.get((trajectory.pk, domain.pk))
            row[f"triage_{domain.pk}"] = _label(TriageStatus.choices, status) if status else ""
        rows.append(row)
    group_rare(rows)
    apply_small_cells(rows)
    rows.sort(key=lambda row: row["trajectory"])
    keys = [k for k, _ in COLUMNS]
    headers = [h for _, h in COLUMNS]
    names = Counter(domain.name for domain in domains)
    for domain in domains:
        name = domain.name if names[domain.name] == 1 else f"{domain.name} ({domain.programme})"
        keys.append(f"triage_{domain.pk}")
        headers.append(f"Triage {name}")
    return ExportTable(headers=headers, keys=keys, rows=rows)
