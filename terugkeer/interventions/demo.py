"""Demo data: Leidschendam-Voorburg's alternatieve maatregelen (seed 001 §4.2, Bijlage 1, §8) and
Stichting Kocon's Noodfonds gifts and 2026 begroting (seed 000 §6.5).

LV: the catalogue of the seed, three rents paid on during a short detention, the second-hand car
as a loan forgiven after a year if the conditions hold (a condition check due soon), and the two
withdrawn measures (a fine, fixed costs). Each is signed by a coordinator and approved by the
team chair (four eyes). Kocon: two paid gifts, one awaiting a colleague, and the begroting.
"""

from __future__ import annotations

import datetime
from decimal import Decimal as D

from django.utils import timezone

from terugkeer.accounts.models import Membership
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.interventions import services, services_followup, services_gifts
from terugkeer.interventions.choices import DomainCode, LineKind, MoneyForm, RequestStatus
from terugkeer.interventions.models import BudgetLine, InterventionType

CATALOGUE = [
    ("Vrijstelling kostendelersnorm", DomainCode.WORK_INCOME),
    ("Uitkering opschorten", DomainCode.WORK_INCOME),
    ("Huur doorbetalen tijdens detentie", DomainCode.HOUSING),
    ("Woonbegeleiding", DomainCode.HOUSING),
    ("Jobcoach", DomainCode.WORK_INCOME),
    ("OV-kaart of ID-bewijs", DomainCode.ID),
    ("Convenantwoning", DomainCode.HOUSING),
    ("Anders", DomainCode.OTHER),
]

# LV §8 (2020): kostenpost, FTE, begroting, realisation by hand for the staff lines.
LV_BUDGET = [
    ("Casemanagement en nazorgcoördinatie", "Personeel", D("1.5"), D("97500"), D("114551")),
    ("Projectleider", "Personeel", D("0.125"), D("8125"), D("9673")),
    ("Alternatieve maatregelen", "Maatregelen", None, D("6667"), D("0")),
    ("Onvoorzien", "Overig", None, D("3832"), D("0")),
]
LV_MEASURES = "Alternatieve maatregelen"

# Kocon's Begroting 2026 (seed 000): group, kostenpost, amount; 2025 where it differed.
KOCON_INCOME = [("Baten", "Subsidie gemeente Katwijk ASV", D("91728.26"))]
KOCON_EXPENSES = [
    ("Arbeidskosten REI", "Casemanagement en ondersteuning (788 uur à € 86,40)", D("68086.75")),
    ("Arbeidskosten REI", "Administratieve ondersteuning (110 uur à € 48,74)", D("5361.51")),
    ("Arbeidskosten REI", "Deskundigheidsbevordering", D("250.00")),
    ("Arbeidskosten REI", "Reiskosten casemanager", D("250.00")),
    ("Arbeidskosten Nazorg", "Telefoonkosten", D("1000.00")),
    ("Arbeidskosten Nazorg", "Reiskosten", D("2000.00")),
    ("Arbeidskosten Nazorg", "Automatiseringskosten", D("1000.00")),
    ("Arbeidskosten Nazorg", "Onkosten na vrijlating", D("500.00")),
    ("Arbeidskosten Nazorg", "Onvoorzien", D("1000.00")),
    ("Organisatiekosten", "Telefoon casemanager", D("250.00")),
    ("Vrijwilligers- en deelnemerskosten", "Sportieve activiteiten voor deelnemers", D("2500.00")),
    ("Vrijwilligers- en deelnemerskosten", "Urinecontrole + alcoholtests", D("1000.00")),
    ("Kosten Koconwoningen", "Bijdrage startkosten inrichten Koconwoningen", D("1600.00")),
]
KOCON_2025 = {
    "Subsidie gemeente Katwijk ASV": D("87759.00"),
    "Casemanagement en ondersteuning (788 uur à € 86,40)": D("64537.00"),
    "Administratieve ondersteuning (110 uur à € 48,74)": D("5082.00"),
}
# The realisation by hand so far per project (Nazorg, Re-integratie: financed separately on shared
# lines); the subsidy is received in full. 2025 carries four times as much (a full year).
KOCON_SPLIT = {
    "Subsidie gemeente Katwijk ASV": (D("6550.00"), D("85178.26")),
    "Casemanagement en ondersteuning (788 uur à € 86,40)": (D("0"), D("11232.00")),  # 130 uur
    "Administratieve ondersteuning (110 uur à € 48,74)": (D("0"), D("877.32")),  # 18 uur
    "Reiskosten casemanager": (D("0"), D("21.70")),  # 62 km à € 0,35
    "Telefoonkosten": (D("84.99"), D("0")),
    "Reiskosten": (D("312.45"), D("0")),
    "Automatiseringskosten": (D("149.00"), D("0")),
    "Onkosten na vrijlating": (D("45.00"), D("0")),
    "Telefoon casemanager": (D("0"), D("41.50")),
    "Sportieve activiteiten voor deelnemers": (D("120.00"), D("86.05")),
    "Urinecontrole + alcoholtests": (D("0"), D("75.00")),
}
KOCON_GIFT_LINE = "Onvoorzien"


