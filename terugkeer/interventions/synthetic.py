"""Intervention rows for the synthetic dataset (``manage.py generate_dataset``).

Per organisation the demo's catalogue and a budget line per year (alternatieve maatregelen,
Noodfonds). For about 4 % of the trajectories that reached intake a signed request, decided by a
colleague of the coordinator (four eyes), with payments when approved; for about 2 % a Noodfonds
gift (once per client, a resident, at most € 750). Draws come from ``rng_for("interventions")``
only, and there is no digest part, so the rest of the dataset and its pinned digest stay as they
were.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from terugkeer.core.synthetic_contract import Contributor, SyntheticContext, TrajectoryLife, build
from terugkeer.interventions.choices import Decision, GiftStatus, LineKind, MoneyForm, RequestStatus
from terugkeer.interventions.demo import CATALOGUE
from terugkeer.interventions.models import (
    BudgetLine,
    EmergencyGift,
    InterventionRequest,
    InterventionType,
    Payment,
    RequestStatusChange,
)

_LABEL = "interventions"
REQUEST_SHARE = 0.04
GIFT_SHARE = 0.02
MEASURES_LINE = "Alternatieve maatregelen"
GIFTS_LINE = "Noodfonds"
# Final status of a signed request, by weight.
OUTCOMES = [
    (RequestStatus.COMPLETED, 50),
    (RequestStatus.RUNNING, 20),
    (RequestStatus.REJECTED, 15),
    (RequestStatus.WITHDRAWN, 15),
]


def _state(context: SyntheticContext) -> dict:
    return context.state.setdefault(_LABEL, {"organisations": {}, "gifted": set()})


def organisation(context: SyntheticContext, plan) -> None:
    types = [
        build(InterventionType, organisation=plan.organisation, name=name, domain_code=code)
        for name, code in CATALOGUE
    ]
    context.write(types)
    first_year = context.today.year - context.scale.years + 1
    lines = [
        build(
            BudgetLine,
            organisation=plan.organisation,
            year=year,
            name=name,
            kind=LineKind.EXPENSE,
            budget_amount=amount,
            order=order,
        )
        for year in range(first_year, context.today.year + 1)
        for order, (name, amount) in enumerate(
            [(MEASURES_LINE, Decimal("6667.00")), (GIFTS_LINE, Decimal("5000.00"))]
        )
    ]
    context.write(lines)
    _state(context)["organisations"][plan.organisation.pk] = {
        "types": types,
        "lines": {(line.year, line.name): line for line in lines},
        "served": {m.pk for m in plan.municipalities},
        "coordinators": list(plan.coordinators),
    }


def _moment(on: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))


def trajectory(context: SyntheticContext, life: TrajectoryLife) -> dict | None:
    """What this trajectory gets (drawn now, built once it has a primary key)."""
    rng = context.rng_for(_LABEL)
    if life.intake_on is None:
        return None
    drawn: dict = {}
    if rng.random() < REQUEST_SHARE:
        requested_on = min(life.end, life.intake_on + datetime.timedelta(rng.randint(0, 30)))
        decided_on = min(life.limit, requested_on + datetime.timedelta(rng.randint(1, 14)))
        status = rng.choices([s for s, _w in OUTCOMES], [w for _s, w in OUTCOMES])[0]
        amount = Decimal(rng.randint(2_500, 250_000)) / 100
        payments = []
        if status in (RequestStatus.COMPLETED, RequestStatus.RUNNING):
            parts = rng.randint(1, 3)
            for index in range(parts):
                paid_on = min(life.limit, decided_on + datetime.timedelta(30 * index))
                payments.append((paid_on, (amount / parts).quantize(Decimal("0.01"), "ROUND_DOWN")))
        drawn["request"] = {
            "type": rng.randrange(len(CATALOGUE)),
            "amount": amount,
            "status": status,
            "requested_on": requested_on,
            "decided_on": decided_on,
            "payments": payments,
        }
    if rng.random() < GIFT_SHARE:
        drawn["gift"] = {
            "amount": Decimal(rng.randint(5_000, 75_000)) / 100,
            "status": rng.choices(
                [GiftStatus.PAID, GiftStatus.APPROVED, GiftStatus.REJECTED], [70, 15, 15]
            )[0],
            "on": min(life.end, life.intake_on + datetime.timedelta(rng.randint(0, 60))),
        }
    return drawn or None


def _colleague(org_state: dict, worker):
    return next((u for u in org_state["coordinators"] if u.pk != worker.pk), None)


def _request_rows(org_state, life, spec, colleague):
    kind = org_state["types"][spec["type"]]
    decided = spec["status"] != RequestStatus.WITHDRAWN
    request = build(
        InterventionRequest,
        trajectory=life.trajectory,
        intervention_type=kind,
        status=spec["status"],
        money_form=MoneyForm.THIRD_PARTY,
        amount=spec["amount"],
        client_name=life.client.display_name,
        situation="Synthetische casus",
        measure=kind.name,
        reason="Synthetisch",
        created_by=life.worker,
        requested_by=life.worker,
        requested_at=_moment(spec["requested_on"]),
        decided_by=colleague if decided else None,
        decided_at=_moment(spec["decided_on"]) if decided else None,
        decision=(
            ""
            if not decided
            else Decision.REJECTED
            if spec["status"] == RequestStatus.REJECTED
            else Decision.APPROVED
        ),
    )
    steps = [(RequestStatus.CONCEPT, RequestStatus.REQUESTED, life.worker)]
    if decided:
        rejected = spec["status"] == RequestStatus.REJECTED
        first = RequestStatus.REJECTED if rejected else RequestStatus.APPROVED
        steps.append((RequestStatus.REQUESTED, first, colleague))
        if not rejected:
            steps.append((RequestStatus.APPROVED, RequestStatus.RUNNING, life.worker))
        if spec["status"] == RequestStatus.COMPLETED:
            steps.append((RequestStatus.RUNNING, RequestStatus.COMPLETED, life.worker))
    else:
        steps.append((RequestStatus.REQUESTED, RequestStatus.WITHDRAWN, life.worker))
    return request, steps


def chunk(context: SyntheticContext, lives: list[TrajectoryLife], pending: list) -> None:
    state = _state(context)
    requests, step_specs, payment_specs, gifts = [], [], [], []
    for life, drawn in zip(lives, pending, strict=True):
        if not drawn:
            continue
        org_state = state["organisations"][life.trajectory.organisation_id]
        colleague = _colleague(org_state, life.worker)
        if colleague is None:
            continue  # four eyes need two people
        if "request" in drawn:
            request, steps = _request_rows(org_state, life, drawn["request"], colleague)
            requests.append(request)
            step_specs.append((request, steps))
            payment_specs.append((request, life, org_state, drawn["request"]["payments"]))
        gift = drawn.get("gift")
        client = life.client
        served = client.municipality_id in org_state["served"]
        if gift and served and client.pk not in state["gifted"]:
            state["gifted"].add(client.pk)
            paid = gift["status"] == GiftStatus.PAID
            gifts.append(
                build(
                    EmergencyGift,
                    trajectory=life.trajectory,
                    client=client,
                    municipality_id=client.municipality_id,
                    amount=gift["amount"],
                    need="Synthetische acute nood",
                    no_legal_provision="Synthetisch",
                    status=gift["status"],
                    requested_by=life.worker,
                    requested_on=gift["on"],
                    decided_by=colleague,
                    decided_at=_moment(gift["on"]),
                    paid_on=gift["on"] if paid else None,
                    cost_line=org_state["lines"].get((gift["on"].year, GIFTS_LINE))
                    if paid
                    else None,
                )
            )
    context.write(requests)
    context.write(
        [
            build(
                RequestStatusChange,
                request=request,
                from_status=source,
                to_status=target,
                changed_by=who,
            )
            for request, steps in step_specs
            for source, target, who in steps
        ]
    )
    context.write(
        [
            build(
                Payment,
                request=request,
                amount=amount,
                paid_on=paid_on,
                cost_line=org_state["lines"].get((paid_on.year, MEASURES_LINE)),
                registered_by=life.worker,
            )
            for request, life, org_state, payments in payment_specs
            for paid_on, amount in payments
        ]
    )
    context.write(gifts)


CONTRIBUTOR = Contributor(order=60, organisation=organisation, trajectory=trajectory, chunk=chunk)
