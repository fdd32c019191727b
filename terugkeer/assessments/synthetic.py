"""ZRM measurements for the synthetic dataset (``manage.py generate_dataset``).

A 0-meting for a share of the trajectories that reached intake, within two weeks of it, and for
three quarters of those a 1-meting three to eight months later, drifting from the baseline.
The shares are tuned so the total lands near the scale's ``measurements``.
"""

from __future__ import annotations

import datetime

from terugkeer.assessments.choices import ZRM_CODE, MeasurementKind
from terugkeer.assessments.models import DomainScore, Instrument, Measurement
from terugkeer.core.synthetic_contract import (
    Contributor,
    SyntheticContext,
    TrajectoryLife,
    build,
)

_STATE = "assessments"
_FOLLOW_UP_SHARE = 0.75


def reference(context: SyntheticContext) -> None:
    zrm = Instrument.objects.current(ZRM_CODE)
    scale = context.scale
    with_intake = scale.notifications * 0.55
    context.state[_STATE] = {
        "zrm": zrm,
        "items": list(zrm.items.filter(organisation__isnull=True).order_by("position")),
        "baseline_share": min(1.0, scale.measurements / with_intake / 1.45),
    }


def _measurement(zrm, life: TrajectoryLife, kind, on, scores) -> tuple[Measurement, list]:
    measurement = build(
        Measurement,
        organisation=life.trajectory.organisation,
        trajectory=life.trajectory,
        instrument=zrm,
        kind=kind,
        measured_on=on,
        scored_by=life.worker,
    )
    return measurement, [
        build(DomainScore, item_id=pk, score=score) for pk, score in scores.items()
    ]


def trajectory(context: SyntheticContext, life: TrajectoryLife) -> list:
    """The measurements of one trajectory with their scores, not yet written."""
    rng, state, end = context.rng, context.state[_STATE], life.end
    measurements = []
    if life.intake_on and rng.random() < state["baseline_share"]:
        baseline_on = min(end, life.intake_on + datetime.timedelta(days=rng.randint(0, 14)))
        baseline_scores = {
            item.pk: (None if rng.random() < 0.08 else rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5]))
            for item in state["items"]
        }
        measurements.append(
            _measurement(state["zrm"], life, MeasurementKind.BASELINE, baseline_on, baseline_scores)
        )
        follow_on = baseline_on + datetime.timedelta(days=rng.randint(90, 240))
        if follow_on <= end and rng.random() < _FOLLOW_UP_SHARE:
            trend = rng.choice([1, 1, 1, 0, -1])
            follow_scores = {
                pk: (
                    None
                    if score is None
                    else min(5, max(1, score + rng.choice([0, trend, trend, 1, -1])))
                )
                for pk, score in baseline_scores.items()
            }
            measurements.append(
                _measurement(
                    state["zrm"], life, MeasurementKind.FOLLOW_UP, follow_on, follow_scores
                )
            )
    return measurements


def chunk(context: SyntheticContext, lives: list[TrajectoryLife], pending: list[list]) -> None:
    """Write the chunk's measurements, then their scores (which need the measurements' keys)."""
    pairs = [pair for measurements in pending for pair in measurements]
    context.write([measurement for measurement, _scores in pairs])
    scores = []
    for measurement, rows in pairs:
        for score in rows:
            score.measurement_id = measurement.pk
            scores.append(score)
    context.write(scores)


def digest():
    return [
        Measurement.objects.order_by("trajectory__client__bsn", "measured_on", "kind").values_list(
            "trajectory__client__bsn", "measured_on", "kind"
        )
    ]


CONTRIBUTOR = Contributor(
    order=50, reference=reference, trajectory=trajectory, chunk=chunk, digest=digest
)
