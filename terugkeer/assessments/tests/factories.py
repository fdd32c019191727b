"""Factories and helpers for ZRM measurements and questionnaire responses."""

import datetime

import factory
from django.utils import timezone

from terugkeer.accounts.tests.factories import UserFactory
from terugkeer.assessments import services
from terugkeer.assessments.choices import C_TOETS_CODE, ZRM_CODE, MeasurementKind, ResponseMode
from terugkeer.assessments.models import Instrument, Measurement
from terugkeer.assessments.services import ScoreInput
from terugkeer.cases.tests.factories import TrajectoryFactory


def ensure_instruments() -> None:
    """Reload the instrument definitions a transactional test's flush removed (no-op otherwise)."""
    from django.apps import apps

    from terugkeer.assessments.definitions import load

    load(apps)


def zrm() -> Instrument:
    return Instrument.objects.current(ZRM_CODE)


def c_toets() -> Instrument:
    return Instrument.objects.current(C_TOETS_CODE)


class MeasurementFactory(factory.django.DjangoModelFactory):
    """A ZRM measurement without scores; use :func:`measure` for one with scores."""

    class Meta:
        model = Measurement

    trajectory = factory.SubFactory(TrajectoryFactory)
    organisation = factory.LazyAttribute(lambda o: o.trajectory.organisation)
    instrument = factory.LazyFunction(zrm)
    kind = MeasurementKind.BASELINE
    measured_on = factory.LazyFunction(timezone.localdate)
    scored_by = factory.SubFactory(UserFactory)

    class Params:
        follow_up = factory.Trait(kind=MeasurementKind.FOLLOW_UP)


def measure(
    trajectory,
    scores: dict[str, int | None],
    *,
    kind: str = MeasurementKind.BASELINE,
    measured_on: datetime.date | None = None,
    scored_by=None,
) -> Measurement:
    """Record a measurement through the service; ``scores`` maps domain code → score."""
    instrument = zrm()
    items = {item.code: item for item in instrument.items.for_organisation(trajectory.organisation)}
    return services.measurement_create(
        trajectory=trajectory,
        instrument=instrument,
        kind=kind,
        measured_on=measured_on or timezone.localdate(),
        scored_by=scored_by or UserFactory(),
        scores={items[code].pk: ScoreInput(score) for code, score in scores.items()},
    )


def respond(trajectory, answers: dict[str, object], *, recorded_by=None):
    """Record a C-toets response; ``answers`` maps item code → raw answer."""
    instrument = c_toets()
    items = {item.code: item for item in instrument.items.all()}
    return services.questionnaire_response_record(
        trajectory=trajectory,
        instrument=instrument,
        answered_on=timezone.localdate(),
        mode=ResponseMode.PAPER,
        recorded_by=recorded_by or UserFactory(),
        answers={items[code].pk: value for code, value in answers.items()},
    )
