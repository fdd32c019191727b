"""Chain partners, referrals and involvement for the synthetic dataset (``generate_dataset``).

Per organisation six partners (Sociaal Kernteam, Exodus, reclassering, GGZ, verslavingszorg and a
woningcorporatie). The spine draws each trajectory's casusregie (``Trajectory.lead``); a trajectory
led by the SKT, Exodus or the reclassering reached that lead through an accepted warm referral, so
it gets one: sent after the intake, accepted, started, and finished on the day the trajectory
closed (or still running). A trajectory under reclassering also gets the partner's *toezicht* as an
involvement. Of the trajectories the coordinator leads, about 6 % were referred to GGZ or
verslavingszorg (the coordinator keeps the casusregie) and about 3 % to the SKT, who declined.
Draws come from ``context.rng_for("partners")`` only and there is no digest part, so the rest of
the dataset and its pinned digest stay as they were.
"""

from __future__ import annotations

import datetime

from terugkeer.cases.choices import CaseLead
from terugkeer.core.synthetic_contract import Contributor, SyntheticContext, TrajectoryLife, build
from terugkeer.partners.choices import PartnerKind, ReferralOutcome, ReferralStatus
from terugkeer.partners.models import Involvement, Partner, Referral, ReferralStatusChange

_LABEL = "partners"
CARE_SHARE = 0.06
DECLINED_SHARE = 0.03
PARTNERS = (
    (PartnerKind.SOCIAL_CORE_TEAM, "Sociaal Kernteam"),
    (PartnerKind.EXODUS, "Exodus"),
    (PartnerKind.PROBATION, "Reclassering Nederland"),
    (PartnerKind.MENTAL_HEALTH, "GGZ-instelling"),
    (PartnerKind.ADDICTION_CARE, "Verslavingszorg"),
    (PartnerKind.HOUSING_CORPORATION, "Woningcorporatie"),
)
# The partner that holds each casusregie other than the coordinator's.
LEAD_PARTNER = {
    CaseLead.SOCIAL_CORE_TEAM: PartnerKind.SOCIAL_CORE_TEAM,
    CaseLead.EXODUS: PartnerKind.EXODUS,
    CaseLead.PROBATION: PartnerKind.PROBATION,
}
OUTCOMES = [
    (ReferralOutcome.GOALS_MET, 50),
    (ReferralOutcome.PARTLY, 25),
    (ReferralOutcome.DROPPED_OUT, 15),
    (ReferralOutcome.HANDED_BACK, 10),
]
S = ReferralStatus


def organisation(context: SyntheticContext, plan) -> None:
    partners = [
        build(Partner, organisation=plan.organisation, name=name, kind=kind)
        for kind, name in PARTNERS
    ]
    context.write(partners)
    state = context.state.setdefault(_LABEL, {})
    state[plan.organisation.pk] = {partner.kind: partner for partner in partners}


def _days(rng, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randint(low, high))


def trajectory(context: SyntheticContext, life: TrajectoryLife) -> dict | None:
    """The referral this trajectory gets (kind, lead, dates, status), drawn now; else None."""
    rng = context.rng_for(_LABEL)
    lead = life.trajectory.lead
    if life.intake_on is None:
        return None
    draw = rng.random()
    if lead in LEAD_PARTNER:
        kind, declined = LEAD_PARTNER[lead], False
    elif lead == CaseLead.COORDINATOR and draw < CARE_SHARE:
        kind = PartnerKind.MENTAL_HEALTH if draw < CARE_SHARE / 2 else PartnerKind.ADDICTION_CARE
        declined = False
    elif lead == CaseLead.COORDINATOR and draw < CARE_SHARE + DECLINED_SHARE:
        kind, declined = PartnerKind.SOCIAL_CORE_TEAM, True
    else:
        return None
    sent = life.intake_on + _days(rng, 0, 10)
    answered = sent + _days(rng, 1, 7)
    started = answered + _days(rng, 0, 7)
    outcome = rng.choices([o for o, _w in OUTCOMES], [w for _o, w in OUTCOMES])[0]
    if answered > life.end:
        return None  # no time for an answer within this trajectory's life
    # The casusregie the referral asks for: the partner's own where it can hold it, else the
    # coordinator keeps it (GGZ, verslavingszorg).
    asked = next((c for c, k in LEAD_PARTNER.items() if k == kind), CaseLead.COORDINATOR)
    drawn = {"kind": kind, "lead": asked, "sent": sent, "answered": answered, "steps": []}
    if declined:
        drawn.update(status=S.REJECTED, steps=[(S.SENT, S.REJECTED, answered)])
        return drawn
    drawn["steps"] = [(S.SENT, S.ACCEPTED, answered)]
    if started > life.end:
        drawn["status"] = S.ACCEPTED
        return drawn
    drawn["started"] = started
    drawn["steps"].append((S.ACCEPTED, S.STARTED, started))
    if life.closed_on is None:
        drawn["status"] = S.STARTED
        return drawn
    drawn.update(status=S.FINISHED, finished=life.closed_on, outcome=outcome)
    drawn["steps"].append((S.STARTED, S.FINISHED, life.closed_on))
    return drawn


def chunk(context: SyntheticContext, lives: list[TrajectoryLife], pending: list) -> None:
    state = context.state[_LABEL]
    referrals, steps, involvements = [], [], []
    for life, drawn in zip(lives, pending, strict=True):
        if not drawn:
            continue
        partner = state[life.trajectory.organisation_id][drawn["kind"]]
        referral = build(
            Referral,
            organisation_id=life.trajectory.organisation_id,
            trajectory=life.trajectory,
            partner=partner,
            reason="Synthetische verwijzing",
            handed_over="Synthetisch: plan van aanpak en triage",
            lead=drawn["lead"],
            status=drawn["status"],
            sent_on=drawn["sent"],
            answered_on=drawn["answered"],
            started_on=drawn.get("started"),
            finished_on=drawn.get("finished"),
            rejection_reason="Geen indicatie" if drawn["status"] == S.REJECTED else "",
            outcome=drawn.get("outcome", ""),
            sent_by=life.worker,
        )
        referrals.append(referral)
        steps.append((referral, life.worker, [("", S.SENT, drawn["sent"]), *drawn["steps"]]))
        if drawn["lead"] == CaseLead.PROBATION and "started" in drawn:
            involvements.append(
                build(
                    Involvement,
                    organisation_id=life.trajectory.organisation_id,
                    trajectory=life.trajectory,
                    partner=partner,
                    role="toezicht",
                    started_on=drawn["started"],
                    ended_on=drawn.get("finished"),
                )
            )
    context.write(referrals)
    context.write(
        [
            build(
                ReferralStatusChange,
                referral=referral,
                from_status=source,
                to_status=target,
                effective_on=on,
                changed_by=worker,
            )
            for referral, worker, walk in steps
            for source, target, on in walk
        ]
    )
    context.write(involvements)


CONTRIBUTOR = Contributor(order=80, organisation=organisation, trajectory=trajectory, chunk=chunk)
