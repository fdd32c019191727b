"""A trajectory's triage per domain, its monitor snapshots and its plan (goals and actions)."""

from __future__ import annotations

import datetime
import random

from terugkeer.cases.choices import SnapshotMoment, TriageStatus
from terugkeer.cases.models import Action, Domain, DomainAssessment, DomainSnapshot, Goal
from terugkeer.core.synthetic_contract import TrajectoryLife, build

_FINAL_TRIAGE = (
    (TriageStatus.NO_NEED, 30),
    (TriageStatus.NEED, 15),
    (TriageStatus.IN_PROGRESS, 15),
    (TriageStatus.ARRANGED, 30),
    (TriageStatus.REFUSED, 4),
    (TriageStatus.UNKNOWN, 6),
)
_GOAL_TEXT = {
    "id_bewijs": "Geldig ID-bewijs aanvragen",
    "huisvesting": "Woonplek na vrijlating geregeld",
    "werk_inkomen": "Uitkering of werk geregeld",
    "schulden": "Schulden in beeld en afspraken gemaakt",
    "zorg": "Zorgverzekering en zorg geregeld",
    "sociaal_netwerk": "Contact met steunend netwerk",
}
_ACTION_TEXT = (
    "Afspraak maken bij de gemeente",
    "Formulier invullen met cliënt",
    "Overleg met casemanager PI",
    "Aanvraag indienen",
    "Nabellen en status controleren",
    "Doorverwijzen naar ketenpartner",
)


def triage_rows(
    rng: random.Random,
    domains: list[Domain],
    life: TrajectoryLife,
    snapshot_moments: list[tuple[str, datetime.date]],
) -> None:
    """The final triage after intake (``life.triage``) and the snapshots at each moment."""
    final, insurance, trajectory = life.triage, {}, life.trajectory
    assessments, snapshots = [], []
    if life.intake_on:
        for domain in domains:
            final[domain.pk] = rng.choices(
                [s for s, _w in _FINAL_TRIAGE], weights=[w for _s, w in _FINAL_TRIAGE]
            )[0]
            if domain.code == "zorg":
                insurance[domain.pk] = rng.random() < 0.85
            assessments.append(
                build(
                    DomainAssessment,
                    trajectory=trajectory,
                    domain=domain,
                    status=final[domain.pk],
                    health_insurance=insurance.get(domain.pk),
                )
            )
    for moment, on in snapshot_moments:
        for domain in domains:
            current = final.get(domain.pk, TriageStatus.UNKNOWN)
            if moment == SnapshotMoment.INTAKE and current in (
                TriageStatus.ARRANGED,
                TriageStatus.IN_PROGRESS,
            ):
                current = TriageStatus.NEED
            elif moment == SnapshotMoment.RELEASE and current == TriageStatus.ARRANGED:
                current = TriageStatus.ARRANGED if rng.random() < 0.7 else TriageStatus.IN_PROGRESS
            snapshots.append(
                build(
                    DomainSnapshot,
                    trajectory=trajectory,
                    moment=moment,
                    domain=domain,
                    status=current,
                    # As the service copies it: the assessment's value at that moment.
                    health_insurance=insurance.get(domain.pk),
                    taken_on=on,
                )
            )
    life.rows[DomainAssessment] = assessments
    life.rows[DomainSnapshot] = snapshots


def plan_rows(rng: random.Random, domains: list[Domain], life: TrajectoryLife) -> None:
    """Goals for up to three domains with a need, one or two actions each (``Action.goal`` set)."""
    goals, actions = [], []
    if life.plan_on:
        final, end = life.triage, life.end
        needs = [
            d
            for d in domains
            if final.get(d.pk)
            in (TriageStatus.NEED, TriageStatus.IN_PROGRESS, TriageStatus.ARRANGED)
        ][:3]
        for domain in needs:
            arranged = final[domain.pk] == TriageStatus.ARRANGED
            goal = build(
                Goal,
                trajectory=life.trajectory,
                domain=domain,
                description=_GOAL_TEXT.get(domain.code, domain.name),
                achieved_on=(life.released_on or end)
                if arranged and (life.released_on or life.closed_on)
                else None,
            )
            goals.append(goal)
            for _ in range(rng.randint(1, 2)):
                due = life.plan_on + datetime.timedelta(days=rng.randint(7, 60))
                done = due + datetime.timedelta(days=rng.randint(-10, 10))
                actions.append(
                    build(
                        Action,
                        trajectory=life.trajectory,
                        goal=goal,
                        domain=domain,
                        description=rng.choice(_ACTION_TEXT),
                        owner=rng.choice(["cliënt", "coördinator", "casemanager PI"]),
                        due_date=due,
                        done_on=done if (arranged or rng.random() < 0.6) and done <= end else None,
                    )
                )
    life.rows[Goal] = goals
    life.rows[Action] = actions
