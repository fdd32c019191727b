"""Reads. Personal data starts from ``visible_to(scope)``; aggregates never return a person."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from terugkeer.accounts.models import Organisation
from terugkeer.assessments.choices import C_TOETS_CODE, ZRM_CODE, ItemKind, MeasurementKind
from terugkeer.assessments.models import (
    Answer,
    AssessmentSettings,
    DomainScore,
    Instrument,
    Item,
    Measurement,
    QuestionnaireResponse,
)
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.cases.selectors import trajectory_for
from terugkeer.core.access import Action, Scope, get_visible_or_404
from terugkeer.core.roles import Role

DEFAULT_FOLLOWUP_MONTHS = 6
SMALL_NUMBER = 5  # fewer responses than this are shown as "<5" to policy advisors


def current_instrument(code: str) -> Instrument:
    return Instrument.objects.current(code)


def zrm_instrument() -> Instrument:
    return current_instrument(ZRM_CODE)


def questionnaire_instrument(code: str) -> Instrument:
    """The current version of a questionnaire (404 for an unknown code)."""
    from django.http import Http404

    instrument = Instrument.objects.filter(code=code, is_current=True, kind="vragenlijst").first()
    if instrument is None or code == ZRM_CODE:
        raise Http404
    return instrument


def domains_for(*, instrument: Instrument, organisation: Organisation) -> list[Item]:
    """The core domains and the organisation's optional ones, in order."""
    return list(
        instrument.items.for_organisation(organisation)
        .select_related("instrument")
        .order_by("position", "pk")
    )


def trajectory_for_assessments(*, scope: Scope | None, pk: int, action: str = Action.VIEW):
    """The trajectory for ``action``: 404 if not visible, 403 if it may be read but not changed."""
    return trajectory_for(scope, pk, action=action)


def measurement_for_edit(*, scope: Scope | None, pk: int) -> Measurement:
    return get_visible_or_404(
        Measurement.objects.visible_to(scope).select_related(
            "trajectory__client", "instrument", "organisation"
        ),
        pk=pk,
    )


def trajectory_measurements(*, scope: Scope | None, trajectory: Trajectory) -> list[Measurement]:
    """The trajectory's ZRM measurements, oldest first, with their scores."""
    return list(
        Measurement.objects.visible_to(scope)
        .filter(trajectory=trajectory)
        .select_related("scored_by", "instrument")
        .prefetch_related(Prefetch("scores", queryset=DomainScore.objects.select_related("item")))
        .order_by("measured_on", "pk")
    )


def trajectory_responses(*, scope: Scope | None, trajectory: Trajectory) -> QuerySet:
    """The questionnaires recorded on a trajectory (metadata only: answers stay aggregated)."""
    return (
        QuestionnaireResponse.objects.visible_to(scope)
        .filter(trajectory=trajectory)
        .select_related("instrument", "recorded_by")
    )


def measurement_total(measurement: Measurement) -> tuple[int, int]:
    """(sum of the scored domains, number of domains scored)."""
    scored = [s.score for s in measurement.scores.all() if s.score is not None]
    return sum(scored), len(scored)


@dataclass(frozen=True)
class DomainProgress:
    code: str
    label: str
    first: int | None
    latest: int | None

    @property
    def change(self) -> str:
        """improved / equal / worse, or '' when either measurement did not score the domain."""
        if self.first is None or self.latest is None:
            return ""
        if self.latest > self.first:
            return "improved"
        return "worse" if self.latest < self.first else "equal"


@dataclass(frozen=True)
class TotalPoint:
    measured_on: datetime.date
    kind: str
    total: int
    scored: int


@dataclass
class Progress:
    """First versus latest ZRM measurement of one trajectory, and the total over time."""

    domains: list[DomainProgress] = field(default_factory=list)
    totals: list[TotalPoint] = field(default_factory=list)
    first: Measurement | None = None
    latest: Measurement | None = None

    @property
    def comparable(self) -> bool:
        return self.first is not None and self.latest is not None and self.first != self.latest

    def count(self, change: str) -> int:
        return sum(1 for d in self.domains if d.change == change)

    @property
    def improved(self) -> int:
        return self.count("improved")

    @property
    def equal(self) -> int:
        return self.count("equal")

    @property
    def worse(self) -> int:
        return self.count("worse")