def _scope(organisation, role: Role, index: int = 0) -> Scope | None:
    members = list(
        Membership.objects.filter(organisation=organisation, role=role, is_active=True)
        .select_related("user")
        .order_by("user__email")
    )
    if len(members) <= index:
        return None
    return Scope(user=members[index].user, organisation=organisation, role=role)


def _open_trajectories(organisation) -> list[Trajectory]:
    return list(
        Trajectory.objects.filter(organisation=organisation, shielded=False)
        .exclude(status=TrajectoryStatus.CLOSED)
        .select_related("client", "detention")
        .order_by("opened_on", "pk")
    )


def _in_year(today: datetime.date, days_ago: int) -> datetime.date:
    """A date ``days_ago`` before today, but not before 1 January (its cost line is this year's)."""
    return max(today - datetime.timedelta(days=days_ago), datetime.date(today.year, 1, 1))


def seed(context: dict) -> None:
    organisations = context.get("organisations", {})
    today = timezone.localdate()
    if "lv" in organisations:
        _seed_lv(organisations["lv"], today)
    if "kocon" in organisations:
        _seed_kocon(organisations["kocon"], today)


def _catalogue(organisation) -> dict[str, InterventionType]:
    return {
        name: InterventionType.objects.create(
            organisation=organisation, name=name, domain_code=code
        )
        for name, code in CATALOGUE
    }


def _request(coordinator, chair, trajectory, kind, *, amount, measure, reason, **extra):
    from terugkeer.interventions.selectors import request_prefill

    data = request_prefill(scope=coordinator, trajectory=trajectory) | {
        "intervention_type": kind,
        "amount": amount,
        "money_form": extra.pop("money_form", MoneyForm.THIRD_PARTY),
        "situation": extra.pop("situation", "Korte detentie; zonder maatregel dreigt terugval."),
        "measure": measure,
        "reason": reason,
        **extra,
    }
    item = services.request_create(scope=coordinator, trajectory=trajectory, data=data)
    item = services.request_submit(scope=coordinator, request=item, expected_version=item.version)
    if chair is None:
        return item
    return services.request_decide(
        scope=chair, request_pk=item.pk, approve=True, expected_version=item.version
    )


def _seed_lv(organisation, today) -> None:
    coordinator, chair = (
        _scope(organisation, Role.COORDINATOR),
        _scope(organisation, Role.TEAM_CHAIR),
    )
    trajectories = _open_trajectories(organisation)
    if coordinator is None or chair is None or not trajectories:
        return
    types = _catalogue(organisation)
    lines = {}
    for order, (name, group, fte, amount, manual) in enumerate(LV_BUDGET):
        lines[name] = BudgetLine.objects.create(
            organisation=organisation,
            year=today.year,
            name=name,
            group=group,
            order=order,
            budget_fte=fte,
            budget_amount=amount,
            manual_realisation=manual,
            realised_fte=fte,
        )

    def pick(index):
        return trajectories[index % len(trajectories)]

    for index, (landlord, rent) in enumerate(
        [
            ("Vidomes", D("612.40")),
            ("Vestia", D("575.00")),
            ("Particuliere verhuurder", D("690.00")),
        ]
    ):
        item = _request(
            coordinator,
            chair,
            pick(index),
            types["Huur doorbetalen tijdens detentie"],
            amount=rent * 3,
            measure=f"Drie maanden huur doorbetalen aan {landlord} tijdens de detentie.",
            reason="De woning behouden: zonder woning geen nazorg en geen uitkering na vrijlating.",
            obstacles="De uitkering stopt bij detentie; de huurtoeslag vervalt.",
            cost_without_solution="Ontruiming, schuld en dakloosheid na vrijlating.",
            cost_of_solution=f"3 × € {rent}",
        )
        for month in range(3):
            services_followup.payment_register(
                scope=coordinator,
                request=item,
                amount=rent,
                paid_on=_in_year(today, 80 - 30 * month),
                cost_line=lines[LV_MEASURES],
                payee=landlord,
                note=f"huur maand {month + 1}",
            )
        item.refresh_from_db()
        services.request_transition(
            scope=coordinator,
            request=item,
            to_status=RequestStatus.COMPLETED,
            expected_version=item.version,
            reason="Drie maanden betaald; cliënt vrij.",
        )

    until = today + datetime.timedelta(days=200)
    car = _request(
        coordinator,
        chair,
        pick(3),
        types["Anders"],
        amount=D("2500.00"),
        money_form=MoneyForm.LOAN,
        loan_until=until,
        situation=(
            "Psychische problematiek en stress rond een ernstig zieke zoon; PW-uitkering, geen "
            "netwerk voor vervoer naar de behandeling elders in het land."
        ),
        measure="Lening voor een tweedehandsauto, na een jaar kwijtgescholden als de voorwaarden "
        "zijn nagekomen.",
        reason="Mantelzorg voor de zieke zoon zonder afhankelijk te zijn van anderen.",
        partners_involved="Reclassering, inkomensconsulent, maatschappelijk werk ziekenhuis",
    )
    for text, check_on in (
        (
            "Houdt zich aan de afspraken en begeleiding van reclassering en nazorg",
            today + datetime.timedelta(days=5),
        ),
        ("Geen (verkeers)boete, niet negatief in beeld bij de politie", until),
    ):
        services_followup.condition_add(
            scope=coordinator, request=car, description=text, check_on=check_on
        )
    services_followup.payment_register(
        scope=coordinator,
        request=car,
        amount=D("2500.00"),
        paid_on=_in_year(today, 20),
        cost_line=lines[LV_MEASURES],
        payee="Autobedrijf (tweedehandsauto)",
    )

    for index, (kind, measure, amount, reason) in enumerate(
        [
            (
                "Anders",
                "Niet saneerbare boete vergoeden t.b.v. toelating tot een SHV-traject",
                D("450.00"),
                "Fraudevordering: schuldhulpverlening kon niet worden doorgezet.",
            ),
            (
                "Huur doorbetalen tijdens detentie",
                "Doorbetalen van de vaste lasten",
                D("1800.00"),
                "Hoog recidiverisico.",
            ),
        ]
    ):
        item = _request(
            coordinator,
            None,
            pick(4 + index),
            types[kind],
            amount=amount,
            measure=measure,
            reason="Voorkomen dat de schuld verder oploopt.",
        )
        services.request_transition(
            scope=coordinator,
            request=item,
            to_status=RequestStatus.WITHDRAWN,
            expected_version=item.version,
            reason=reason,
        )


