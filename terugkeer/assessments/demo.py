"""Demo ZRM measurements (a 0-meting, often a 1-meting, some improving, some not) and C-toetsen."""

import datetime
import random

from django.utils import timezone

from terugkeer.accounts.models import Membership
from terugkeer.assessments import services
from terugkeer.assessments.choices import (
    C_TOETS_CODE,
    ZRM_CODE,
    ItemKind,
    MeasurementKind,
    ResponseMode,
)
from terugkeer.assessments.models import Instrument
from terugkeer.assessments.services import ScoreInput
from terugkeer.cases.models import Trajectory
from terugkeer.core.roles import Role

MEASURED_SHARE = 0.3
FOLLOW_UP_SHARE = 0.7
C_TOETS_PER_ORGANISATION = 8
NOTES = ["", "", "", "besproken met cliënt", "cliënt ziet dit zelf anders", "hulp aangevraagd"]


def _baseline(rng: random.Random, domains) -> dict[int, ScoreInput]:
    scores = {}
    for item in domains:
        score = None if rng.random() < 0.1 else rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5])
        scores[item.pk] = ScoreInput(score, rng.choice(NOTES))
    return scores


def _follow_up(rng: random.Random, baseline: dict[int, ScoreInput], trend: int):
    scores = {}
    for pk, entry in baseline.items():
        if entry.score is None:
            scores[pk] = ScoreInput(rng.choice([None, 3]))
            continue
        step = rng.choice([0, 0, trend, trend, 1, -1]) if trend else rng.choice([-1, 0, 0, 1])
        scores[pk] = ScoreInput(min(5, max(1, entry.score + step)))
    return scores


def seed(context: dict) -> None:
    rng = random.Random(context["seed"] + 5)
    today = timezone.localdate()
    zrm = Instrument.objects.current(ZRM_CODE)
    c_toets = Instrument.objects.current(C_TOETS_CODE)
    for organisation in context["organisations"].values():
        workers = [
            m.user
            for m in Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR)
        ]
        domains = list(zrm.items.for_organisation(organisation))
        trajectories = list(
            Trajectory.objects.filter(organisation=organisation).order_by("opened_on", "pk")
        )
        chosen = [t for t in trajectories if rng.random() < MEASURED_SHARE]
        for trajectory in chosen:
            start = trajectory.first_contact_on or trajectory.opened_on
            baseline_on = min(today, start + datetime.timedelta(days=rng.randint(7, 40)))
            baseline = _baseline(rng, domains)
            worker = trajectory.coordinator or rng.choice(workers)
            services.measurement_create(
                trajectory=trajectory,
                instrument=zrm,
                kind=MeasurementKind.BASELINE,
                measured_on=baseline_on,
                scored_by=worker,
                scores=baseline,
            )
            follow_up_on = baseline_on + datetime.timedelta(days=rng.randint(180, 365))
            if follow_up_on > today or rng.random() > FOLLOW_UP_SHARE:
                continue  # some of these show up as "1-meting due"
            trend = rng.choice([1, 1, 1, 0, -1])  # most improve, some stay, a few fall back
            services.measurement_create(
                trajectory=trajectory,
                instrument=zrm,
                kind=MeasurementKind.FOLLOW_UP,
                measured_on=follow_up_on,
                scored_by=worker,
                scores=_follow_up(rng, baseline, trend),
            )
        _seed_c_toets(rng, c_toets, chosen[:C_TOETS_PER_ORGANISATION], workers, today)


def _seed_c_toets(rng, instrument, trajectories, workers, today) -> None:
    items = list(instrument.items.all())
    for trajectory in trajectories:
        answers: dict[int, object] = {}
        for item in items:
            if item.kind == ItemKind.SCALE:
                answers[item.pk] = (
                    "" if item.optional and rng.random() < 0.5 else rng.choice([2, 3, 3, 4, 4, 4])
                )
            elif item.kind == ItemKind.GRADE:
                answers[item.pk] = rng.choice([6, 7, 7, 8, 8, 8, 9, 10])
            elif item.kind == ItemKind.CHOICE:
                answers[item.pk] = rng.choice(item.choices)
        services.questionnaire_response_record(
            trajectory=trajectory,
            instrument=instrument,
            answered_on=today - datetime.timedelta(days=rng.randint(0, 300)),
            mode=rng.choice(list(ResponseMode)),
            recorded_by=rng.choice(workers),
            answers=answers,
        )
