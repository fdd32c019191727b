"""Organisations, municipalities, users and default coordinators of a synthetic dataset."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from terugkeer.accounts.choices import OrganisationKind
from terugkeer.accounts.models import Membership, Municipality, Organisation, User
from terugkeer.cases.models import DefaultCoordinator, ProgrammeDefinition
from terugkeer.core.roles import Role
from terugkeer.core.synthetic_contract import SyntheticContext
from terugkeer.synthetic.people import Pools, totp_key
from terugkeer.synthetic.scale import (
    BENCH_COORDINATOR_EMAIL,
    BENCH_POLICY_ADVISOR_EMAIL,
    BENCH_TEAM_CHAIR_EMAIL,
    EMAIL_DOMAIN,
    ORGANISATION_SUFFIX,
    SYNTHETIC_PASSWORD,
    split_sizes,
)


@dataclass
class OrganisationPlan:
    """One organisation to generate: its size, municipalities and (once written) its workers."""

    index: int
    slug: str
    organisation: Organisation | None
    municipalities: list[Municipality]
    trajectories: int
    clients: int
    coordinators: list[User] = field(default_factory=list)
    default_coordinator: dict[int, User] = field(default_factory=dict)
    bench_coordinator: User | None = None


def write_municipalities(context: SyntheticContext, pools: Pools) -> list[Municipality]:
    """Pick the served municipalities from the CBS reference rows (loaded by a migration).

    Only if the reference list is missing (a database emptied without migrating) are made-up
    ones created, as before.
    """
    count = context.scale.municipalities
    # Drawn as before the reference list existed, so the rest of the dataset keeps its stream.
    codes = sorted(context.rng.sample(range(1, 2000), count))
    names = context.rng.sample(pools.cities, count)
    reference = list(Municipality.objects.filter(is_active=True).order_by("cbs_code"))
    if len(reference) >= count:
        picked = context.rng_for("municipalities").sample(reference, count)
        return sorted(picked, key=lambda m: m.cbs_code)
    existing = {m.cbs_code: m for m in Municipality.objects.all()}
    result, new = [], []
    for number, name in zip(codes, names, strict=True):
        code = f"GM{number:04d}"
        municipality = existing.get(code) or Municipality(name=name, cbs_code=code)
        if municipality.pk is None:
            new.append(municipality)
        result.append(municipality)
    context.write(new)
    return result


def organisation_plans(
    context: SyntheticContext, municipalities: list[Municipality]
) -> list[OrganisationPlan]:
    scale = context.scale
    largest = round(scale.notifications * scale.largest_share)
    others = scale.organisations - 1
    weights = [1 / (i + 2) ** 0.7 for i in range(others)]
    sizes = [largest, *split_sizes(scale.notifications - largest, weights)]
    # The largest organisation serves a big region; every other one at least one municipality.
    big_region = max(2, round(scale.municipalities * 0.06))
    rest = scale.municipalities - big_region - others
    muni_counts = [big_region, *(1 + n for n in split_sizes(rest, weights[::-1]))]
    shuffled = municipalities[:]
    context.rng.shuffle(shuffled)
    plans, start = [], 0
    client_ratio = scale.clients / scale.notifications
    for index, (size, count) in enumerate(zip(sizes, muni_counts, strict=True)):
        served = shuffled[start : start + count]
        start += count
        clients = min(size, max(1, round(size * client_ratio)))
        plans.append(OrganisationPlan(index, f"org{index + 1:02d}", None, served, size, clients))
    # Keep the client total exact.
    plans[0].clients += scale.clients - sum(p.clients for p in plans)
    return plans


def write_organisations(
    context: SyntheticContext, plans: list[OrganisationPlan], programme: ProgrammeDefinition
) -> None:
    organisations = []
    for plan in plans:
        main = plan.municipalities[0].name
        if len(plan.municipalities) >= 4:
            kind, name = OrganisationKind.REGIONAL_POINT, f"Regionaal Coördinatiepunt {main}"
        elif len(plan.municipalities) == 1:
            kind, name = OrganisationKind.MUNICIPALITY, f"Gemeente {main} – Nazorg"
        else:
            kind, name = OrganisationKind.FOUNDATION, f"Stichting Nazorg {main}"
        plan.organisation = Organisation(
            name=f"{name}{ORGANISATION_SUFFIX}",
            kind=kind,
            aftercare_months=context.rng.choice([3, 3, 3, 6, 12]),
        )
        organisations.append(plan.organisation)
    context.write(organisations)
    through = Organisation.municipalities.through
    context.write(
        [
            through(organisation_id=plan.organisation.pk, municipality_id=m.pk)
            for plan in plans
            for m in plan.municipalities
        ],
        label="accounts.Organisation_municipalities",
    )
    programme_through = ProgrammeDefinition.organisations.through
    context.write(
        [
            programme_through(
                programmedefinition_id=programme.pk, organisation_id=plan.organisation.pk
            )
            for plan in plans
        ],
        label="cases.ProgrammeDefinition_organisations",
    )


def _planned_users(plans: list[OrganisationPlan]) -> list[tuple[OrganisationPlan, Role, str]]:
    planned = []
    for plan in plans:
        coordinator_count = max(2, round(plan.trajectories / 1_500))
        roles = [Role.COORDINATOR] * coordinator_count + [
            Role.TEAM_CHAIR,
            Role.MENTOR,
            Role.POLICY_ADVISOR,
            Role.FUNCTIONAL_ADMIN,
            Role.PRIVACY_OFFICER,
        ]
        for number, role in enumerate(roles, start=1):
            email = f"{role.value.replace('_', '-')}-{number:02d}@{plan.slug}.{EMAIL_DOMAIN}"
            planned.append((plan, role, email))
        if plan.index == 0:
            planned += [
                (plan, Role.COORDINATOR, BENCH_COORDINATOR_EMAIL),
                (plan, Role.TEAM_CHAIR, BENCH_TEAM_CHAIR_EMAIL),
                (plan, Role.POLICY_ADVISOR, BENCH_POLICY_ADVISOR_EMAIL),
            ]
    return planned


def write_users(context: SyntheticContext, plans: list[OrganisationPlan], pools: Pools) -> None:
    password = make_password(SYNTHETIC_PASSWORD)
    users, memberships = [], []
    for plan, role, email in _planned_users(plans):
        user = User(
            email=email, full_name=context.rng.choice(pools.worker_names), password=password
        )
        users.append(user)
        memberships.append(Membership(user=user, organisation=plan.organisation, role=role))
        if email == BENCH_COORDINATOR_EMAIL:
            plan.bench_coordinator = user
        elif role == Role.COORDINATOR:
            plan.coordinators.append(user)
    context.write(users)
    context.write(memberships)
    context.write(
        [
            TOTPDevice(
                user=u, name="Synthetisch", confirmed=True, key=totp_key(context.seed, u.email)
            )
            for u in users
        ]
    )
    defaults = []
    for plan in plans:
        for number, municipality in enumerate(plan.municipalities):
            coordinator = plan.coordinators[number % len(plan.coordinators)]
            plan.default_coordinator[municipality.pk] = coordinator
            defaults.append(
                DefaultCoordinator(
                    organisation=plan.organisation,
                    municipality=municipality,
                    coordinator=coordinator,
                )
            )
    context.write(defaults)