def _kocon_split(name: str, kind, year: int) -> dict[str, str]:
    """The hand-made realisation per project; the subsidy of 2025 was its budget, in full."""
    split = KOCON_SPLIT.get(name)
    if split is None:
        return {}
    if kind == LineKind.INCOME and year == 2025:
        split = (split[0], KOCON_2025[name] - split[0])
    elif year == 2025:
        split = tuple(amount * 4 for amount in split)
    return {
        code: f"{amount:.2f}"
        for code, amount in zip(("nazorg", "reintegratie"), split, strict=True)
        if amount
    }


def _seed_kocon(organisation, today) -> None:
    coordinator, chair = (
        _scope(organisation, Role.COORDINATOR),
        _scope(organisation, Role.TEAM_CHAIR),
    )
    if coordinator is None or chair is None:
        return
    lines = {}
    for year in sorted({2025, 2026, today.year}):
        rows = [(*row, LineKind.INCOME) for row in KOCON_INCOME] + [
            (*row, LineKind.EXPENSE) for row in KOCON_EXPENSES
        ]
        for order, (group, name, amount, kind) in enumerate(rows):
            lines[(year, name)] = BudgetLine.objects.create(
                organisation=organisation,
                year=year,
                name=name,
                group=group,
                kind=kind,
                budget_amount=KOCON_2025.get(name, amount) if year == 2025 else amount,
                order=order,
                manual_realisation_by_project=_kocon_split(name, kind, year),
            )
    residents = [
        t
        for t in _open_trajectories(organisation)
        if organisation.municipalities.filter(pk=t.client.municipality_id).exists()
    ]
    seen: set[int] = set()
    chosen = []
    for trajectory in residents:
        if trajectory.client_id not in seen:
            seen.add(trajectory.client_id)
            chosen.append(trajectory)
    for index, (amount, need, pay_days_ago) in enumerate(
        [
            (D("750.00"), "Afsluiting van gas en licht over drie dagen.", 40),
            (D("325.50"), "Geen geld voor eten en de eerste huur na vrijlating.", 12),
            (
                D("200.00"),
                "Kapotte koelkast; bijzondere bijstand beslist pas over zes weken.",
                None,
            ),
        ]
    ):
        if index >= len(chosen):
            break
        gift = services_gifts.gift_request(
            scope=coordinator,
            trajectory=chosen[index],
            amount=amount,
            need=need,
            no_legal_provision="Een wettelijke voorziening kan (nog) niet op tijd helpen.",
            on=_in_year(today, (pay_days_ago or 0) + 3),
        )
        if pay_days_ago is None:
            continue  # awaiting the colleague's signature
        gift = services_gifts.gift_decide(
            scope=chair, gift_pk=gift.pk, approve=True, expected_version=gift.version
        )
        services_gifts.gift_pay(
            scope=coordinator,
            gift=gift,
            expected_version=gift.version,
            paid_on=_in_year(today, pay_days_ago),
            cost_line=lines[(today.year, KOCON_GIFT_LINE)],
        )
