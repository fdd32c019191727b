"""Kaartenproject consent and cards, and walks with attendance, for the synthetic dataset.

About one in six trajectories with a first contact gives consent for the card then; a fifth of
those withdraw it later. While consent holds (and the trajectory runs), a card is sent every
month, at most twelve. Every organisation walks every two weeks over the last half year; a
trajectory running then joins one to four of those walks with a small chance. Draws come from
``context.rng_for("activities")``; no digest part, so the spine's pinned digest is unchanged.
"""

from __future__ import annotations

import datetime

from terugkeer.activities.choices import ActivityKind, ConsentChange
from terugkeer.activities.models import ActivitySession, Attendance, CardMailing, CardSubscription
from terugkeer.core.synthetic_contract import Contributor, SyntheticContext, TrajectoryLife, build

_STATE = "activities"
_CONSENT_SHARE = 0.17
_WALKS = 13


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def reference(context: SyntheticContext) -> None:
    context.state[_STATE] = {"walks": {}}


def organisation(context: SyntheticContext, plan) -> None:
    if not plan.coordinators:
        return
    sessions = [
        build(
            ActivitySession,
            organisation=plan.organisation,
            kind=ActivityKind.WALKING,
            title="Wandelproject",
            held_on=context.today - datetime.timedelta(weeks=2 * week),
            place="Duinen",
            partner="Wandelvereniging",
            recorded_by=plan.coordinators[0],
        )
        for week in range(_WALKS, 0, -1)
    ]
    context.write(sessions)
    context.state[_STATE]["walks"][plan.organisation.pk] = sessions


def trajectory(context: SyntheticContext, life: TrajectoryLife):
    rng = context.rng_for(_STATE)
    drawn = {"consent": None, "walks": []}
    if life.first_contact_on and rng.random() < _CONSENT_SHARE:
        given = life.first_contact_on
        withdrawn = None
        if rng.random() < 0.2:
            withdrawn = given + datetime.timedelta(days=rng.randint(20, 200))
            withdrawn = withdrawn if withdrawn <= context.today else None
        drawn["consent"] = (given, withdrawn)
    walks = context.state[_STATE]["walks"].get(life.trajectory.organisation.pk, [])
    running = [
        s for s in walks if life.first_contact_on and life.first_contact_on <= s.held_on <= life.end
    ]
    if running and rng.random() < 0.15:
        drawn["walks"] = rng.sample(running, min(len(running), rng.randint(1, 4)))
    return drawn


def chunk(context: SyntheticContext, lives: list[TrajectoryLife], pending: list) -> None:
    consents, mailings, attendances = [], [], []
    for life, drawn in zip(lives, pending, strict=True):
        organisation = life.trajectory.organisation
        attendances += [
            build(Attendance, session=s, trajectory=life.trajectory) for s in drawn["walks"]
        ]
        if drawn["consent"] is None:
            continue
        given, withdrawn = drawn["consent"]
        consents.append(
            build(
                CardSubscription,
                organisation=organisation,
                trajectory=life.trajectory,
                change=ConsentChange.GIVEN,
                on=given,
                recorded_by=life.worker,
            )
        )
        if withdrawn:
            consents.append(
                build(
                    CardSubscription,
                    organisation=organisation,
                    trajectory=life.trajectory,
                    change=ConsentChange.WITHDRAWN,
                    on=withdrawn,
                    recorded_by=life.worker,
                )
            )
        last = min(day for day in (withdrawn, life.end, context.today) if day is not None)
        month = _next_month(given)
        for _ in range(12):
            sent_on = month + datetime.timedelta(days=4)
            if sent_on >= last:
                break
            mailings.append(
                build(
                    CardMailing,
                    organisation=organisation,
                    trajectory=life.trajectory,
                    month=month,
                    address=life.client.address or "-",
                    sent_on=sent_on,
                    sent_by=life.worker,
                )
            )
            month = _next_month(month)
    context.write(consents)
    context.write(mailings)
    context.write(attendances)


CONTRIBUTOR = Contributor(
    order=75, reference=reference, organisation=organisation, trajectory=trajectory, chunk=chunk
)