def zrm_progress(measurements: list[Measurement]) -> Progress:
    """Compare the first and the latest measurement per domain (pure: no queries of its own)."""
    progress = Progress()
    if not measurements:
        return progress
    ordered = sorted(measurements, key=lambda m: (m.measured_on, m.pk))
    progress.first, progress.latest = ordered[0], ordered[-1]
    for measurement in ordered:
        total, scored = measurement_total(measurement)
        progress.totals.append(
            TotalPoint(measurement.measured_on, measurement.get_kind_display(), total, scored)
        )
    first = {s.item_id: s for s in progress.first.scores.all()}
    latest = {s.item_id: s for s in progress.latest.scores.all()}
    items = {s.item_id: s.item for s in [*first.values(), *latest.values()]}
    for item in sorted(items.values(), key=lambda i: (i.position, i.pk)):
        progress.domains.append(
            DomainProgress(
                code=item.code,
                label=item.text,
                first=getattr(first.get(item.pk), "score", None),
                latest=getattr(latest.get(item.pk), "score", None),
            )
        )
    return progress


def zrm_followup_months(organisation: Organisation) -> int:
    settings = AssessmentSettings.objects.filter(organisation=organisation).first()
    return settings.zrm_followup_months if settings else DEFAULT_FOLLOWUP_MONTHS


@dataclass(frozen=True)
class FollowUpDue:
    """A trajectory whose 1-meting is due: the 0-meting is N months old and nothing came after."""

    trajectory: Trajectory
    baseline_on: datetime.date
    due_on: datetime.date


def zrm_followups_due(*, scope: Scope | None, today: datetime.date) -> list[FollowUpDue]:
    """Open trajectories of the scope whose ZRM follow-up is due on or before ``today``.

    Due = date of the (latest) 0-meting + N months (N per organisation, default 6; a 0-meting on
    31 August is due on the last day of February). A measurement dated after the 0-meting ends
    the signal.
    """
    if scope is None:
        return []
    months = zrm_followup_months(scope.organisation)
    latest_possible_baseline = today - relativedelta(months=months)
    # One query: the 0-metingen old enough to be due with no measurement after them (so each is
    # the latest 0-meting of its trajectory); only those rows become instances.
    # ``visible_to`` once: a measurement is visible exactly when its trajectory is (assessments'
    # access rule is ``through("trajectory")``), so the open-trajectory test is a join and the
    # "measured since" test reads only measurements of a row already visible. (Nesting the
    # trajectory policy twice more cost ~0.6 s of query building at medium scale.)
    later = Measurement.objects.filter(
        trajectory_id=OuterRef("trajectory_id"), measured_on__gt=OuterRef("measured_on")
    )
    baselines = (
        Measurement.objects.visible_to(scope)
        .filter(
            kind=MeasurementKind.BASELINE,
            measured_on__lte=latest_possible_baseline + datetime.timedelta(days=3),
        )
        .exclude(trajectory__status=TrajectoryStatus.CLOSED)
        .filter(~Exists(later))
        .select_related("trajectory__client")
        .order_by("trajectory_id", "-measured_on", "-pk")
    )
    due: list[FollowUpDue] = []
    seen: set[int] = set()
    for baseline in baselines:
        if baseline.trajectory_id in seen:
            continue
        seen.add(baseline.trajectory_id)
        due_on = baseline.measured_on + relativedelta(months=months)
        if due_on <= today:
            due.append(FollowUpDue(baseline.trajectory, baseline.measured_on, due_on))
    return sorted(due, key=lambda f: (f.due_on, f.trajectory.pk))


@dataclass
class ItemDistribution:
    item: Item
    counts: list[int]  # per scale value, in scale order
    not_applicable: int
    answered: int


@dataclass
class SatisfactionAggregate:
    """Answer distributions per item and the mean rapportcijfer of one questionnaire."""

    instrument: Instrument
    responses: int
    suppressed: bool
    sections: list[tuple[str, list[ItemDistribution]]]
    mean_grade: float | None
    grade_count: int


