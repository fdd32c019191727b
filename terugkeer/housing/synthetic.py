"""Instapwoning stays and weekly checks for the synthetic dataset (``manage.py generate_dataset``).

Every organisation gets one Instapwoning with three places. About one in twenty released
trajectories moves in on the day of release for one to five months, if a place is free for the
whole stay (the capacity holds in the dataset too); each resident gets a check every week.
Draws come from ``context.rng_for("housing")``, so the rest of the dataset is unchanged; no
digest part, so the pinned digest of the spine stays as it is.
"""

from __future__ import annotations

import datetime

from terugkeer.core.synthetic_contract import Contributor, SyntheticContext, TrajectoryLife, build
from terugkeer.housing.choices import LeavingReason, TestResult, UnitKind
from terugkeer.housing.models import HouseCheck, HousingUnit, Stay

_STATE = "housing"
_SHARE = 0.05
_REASONS = [
    LeavingReason.FOUND_HOME,
    LeavingReason.FOUND_HOME,
    LeavingReason.CARE,
    LeavingReason.RULES,
]


def reference(context: SyntheticContext) -> None:
    context.state[_STATE] = {"units": {}}


def organisation(context: SyntheticContext, plan) -> None:
    unit = build(
        HousingUnit,
        organisation=plan.organisation,
        name="Instapwoning",
        kind=UnitKind.INSTAPWONING,
        capacity=3,
        house_rules="Alleen mannen. Geen drugs of alcohol. Wekelijkse controle.",
    )
    context.write([unit])
    context.state[_STATE]["units"][plan.organisation.pk] = (unit, [[] for _ in range(3)])


def _free_place(places, start, end):
    for place in places:
        if all(
            end <= other_start or (other_end and other_end <= start)
            for other_start, other_end in place
        ):
            return place
    return None


def trajectory(context: SyntheticContext, life: TrajectoryLife):
    """A stay (unit, moved in, left or None) for a few released trajectories, else None."""
    rng = context.rng_for(_STATE)
    if life.released_on is None or rng.random() >= _SHARE:
        return None
    unit, places = context.state[_STATE]["units"][life.trajectory.organisation.pk]
    start = life.released_on
    end = min(start + datetime.timedelta(days=rng.randint(30, 150)), life.end)
    left = end if end < context.today else None
    place = _free_place(places, start, left or datetime.date.max)
    if place is None or end <= start:
        return None
    place.append((start, left))
    return unit, start, left, rng.choice(_REASONS), rng.random()


def chunk(context: SyntheticContext, lives: list[TrajectoryLife], pending: list) -> None:
    stays = []
    for life, drawn in zip(lives, pending, strict=True):
        if drawn is None:
            continue
        unit, start, left, reason, _ = drawn
        stays.append(
            build(
                Stay,
                organisation=unit.organisation,
                unit=unit,
                trajectory=life.trajectory,
                moved_in_on=start,
                planned_end=start + datetime.timedelta(days=180),
                ended_on=left,
                leaving_reason=reason if left else "",
                house_rules_signed_on=start,
                moved_in_by=life.worker,
            )
        )
    context.write(stays)
    checks = []
    for stay, drawn in zip(stays, [d for d in pending if d is not None], strict=True):
        last = (stay.ended_on - datetime.timedelta(days=1)) if stay.ended_on else context.today
        positive = drawn[4] < 0.1
        day = stay.moved_in_on + datetime.timedelta(days=2)
        while day <= last:
            checks.append(
                build(
                    HouseCheck,
                    stay=stay,
                    checked_on=day,
                    urine_test=TestResult.POSITIVE if positive else TestResult.NEGATIVE,
                    alcohol_test=TestResult.NEGATIVE,
                    checked_by=stay.moved_in_by,
                )
            )
            positive = False
            day += datetime.timedelta(days=7)
    context.write(checks)


CONTRIBUTOR = Contributor(
    order=70, reference=reference, organisation=organisation, trajectory=trajectory, chunk=chunk
)
