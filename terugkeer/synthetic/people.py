"""The persons of a synthetic dataset: name pools, BSNs, clients and their detention dates."""

from __future__ import annotations

import datetime
import hashlib
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from faker import Faker

from terugkeer.clients.choices import Household
from terugkeer.clients.models import Client
from terugkeer.core.synthetic_contract import build
from terugkeer.core.validators import bsn_check_digit

if TYPE_CHECKING:
    from terugkeer.synthetic.organisations import OrganisationPlan

_PREFIXES = ("van der", "van den", "van de", "van", "de", "den", "der", "ter", "te", "le", "in 't")


@dataclass(frozen=True)
class Pools:
    """Faker ``nl_NL`` values drawn once per run; persons pick from them with the run's rng."""

    surnames: list[str]
    male_names: list[str]
    female_names: list[str]
    streets: list[str]
    cities: list[str]
    worker_names: list[str]
    notes: list[str]


def make_pools(fake: Faker) -> Pools:
    return Pools(
        surnames=sorted({fake.last_name() for _ in range(3_000)}),
        male_names=sorted({fake.first_name_male() for _ in range(1_500)}),
        female_names=sorted({fake.first_name_female() for _ in range(1_500)}),
        streets=sorted({fake.street_name() for _ in range(2_000)}),
        cities=sorted({fake.city() for _ in range(6_000)}),
        worker_names=[fake.name() for _ in range(400)],
        notes=[fake.sentence(nb_words=12) for _ in range(300)],
    )


def make_bsn(rng: random.Random, used: set[str]) -> str:
    """A random nine-digit number passing the elfproef, not yet in ``used``."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        check = bsn_check_digit(digits)
        bsn = "".join(map(str, digits)) + str(check)
        if check <= 9 and digits[0] != 0 and bsn not in used:
            used.add(bsn)
            return bsn


def totp_key(seed: int, email: str) -> str:
    """The (deterministic, synthetic) TOTP secret of a generated user, as 40 hex digits."""
    return hashlib.sha1(f"{seed}:{email}".encode()).hexdigest()  # noqa: S324 (not security)


def _name(rng: random.Random, pools: Pools) -> tuple[str, str]:
    """(prefix, surname) split the Dutch way: 'van der Berg' → ('van der', 'Berg')."""
    full = rng.choice(pools.surnames)
    for prefix in _PREFIXES:
        if full.startswith(prefix + " "):
            return prefix, full[len(prefix) + 1 :]
    return "", full


def _postcode(rng: random.Random) -> str:
    while True:
        letters = chr(65 + rng.randint(0, 25)) + chr(65 + rng.randint(0, 25))
        if letters not in ("SA", "SD", "SS"):
            return f"{rng.randint(1000, 9999)} {letters}"


def make_client(
    rng: random.Random,
    pools: Pools,
    plan: OrganisationPlan,
    *,
    today: datetime.date,
    used_bsns: set[str],
) -> Client:
    sex = "V" if rng.random() < 0.1 else "M"
    first = rng.choice(pools.female_names if sex == "V" else pools.male_names)
    second = rng.choice(pools.male_names if sex == "M" else pools.female_names)
    first_names = f"{first} {second}" if rng.random() < 0.4 else first
    prefix, surname = _name(rng, pools)
    age_days = rng.randint(18 * 365, 65 * 365)
    municipality = plan.municipalities[
        min(
            int(rng.expovariate(1.0) * len(plan.municipalities) / 3),
            len(plan.municipalities) - 1,
        )
    ]
    return build(
        Client,
        organisation=plan.organisation,
        bsn=make_bsn(rng, used_bsns),
        initials="".join(f"{part[0]}." for part in first_names.split()),
        first_names=first_names,
        prefix=prefix,
        surname=surname,
        birth_date=today - datetime.timedelta(days=age_days),
        sex=sex,
        address=f"{rng.choice(pools.streets)} {rng.randint(1, 250)}",
        postcode=_postcode(rng),
        city=municipality.name,
        municipality=municipality,
        phone=f"06-{rng.randint(10_000_000, 99_999_999)}",
        household=rng.choice(list(Household)),
        minor_children=rng.choice([None, 0, 0, 0, 1, 2, 3]),
    )


def detention_counts(rng: random.Random, plan: OrganisationPlan, *, years: int) -> list[int]:
    """How many detentions each client of the organisation has (repeat detentions)."""
    counts = [1] * plan.clients
    extra = plan.trajectories - plan.clients
    # Repeat detention concentrates on a minority: draw the extra detentions from a third.
    repeaters = list(range(max(1, plan.clients // 3)))
    cap = 6 if len(repeaters) * 5 >= extra else years * 12
    for _ in range(extra):
        person = rng.choice(repeaters)
        while counts[person] >= cap:
            person = rng.choice(repeaters)
        counts[person] += 1
    return counts


def detention_starts(
    rng: random.Random, count: int, *, today: datetime.date, years: int
) -> list[datetime.date]:
    """Detention start dates of one person: distinct 30-day slots over the ten years."""
    slots = years * 365 // 30
    first_day = today - datetime.timedelta(days=years * 365)
    chosen = sorted(rng.sample(range(slots), count))
    return [first_day + datetime.timedelta(days=slot * 30 + rng.randint(0, 9)) for slot in chosen]