def satisfaction_aggregate(
    *, scope: Scope | None, instrument_code: str = C_TOETS_CODE
) -> SatisfactionAggregate | None:
    """Aggregate the organisation's responses (all versions' items matched by code).

    Policy advisors may read aggregates only; with fewer than five responses the numbers are
    suppressed for them ("<5"). No function here returns a single person's answers.
    """
    if scope is None or scope.role not in (Role.COORDINATOR, Role.TEAM_CHAIR, Role.POLICY_ADVISOR):
        return None
    instrument = questionnaire_instrument(instrument_code)
    responses = QuestionnaireResponse.objects.filter(
        organisation=scope.organisation, instrument__code=instrument.code
    )
    count = responses.count()
    answers = Answer.objects.filter(response__in=responses).values_list("item__code", "value")
    by_item: dict[str, Counter] = {}
    for code, value in answers:
        by_item.setdefault(code, Counter())[value] += 1
    sections = []
    grades: list[int] = []
    for section in instrument.sections.prefetch_related("items"):
        rows = []
        for item in section.items.all():
            counter = by_item.get(item.code, Counter())
            if item.kind == ItemKind.GRADE:
                grades = [v for v, n in counter.items() if v is not None for _ in range(n)]
            if item.kind != ItemKind.SCALE:
                continue
            counts = [counter.get(value, 0) for value in instrument.scale_values]
            answered = sum(counts)
            rows.append(ItemDistribution(item, counts, count - answered, answered))
        if rows:
            sections.append((section.title, rows))
    suppressed = scope.role == Role.POLICY_ADVISOR and count < SMALL_NUMBER
    return SatisfactionAggregate(
        instrument=instrument,
        responses=count,
        suppressed=suppressed,
        sections=sections,
        mean_grade=round(sum(grades) / len(grades), 1) if grades else None,
        grade_count=len(grades),
    )


@dataclass(frozen=True)
class PreviousMeasurement:
    """The latest earlier measurement of a trajectory: its date and score per domain (item)."""

    measured_on: datetime.date
    scores: dict[int, int | None]


def previous_measurement(
    *,
    scope: Scope | None,
    trajectory: Trajectory,
    instrument: Instrument,
    exclude_pk: int | None = None,
) -> PreviousMeasurement | None:
    """What the form shows beside each domain: the scores of the latest other measurement."""
    measurements = Measurement.objects.visible_to(scope).filter(
        trajectory=trajectory, instrument=instrument
    )
    if exclude_pk is not None:
        measurements = measurements.exclude(pk=exclude_pk)
    latest = measurements.order_by("-measured_on", "-pk").prefetch_related("scores").first()
    if latest is None:
        return None
    return PreviousMeasurement(
        measured_on=latest.measured_on,
        scores={score.item_id: score.score for score in latest.scores.all()},
    )


def early_follow_up(
    *,
    scope: Scope | None,
    trajectory: Trajectory,
    instrument: Instrument,
    measured_on: datetime.date,
) -> tuple[datetime.date, int] | None:
    """(due date, months) when a 1-meting on ``measured_on`` is sooner than the organisation's
    interval after the 0-meting; None when it is not."""
    baseline = (
        Measurement.objects.visible_to(scope)
        .filter(trajectory=trajectory, instrument=instrument, kind=MeasurementKind.BASELINE)
        .order_by("measured_on", "pk")
        .first()
    )
    if baseline is None:
        return None
    months = zrm_followup_months(trajectory.organisation)
    due_on = baseline.measured_on + relativedelta(months=months)
    return (due_on, months) if measured_on < due_on else None


ORGANISATION_PLACEHOLDER = "{organisatie}"


def personalised(text: str, organisation: Organisation | None) -> str:
    """A questionnaire text with ``{organisatie}`` as the organisation's name."""
    name = organisation.name if organisation is not None else "de organisatie"
    return (text or "").replace(ORGANISATION_PLACEHOLDER, name)


def questionnaire_intro(*, instrument: Instrument, organisation: Organisation | None) -> str:
    """The organisation's own introduction if it wrote one, else the instrument's."""
    settings = (
        AssessmentSettings.objects.filter(organisation=organisation).first()
        if organisation is not None
        else None
    )
    text = settings.questionnaire_intro if settings and settings.questionnaire_intro else ""
    return personalised(text or instrument.introduction, organisation)
