"""Demo data for Stichting Kocon's houses (seed 000 §4.4–4.6, seed 001 §5).

The Instapwoning (three places, house rules) with a year of stays one after the other in each
place and a weekly check for every resident (one resident's last check is nine days old, so the
"geen controle" signal shows), and two Koconwoningen: one let 23 months ago (its evaluation is
due soon) and one let eight months ago.
"""

import datetime
import random

from django.utils import timezone

from terugkeer.accounts.models import Membership
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.core.roles import Role
from terugkeer.housing import services
from terugkeer.housing.choices import LeavingReason, TestResult, UnitKind

ORGANISATION_SLUG = "kocon"
HOUSE_RULES = (
    "Alleen voor mannen.\nGeen drugs en geen alcohol in en om het huis.\n"
    "Wekelijkse urinecontrole en alcoholtest door de trajectbegeleider.\n"
    "Woonbegeleiding is verplicht; afspraken nakomen.\nGeen bezoek na 22.00 uur."
)
REASONS = [
    LeavingReason.FOUND_HOME,
    LeavingReason.KOCONWONING,
    LeavingReason.FOUND_HOME,
    LeavingReason.CARE,
    LeavingReason.RULES,
]
NOTES = [
    "Gesprek over de zoektocht naar een kamer; ingeschreven bij Woningnet.",
    "Goede week, werkt drie ochtenden bij de kringloop.",
    "Huis schoon; afspraak met de budgetcoach gemaakt.",
    "Lastige week, onrust met een huisgenoot; besproken.",
]


def _coordinator(organisation):
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    return membership.user if membership else None


def seed(context: dict) -> None:
    organisation = context.get("organisations", {}).get(ORGANISATION_SLUG)
    coordinator = _coordinator(organisation) if organisation else None
    if coordinator is None:
        return
    rng = random.Random(context["seed"] + 15)
    today = timezone.localdate()
    house = services.unit_create(
        organisation=organisation,
        name="Instapwoning Katwijk",
        kind=UnitKind.INSTAPWONING,
        address="Zeeweg 14, 2224 AA Katwijk",
        capacity=3,
        house_rules=HOUSE_RULES,
    )
    homes = [
        services.unit_create(
            organisation=organisation,
            name=name,
            kind=UnitKind.KOCONWONING,
            address=address,
            capacity=1,
        )
        for name, address in (
            ("Koconwoning Rijnsburgerweg", "Rijnsburgerweg 40a, Katwijk"),
            ("Koconwoning Hoorneslaan", "Hoorneslaan 7, Katwijk"),
        )
    ]
    trajectories = list(
        Trajectory.objects.filter(organisation=organisation)
        .exclude(status=TrajectoryStatus.CLOSED)
        .order_by("opened_on", "pk")
    )
    for index, home in enumerate(homes):
        if len(trajectories) <= index:
            break
        started = today - datetime.timedelta(days=(700, 240)[index])
        services.allocation_start(
            unit=home,
            trajectory=trajectories.pop(),
            user=coordinator,
            corporation="Dunavie",
            started_on=started,
            conditions="Huur op voorwaarden: begeleiding door Kocon, geen middelengebruik, "
            "huur op tijd betalen.",
            treatment_plan="Indicatieteam (De Brug, Brijder, GGZ Rivierduinen): wekelijks "
            "gesprek, urinecontrole eens per maand.",
        )
    _seed_stays(rng, house, trajectories, coordinator, today)


def _seed_stays(rng, house, trajectories, coordinator, today) -> None:
    for place in range(house.capacity):
        start = today - datetime.timedelta(days=365 - 25 * place)
        while start < today and trajectories:
            end = start + datetime.timedelta(days=rng.randint(50, 140))
            current = end >= today
            stay = services.stay_move_in(
                unit=house,
                trajectory=trajectories.pop(),
                user=coordinator,
                moved_in_on=start,
                planned_end=start + datetime.timedelta(days=180),
                house_rules_signed=True,
                ended_on=None if current else end,
                leaving_reason="" if current else rng.choice(REASONS),
            )
            last = today if current else end - datetime.timedelta(days=1)
            if current and place == 0:
                last = today - datetime.timedelta(days=9)  # shows the overdue-check signal
            _seed_checks(rng, stay, coordinator, last)
            start = end


def _seed_checks(rng, stay, coordinator, last) -> None:
    checked_on = stay.moved_in_on + datetime.timedelta(days=rng.randint(1, 3))
    while checked_on <= last:
        services.check_record(
            stay=stay,
            user=coordinator,
            checked_on=checked_on,
            urine_test=TestResult.POSITIVE if rng.random() < 0.08 else TestResult.NEGATIVE,
            alcohol_test=TestResult.NEGATIVE,
            support_note=rng.choice(NOTES),
            incidents="Bezoek na 22.00 uur." if rng.random() < 0.05 else "",
        )
        checked_on += datetime.timedelta(days=7)
