"""A synthetic dataset at national scale (or a fraction of it), written with bulk inserts.

Nothing here is a real person: names come from Faker ``nl_NL`` pools, BSNs are random numbers that
pass the elfproef. The same seed and ``today`` give the same data. Rows are written per chunk of
persons with ``bulk_create`` (no simple_history rows: bulk inserts send no signals), and every
denormalised field the app reads is filled the way the services would have filled it: status,
first-contact deadline, release and aftercare dates, closing, status history, the three monitor
snapshots, notifications linked to their trajectory.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import JSONField, Model
from django.db.models.base import ModelState
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from terugkeer.accounts.choices import OrganisationKind
from terugkeer.accounts.models import Membership, Municipality, Organisation, User
from terugkeer.assessments.choices import ZRM_CODE, MeasurementKind
from terugkeer.assessments.models import DomainScore, Instrument, Measurement
from terugkeer.cases.choices import (
    CaseLead,
    ClosingReason,
    ContactKind,
    OfferStatus,
    Programme,
    SnapshotMoment,
    Source,
    TriageStatus,
)
from terugkeer.cases.choices import TrajectoryStatus as S
from terugkeer.cases.models import (
    Action,
    Contact,
    DefaultCoordinator,
    Domain,
    DomainAssessment,
    DomainSnapshot,
    Goal,
    ProgrammeDefinition,
    StatusChange,
    Trajectory,
)
from terugkeer.cases.services import FIRST_CONTACT_WORKING_DAYS
from terugkeer.clients.choices import Household
from terugkeer.clients.models import Client
from terugkeer.core.calendar import add_working_days
from terugkeer.core.roles import Role
from terugkeer.core.validators import bsn_check_digit
from terugkeer.detention.choices import (
    LegalTitle,
    NotificationKind,
    NotificationSource,
    NotificationStatus,
)
from terugkeer.detention.import_fields import DATE_FIELDS
from terugkeer.detention.import_rows import _fingerprint
from terugkeer.detention.models import Detention, DetentionNotification, PenitentiaryInstitution

SYNTHETIC_PASSWORD = "Terugkeer-synthetisch-2026"  # noqa: S105 (synthetic users only)
EMAIL_DOMAIN = "synthetisch.terugkeer.nl"
ORGANISATION_SUFFIX = " (synthetisch)"
BENCH_COORDINATOR_EMAIL = f"coordinator@bench.{EMAIL_DOMAIN}"
BENCH_TEAM_CHAIR_EMAIL = f"teamvoorzitter@bench.{EMAIL_DOMAIN}"
BENCH_POLICY_ADVISOR_EMAIL = f"beleid@bench.{EMAIL_DOMAIN}"
# At national scale the bench coordinator holds about 3,500 of the largest organisation's 30,000.
BENCH_CASELOAD_SHARE = 3_500 / 30_000


@dataclass(frozen=True)
class Scale:
    """The size of a dataset. National is the issue's target; the others are fractions of it."""

    name: str
    notifications: int  # = detentions = trajectories
    clients: int
    organisations: int
    municipalities: int
    largest_share: float  # share of all trajectories held by the largest organisation
    contacts: int
    measurements: int
    years: int = 10


SCALES = {
    "tiny": Scale("tiny", 300, 200, 4, 12, 0.4, 1_500, 200),
    "small": Scale("small", 3_000, 2_000, 40, 342, 0.1, 15_000, 2_000),
    "medium": Scale("medium", 30_000, 20_000, 40, 342, 0.1, 150_000, 20_000),
    "national": Scale("national", 300_000, 200_000, 40, 342, 0.1, 1_500_000, 200_000),
}

PERSONS_PER_CHUNK = 2_000
_PREFIXES = ("van der", "van den", "van de", "van", "de", "den", "der", "ter", "te", "le", "in 't")
_DETENTION_DAYS = (3, 7, 14, 30, 45, 60, 90, 120, 180, 270, 365, 540)
_DETENTION_WEIGHTS = (6, 8, 10, 12, 8, 10, 12, 8, 10, 6, 6, 4)
_CLOSING = (
    (ClosingReason.GOALS_MET, 55),
    (ClosingReason.DECLINED, 10),
    (ClosingReason.UNREACHABLE, 12),
    (ClosingReason.MOVED, 8),
    (ClosingReason.TRANSFERRED, 8),
    (ClosingReason.DECEASED, 1),
)
_FINAL_TRIAGE = (
    (TriageStatus.NO_NEED, 30),
    (TriageStatus.NEED, 15),
    (TriageStatus.IN_PROGRESS, 15),
    (TriageStatus.ARRANGED, 30),
    (TriageStatus.REFUSED, 4),
    (TriageStatus.UNKNOWN, 6),
)
_LATER_CONTACT_KINDS = (
    ContactKind.PHONE,
    ContactKind.PHONE,
    ContactKind.HOME_VISIT,
    ContactKind.VIDEO,
    ContactKind.LETTER,
    ContactKind.PARTNER_MEETING,
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


_BUILD_PLANS: dict[type, tuple[dict, list, dict]] = {}


def _build(model: type[Model], **values) -> Model:
    """A model instance without ``Model.__init__`` (which cost most of the generation time).

    Same attributes as the constructor would set: every field's default, then ``values``; a
    related instance (saved or not yet) is kept in the field cache as the constructor does, so
    ``bulk_create`` and the COPY writer both read its primary key once it has one.
    """
    if model not in _BUILD_PLANS:
        fields = model._meta.concrete_fields
        # Callable defaults (dict, list, now) are called per instance; the others are constants.
        dynamic = [(f.attname, f.get_default) for f in fields if callable(f.default)]
        constant = {f.attname: f.get_default() for f in fields if not callable(f.default)}
        relations = {f.name: f.attname for f in fields if f.is_relation}
        _BUILD_PLANS[model] = (constant, dynamic, relations)
    constant, dynamic, relations = _BUILD_PLANS[model]
    data = dict(constant)
    for attname, get in dynamic:
        data[attname] = get()
    state = ModelState()
    for name, value in values.items():
        attname = relations.get(name)
        if attname is None:
            data[name] = value
        elif isinstance(value, Model):
            state.fields_cache[name] = value
            data[attname] = value.pk
        else:
            data[attname] = value
    obj = model.__new__(model)
    obj.__dict__.update(data)
    obj._state = state
    return obj


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


def split_sizes(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to ``weights`` summing exactly to ``total`` (largest remainder)."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    sizes = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (sizes[i] - raw[i], i))
    for i in order[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def _field_getters(fields: list, now: datetime.datetime) -> list[Callable[[Model], object]]:
    """One cheap value getter per column (the per-row cost of ``get_db_prep_save`` dominated).

    Foreign keys read the id, or the primary key of a related object assigned before it was
    saved; ``auto_now`` fields get the run's timestamp; JSON goes through the field's adapter.
    """
    getters = []
    for f in fields:
        if f.is_relation:
            getters.append(
                lambda obj, a=f.attname, n=f.name: (
                    obj.__dict__.get(a) or getattr(obj._state.fields_cache.get(n), "pk", None)
                )
            )
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            getters.append(lambda obj: now)
        elif isinstance(f, JSONField):
            getters.append(lambda obj, f=f: f.get_db_prep_save(getattr(obj, f.attname), connection))
        else:
            getters.append(attrgetter(f.attname))
    return getters


def _copy_rows(model: type[Model], objects: list[Model]) -> None:
    """PostgreSQL: reserve primary keys from the sequence, then stream the rows with COPY.

    The same rows as ``bulk_create`` (every field of the model, defaults applied by the model's
    constructor), about twice as fast overall, which the national scale needs to stay within
    fifteen minutes on two cores.
    """
    meta = model._meta
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for obj, (new_id,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = new_id
            obj._state.adding = False
        fields = meta.concrete_fields
        getters = _field_getters(fields, timezone.now())
        columns = ", ".join(quote(f.column) for f in fields)
        sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            write_row = copy.write_row
            for obj in objects:
                write_row([get(obj) for get in getters])


@dataclass
class TableTiming:
    rows: int = 0
    seconds: float = 0.0


@dataclass
class GenerationReport:
    scale: Scale
    seed: int
    today: datetime.date
    seconds: float = 0.0
    tables: dict[str, TableTiming] = field(default_factory=lambda: defaultdict(TableTiming))

    def lines(self) -> list[str]:
        rows = sum(t.rows for t in self.tables.values())
        insert_seconds = sum(t.seconds for t in self.tables.values())
        out = [f"{'tabel':40} {'rijen':>10} {'s (insert)':>11} {'rijen/s':>9}"]
        for name, timing in self.tables.items():
            rate = timing.rows / timing.seconds if timing.seconds else 0
            out.append(f"{name:40} {timing.rows:>10,} {timing.seconds:>11.2f} {rate:>9,.0f}")
        out.append(
            f"{'totaal':40} {rows:>10,} {insert_seconds:>11.2f}   "
            f"(alles samen {self.seconds:.1f} s, schaal {self.scale.name}, seed {self.seed})"
        )
        return out


@dataclass
class _OrgPlan:
    index: int
    slug: str
    organisation: Organisation | None
    municipalities: list[Municipality]
    trajectories: int
    clients: int
    coordinators: list[User] = field(default_factory=list)
    default_coordinator: dict[int, User] = field(default_factory=dict)
    bench_coordinator: User | None = None


class DatasetGenerator:
    """Generates one dataset; ``run()`` writes it and returns the counts and timings."""

    def __init__(
        self,
        *,
        scale: Scale,
        seed: int = 2026,
        today: datetime.date | None = None,
        batch_size: int = 5_000,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.scale = scale
        self.seed = seed
        self.today = today or timezone.localdate()
        self.batch_size = batch_size
        self.log = log or (lambda message: None)
        self.rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.report = GenerationReport(scale=scale, seed=seed, today=self.today)
        self._working_days: dict[datetime.date, datetime.date] = {}
        self._used_bsns: set[str] = set()

    # --- writing ------------------------------------------------------------------------------

    def _write(self, objects: list[Model], *, label: str | None = None) -> None:
        if not objects:
            return
        model = type(objects[0])
        started = time.perf_counter()
        if connection.vendor == "postgresql":
            _copy_rows(model, objects)
        else:
            model.objects.bulk_create(objects, batch_size=self.batch_size)
        timing = self.report.tables[label or model._meta.label]
        timing.rows += len(objects)
        timing.seconds += time.perf_counter() - started

    # --- pools --------------------------------------------------------------------------------

    def _pools(self) -> None:
        fake = self.fake
        self.surnames = sorted({fake.last_name() for _ in range(3_000)})
        self.male_names = sorted({fake.first_name_male() for _ in range(1_500)})
        self.female_names = sorted({fake.first_name_female() for _ in range(1_500)})
        self.streets = sorted({fake.street_name() for _ in range(2_000)})
        self.cities = sorted({fake.city() for _ in range(6_000)})
        self.worker_names = [fake.name() for _ in range(400)]
        self.notes = [fake.sentence(nb_words=12) for _ in range(300)]

    def _name(self) -> tuple[str, str]:
        """(prefix, surname) split the Dutch way: 'van der Berg' → ('van der', 'Berg')."""
        full = self.rng.choice(self.surnames)
        for prefix in _PREFIXES:
            if full.startswith(prefix + " "):
                return prefix, full[len(prefix) + 1 :]
        return "", full

    def _postcode(self) -> str:
        rng = self.rng
        while True:
            letters = chr(65 + rng.randint(0, 25)) + chr(65 + rng.randint(0, 25))
            if letters not in ("SA", "SD", "SS"):
                return f"{rng.randint(1000, 9999)} {letters}"

    def _due(self, start: datetime.date, days: int = FIRST_CONTACT_WORKING_DAYS) -> datetime.date:
        if days == FIRST_CONTACT_WORKING_DAYS:
            if start not in self._working_days:
                self._working_days[start] = add_working_days(start, days)
            return self._working_days[start]
        return add_working_days(start, days)

    # --- reference data, organisations and users ----------------------------------------------

    def _reference(self) -> None:
        self.institutions = list(PenitentiaryInstitution.objects.order_by("pk"))
        self.programme = ProgrammeDefinition.objects.get(code=Programme.AFTERCARE)
        self.domains = list(Domain.objects.filter(programme=self.programme).order_by("order"))
        self.zrm = Instrument.objects.current(ZRM_CODE)
        self.zrm_items = list(self.zrm.items.filter(organisation__isnull=True).order_by("position"))

    def _municipalities(self) -> list[Municipality]:
        count = self.scale.municipalities
        codes = sorted(self.rng.sample(range(1, 2000), count))
        names = self.rng.sample(self.cities, count)
        existing = {m.cbs_code: m for m in Municipality.objects.all()}
        result, new = [], []
        for number, name in zip(codes, names, strict=True):
            code = f"GM{number:04d}"
            municipality = existing.get(code) or Municipality(name=name, cbs_code=code)
            if municipality.pk is None:
                new.append(municipality)
            result.append(municipality)
        self._write(new)
        return result

    def _organisation_plans(self, municipalities: list[Municipality]) -> list[_OrgPlan]:
        scale = self.scale
        largest = round(scale.notifications * scale.largest_share)
        others = scale.organisations - 1
        weights = [1 / (i + 2) ** 0.7 for i in range(others)]
        sizes = [largest, *split_sizes(scale.notifications - largest, weights)]
        # The largest organisation serves a big region; every other one at least one municipality.
        big_region = max(2, round(scale.municipalities * 0.06))
        rest = scale.municipalities - big_region - others
        muni_counts = [big_region, *(1 + n for n in split_sizes(rest, weights[::-1]))]
        shuffled = municipalities[:]
        self.rng.shuffle(shuffled)
        plans, start = [], 0
        client_ratio = scale.clients / scale.notifications
        for index, (size, count) in enumerate(zip(sizes, muni_counts, strict=True)):
            served = shuffled[start : start + count]
            start += count
            clients = min(size, max(1, round(size * client_ratio)))
            plans.append(_OrgPlan(index, f"org{index + 1:02d}", None, served, size, clients))
        # Keep the client total exact.
        plans[0].clients += scale.clients - sum(p.clients for p in plans)
        return plans

    def _organisations(self, plans: list[_OrgPlan]) -> None:
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
                aftercare_months=self.rng.choice([3, 3, 3, 6, 12]),
            )
            organisations.append(plan.organisation)
        self._write(organisations)
        through = Organisation.municipalities.through
        self._write(
            [
                through(organisation_id=plan.organisation.pk, municipality_id=m.pk)
                for plan in plans
                for m in plan.municipalities
            ],
            label="accounts.Organisation_municipalities",
        )
        programme_through = ProgrammeDefinition.organisations.through
        self._write(
            [
                programme_through(
                    programmedefinition_id=self.programme.pk, organisation_id=plan.organisation.pk
                )
                for plan in plans
            ],
            label="cases.ProgrammeDefinition_organisations",
        )

    def _users(self, plans: list[_OrgPlan]) -> None:
        password = make_password(SYNTHETIC_PASSWORD)
        users, memberships, planned = [], [], []
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
        for plan, role, email in planned:
            user = User(
                email=email, full_name=self.rng.choice(self.worker_names), password=password
            )
            users.append(user)
            memberships.append(Membership(user=user, organisation=plan.organisation, role=role))
            if email == BENCH_COORDINATOR_EMAIL:
                plan.bench_coordinator = user
            elif role == Role.COORDINATOR:
                plan.coordinators.append(user)
        self._write(users)
        self._write(memberships)
        self._write(
            [
                TOTPDevice(
                    user=u, name="Synthetisch", confirmed=True, key=totp_key(self.seed, u.email)
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
        self._write(defaults)

    # --- persons and their trajectories ---------------------------------------------------------

    def _detention_counts(self, plan: _OrgPlan) -> list[int]:
        """How many detentions each client of the organisation has (repeat detentions)."""
        counts = [1] * plan.clients
        extra = plan.trajectories - plan.clients
        # Repeat detention concentrates on a minority: draw the extra detentions from a third.
        repeaters = list(range(max(1, plan.clients // 3)))
        cap = 6 if len(repeaters) * 5 >= extra else self.scale.years * 12
        for _ in range(extra):
            person = self.rng.choice(repeaters)
            while counts[person] >= cap:
                person = self.rng.choice(repeaters)
            counts[person] += 1
        return counts

    def _client(self, plan: _OrgPlan) -> Client:
        rng = self.rng
        sex = "V" if rng.random() < 0.1 else "M"
        first = rng.choice(self.female_names if sex == "V" else self.male_names)
        second = rng.choice(self.male_names if sex == "M" else self.female_names)
        first_names = f"{first} {second}" if rng.random() < 0.4 else first
        prefix, surname = self._name()
        age_days = rng.randint(18 * 365, 65 * 365)
        municipality = plan.municipalities[
            min(
                int(rng.expovariate(1.0) * len(plan.municipalities) / 3),
                len(plan.municipalities) - 1,
            )
        ]
        return _build(
            Client,
            organisation=plan.organisation,
            bsn=make_bsn(rng, self._used_bsns),
            initials="".join(f"{part[0]}." for part in first_names.split()),
            first_names=first_names,
            prefix=prefix,
            surname=surname,
            birth_date=self.today - datetime.timedelta(days=age_days),
            sex=sex,
            address=f"{rng.choice(self.streets)} {rng.randint(1, 250)}",
            postcode=self._postcode(),
            city=municipality.name,
            municipality=municipality,
            phone=f"06-{rng.randint(10_000_000, 99_999_999)}",
            household=rng.choice(list(Household)),
            minor_children=rng.choice([None, 0, 0, 0, 1, 2, 3]),
        )

    def _starts(self, count: int) -> list[datetime.date]:
        """Detention start dates of one person: distinct 30-day slots over the ten years."""
        slots = self.scale.years * 365 // 30
        first_day = self.today - datetime.timedelta(days=self.scale.years * 365)
        chosen = sorted(self.rng.sample(range(slots), count))
        return [
            first_day + datetime.timedelta(days=slot * 30 + self.rng.randint(0, 9))
            for slot in chosen
        ]

    def _generate_chunk(self, plan: _OrgPlan, counts: list[int]) -> None:
        clients = [self._client(plan) for _ in counts]
        self._write(clients)
        detentions, notifications, trajectories, lives = [], [], [], []
        for client, count in zip(clients, counts, strict=True):
            starts = self._starts(count)
            for position, start in enumerate(starts):
                next_start = starts[position + 1] if position + 1 < count else None
                life = self._trajectory_life(plan, client, start, next_start)
                detentions.append(life["detention"])
                notifications.append(life["notification"])
                trajectories.append(life["trajectory"])
                lives.append(life)
        self._write(detentions)
        for notification in notifications:
            notification.detention_id = notification.detention.pk
        self._write(notifications)
        self._write(trajectories)
        through = Trajectory.notifications.through
        self._write(
            [
                through(trajectory_id=t.pk, detentionnotification_id=n.pk)
                for t, n in zip(trajectories, notifications, strict=True)
            ],
            label="cases.Trajectory_notifications",
        )
        children: dict[type, list] = defaultdict(list)
        goals, actions_by_goal, measurements, scores_by_measurement = [], [], [], []
        for life in lives:
            for model, rows in life["children"].items():
                children[model].extend(rows)
            for goal, goal_actions in life["goals"]:
                goals.append(goal)
                actions_by_goal.append(goal_actions)
            for measurement, scores in life["measurements"]:
                measurements.append(measurement)
                scores_by_measurement.append(scores)
        for model in (StatusChange, Contact, DomainAssessment, DomainSnapshot):
            self._write(children[model])
        self._write(goals)
        actions = []
        for goal, goal_actions in zip(goals, actions_by_goal, strict=True):
            for action in goal_actions:
                action.goal_id = goal.pk
                actions.append(action)
        self._write(actions)
        self._write(measurements)
        scores = []
        for measurement, rows in zip(measurements, scores_by_measurement, strict=True):
            for score in rows:
                score.measurement_id = measurement.pk
                scores.append(score)
        self._write(scores)

    def _coordinator_for(self, plan: _OrgPlan, municipality: Municipality) -> User:
        rng = self.rng
        if plan.bench_coordinator and rng.random() < BENCH_CASELOAD_SHARE:
            return plan.bench_coordinator
        if rng.random() < 0.7:
            return plan.default_coordinator[municipality.pk]
        return rng.choice(plan.coordinators)

    def _trajectory_life(
        self,
        plan: _OrgPlan,
        client: Client,
        start: datetime.date,
        next_start: datetime.date | None,
    ) -> dict:
        """One detention with its notification and trajectory, walked through the workflow."""
        rng, today = self.rng, self.today
        organisation = plan.organisation
        length = rng.choices(_DETENTION_DAYS, weights=_DETENTION_WEIGHTS)[0]
        expected = start + datetime.timedelta(days=length)
        limit = min(today, next_start - datetime.timedelta(days=1)) if next_start else today
        if next_start:
            expected = min(expected, next_start - datetime.timedelta(days=10))
        release = expected
        if rng.random() < 0.3:
            release = max(
                start + datetime.timedelta(days=1),
                expected - datetime.timedelta(days=rng.randint(1, 5)),
            )
        released = release <= limit
        institution = rng.choice(self.institutions)
        title = rng.choices(list(LegalTitle), weights=[30, 40, 10, 5, 2, 13])[0]
        dji_number = str(rng.randint(1_000_000, 9_999_999))
        detention = _build(
            Detention,
            organisation=organisation,
            client=client,
            institution=institution,
            dji_number=dji_number,
            start_date=start,
            expected_end=expected,
            actual_end=release if released else None,
            legal_title=title,
            pi_casemanager_name=rng.choice(self.worker_names),
        )
        municipality = client.municipality
        dates = {
            "birth_date": client.birth_date,
            "detention_start": start,
            "expected_release": expected,
            "release_date": None,
        }
        texts = {
            "dji_number": dji_number,
            "institution": institution.name,
            "municipality": municipality.cbs_code,
        }
        notification = _build(
            DetentionNotification,
            organisation=organisation,
            kind=NotificationKind.BEGIN,
            received_on=start,
            source=NotificationSource.IMPORT,
            fingerprint=_fingerprint(
                NotificationKind.BEGIN,
                client.bsn,
                {name: dates[name] for name in DATE_FIELDS},
                lambda name: texts.get(name, ""),
            ),
            bsn=client.bsn,
            dji_number=dji_number,
            surname=client.surname,
            prefix=client.prefix,
            first_names=client.first_names,
            birth_date=client.birth_date,
            sex=client.sex,
            institution_name=institution.name,
            detention_start=start,
            expected_release=expected,
            legal_title=str(LegalTitle(title).label),
            pi_casemanager=detention.pi_casemanager_name,
            municipality=municipality,
            status=NotificationStatus.PROCESSED,
            client=client,
            detention=detention,
        )

        # The workflow: (from, to, date, reason) in order.
        status, events = S.REGISTERED, [("", S.REGISTERED, start, "")]
        first_contact_due = self._due(start)
        first_contact_on = intake_on = plan_on = closed_on = None
        closing_reason = ""
        snapshot_moments: list[tuple[str, datetime.date]] = []

        def step(to: str, on: datetime.date, reason: str = "") -> None:
            nonlocal status
            if status == S.INTAKE:
                snapshot_moments.append((SnapshotMoment.INTAKE, on))
            events.append((status, to, on, reason))
            status = to

        before_release = release if released else limit + datetime.timedelta(days=1)
        if rng.random() < 0.01:  # onterecht aangemeld (e.g. wrong municipality)
            on = min(limit, start + datetime.timedelta(days=2))
            closed_on, closing_reason = on, ClosingReason.WRONGLY_NOTIFIED
            step(S.CLOSED, on, closing_reason)
        elif rng.random() < 0.92:
            offset = rng.randint(1, 5) if rng.random() < 0.8 else rng.randint(6, 12)
            contact_on = self._due(start, offset)
            if contact_on <= limit:
                first_contact_on = contact_on
                if contact_on < before_release:
                    step(S.IN_CONTACT, contact_on)
        if status == S.IN_CONTACT and rng.random() < 0.8:
            on = first_contact_on + datetime.timedelta(days=rng.randint(5, 15))
            if on <= limit and on < before_release:
                intake_on = on
                step(S.INTAKE, on)
                on = on + datetime.timedelta(days=rng.randint(10, 25))
                if rng.random() < 0.75 and on <= limit and on < before_release:
                    plan_on = on
                    step(S.PLAN, on)
        if status != S.CLOSED and first_contact_on and rng.random() < 0.04:
            on = first_contact_on + datetime.timedelta(days=rng.randint(3, 30))
            if on <= limit and on < before_release:
                closed_on, closing_reason = on, ClosingReason.DECLINED
                step(S.CLOSED, on, closing_reason)
        released_on = aftercare_end = None
        if status != S.CLOSED and released:
            released_on = release
            aftercare_end = release + relativedelta(months=organisation.aftercare_months)
            snapshot_moments.append((SnapshotMoment.RELEASE, release))
            step(S.AFTERCARE, release)
        if status != S.CLOSED:
            natural = None
            if aftercare_end:
                natural = aftercare_end + datetime.timedelta(days=rng.randint(-20, 20))
                natural = max(natural, release + datetime.timedelta(days=1))
            if natural and natural <= limit and rng.random() < 0.97:
                reasons = [r for r, _w in _CLOSING]
                if first_contact_on is None:
                    reason = ClosingReason.UNREACHABLE
                else:
                    reason = rng.choices(reasons, weights=[w for _r, w in _CLOSING])[0]
                closed_on, closing_reason = natural, reason
            elif next_start:
                closed_on, closing_reason = limit, ClosingReason.RECIDIVISM
            if closed_on:
                if released_on:
                    snapshot_moments.append((SnapshotMoment.END, closed_on))
                step(S.CLOSED, closed_on, closing_reason)

        coordinator = None
        if not (status == S.REGISTERED and rng.random() < 0.3):
            coordinator = self._coordinator_for(plan, municipality)
        trajectory = _build(
            Trajectory,
            organisation=organisation,
            client=client,
            programme=Programme.AFTERCARE,
            status=status,
            source=Source.NOTIFICATION,
            municipality=municipality,
            coordinator=coordinator,
            shielded=rng.random() < 0.005,
            category=rng.choice([None, 1, 1, 2, 2, 3]),
            lead=rng.choices(list(CaseLead), weights=[80, 8, 3, 7, 2])[0],
            probation_supervision=rng.random() < 0.3,
            offer_status=(
                rng.choice([OfferStatus.ACCEPTED] * 4 + [OfferStatus.DECLINED])
                if first_contact_on
                else OfferStatus.NOT_MADE
            ),
            offer_date=first_contact_on,
            released_on=released_on,
            aftercare_end=aftercare_end,
            closing_reason=closing_reason,
            detention=detention,
            opened_on=start,
            first_contact_due=first_contact_due,
            first_contact_on=first_contact_on,
            closed_on=closed_on,
        )
        worker = coordinator or plan.coordinators[0]
        children: dict[type, list] = defaultdict(list)
        for from_status, to_status, on, reason in events:
            children[StatusChange].append(
                _build(
                    StatusChange,
                    trajectory=trajectory,
                    from_status=from_status,
                    to_status=to_status,
                    effective_on=on,
                    changed_by=worker if from_status else None,
                    reason=reason,
                )
            )
        end = closed_on or limit
        if first_contact_on:
            in_detention = first_contact_on < (released_on or before_release)
            kinds = [ContactKind.PI_VISIT if in_detention else ContactKind.PHONE]
            dates = [first_contact_on]
            span = (end - first_contact_on).days
            mean_extra = self._contacts_per_contacted - 1
            for _ in range(rng.randint(0, max(0, round(2 * mean_extra)))):
                dates.append(first_contact_on + datetime.timedelta(days=rng.randint(0, span)))
                kinds.append(rng.choice(_LATER_CONTACT_KINDS))
            for on, kind in zip(dates, kinds, strict=True):
                children[Contact].append(
                    _build(
                        Contact,
                        trajectory=trajectory,
                        kind=kind,
                        date=on,
                        notes=rng.choice(self.notes),
                        registered_by=worker,
                    )
                )
        final, insurance, goals, measurements = {}, {}, [], []
        if intake_on:
            for domain in self.domains:
                final[domain.pk] = rng.choices(
                    [s for s, _w in _FINAL_TRIAGE], weights=[w for _s, w in _FINAL_TRIAGE]
                )[0]
                if domain.code == "zorg":
                    insurance[domain.pk] = rng.random() < 0.85
                children[DomainAssessment].append(
                    _build(
                        DomainAssessment,
                        trajectory=trajectory,
                        domain=domain,
                        status=final[domain.pk],
                        health_insurance=insurance.get(domain.pk),
                    )
                )
        for moment, on in snapshot_moments:
            for domain in self.domains:
                current = final.get(domain.pk, TriageStatus.UNKNOWN)
                if moment == SnapshotMoment.INTAKE and current in (
                    TriageStatus.ARRANGED,
                    TriageStatus.IN_PROGRESS,
                ):
                    current = TriageStatus.NEED
                elif moment == SnapshotMoment.RELEASE and current == TriageStatus.ARRANGED:
                    current = (
                        TriageStatus.ARRANGED if rng.random() < 0.7 else TriageStatus.IN_PROGRESS
                    )
                children[DomainSnapshot].append(
                    _build(
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
        if plan_on:
            needs = [
                d
                for d in self.domains
                if final.get(d.pk)
                in (TriageStatus.NEED, TriageStatus.IN_PROGRESS, TriageStatus.ARRANGED)
            ][:3]
            for domain in needs:
                arranged = final[domain.pk] == TriageStatus.ARRANGED
                goal = _build(
                    Goal,
                    trajectory=trajectory,
                    domain=domain,
                    description=_GOAL_TEXT.get(domain.code, domain.name),
                    achieved_on=(released_on or end)
                    if arranged and (released_on or closed_on)
                    else None,
                )
                goal_actions = []
                for _ in range(rng.randint(1, 2)):
                    due = plan_on + datetime.timedelta(days=rng.randint(7, 60))
                    done = due + datetime.timedelta(days=rng.randint(-10, 10))
                    goal_actions.append(
                        _build(
                            Action,
                            trajectory=trajectory,
                            domain=domain,
                            description=rng.choice(_ACTION_TEXT),
                            owner=rng.choice(["cliënt", "coördinator", "casemanager PI"]),
                            due_date=due,
                            done_on=done
                            if (arranged or rng.random() < 0.6) and done <= end
                            else None,
                        )
                    )
                goals.append((goal, goal_actions))
        if intake_on and rng.random() < self._baseline_share:
            baseline_on = min(end, intake_on + datetime.timedelta(days=rng.randint(0, 14)))
            baseline_scores = {
                item.pk: (None if rng.random() < 0.08 else rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5]))
                for item in self.zrm_items
            }
            measurements.append(
                self._measurement(
                    trajectory, worker, MeasurementKind.BASELINE, baseline_on, baseline_scores
                )
            )
            follow_on = baseline_on + datetime.timedelta(days=rng.randint(90, 240))
            if follow_on <= end and rng.random() < self._follow_up_share:
                trend = rng.choice([1, 1, 1, 0, -1])
                follow_scores = {
                    pk: (
                        None
                        if score is None
                        else min(5, max(1, score + rng.choice([0, trend, trend, 1, -1])))
                    )
                    for pk, score in baseline_scores.items()
                }
                measurements.append(
                    self._measurement(
                        trajectory, worker, MeasurementKind.FOLLOW_UP, follow_on, follow_scores
                    )
                )
        return {
            "detention": detention,
            "notification": notification,
            "trajectory": trajectory,
            "children": children,
            "goals": goals,
            "measurements": measurements,
        }

    def _measurement(self, trajectory, worker, kind, on, scores) -> tuple[Measurement, list]:
        measurement = _build(
            Measurement,
            organisation=trajectory.organisation,
            trajectory=trajectory,
            instrument=self.zrm,
            kind=kind,
            measured_on=on,
            scored_by=worker,
        )
        return measurement, [
            _build(DomainScore, item_id=pk, score=score) for pk, score in scores.items()
        ]

    # --- the whole run ----------------------------------------------------------------------

    def run(self) -> GenerationReport:
        started = time.perf_counter()
        scale = self.scale
        # Shares tuned so the totals land near the scale's targets (contacts, ZRM measurements).
        contacted = scale.notifications * 0.85
        self._contacts_per_contacted = scale.contacts / contacted
        with_intake = scale.notifications * 0.55
        self._baseline_share = min(1.0, scale.measurements / with_intake / 1.45)
        self._follow_up_share = 0.75
        self._pools()
        self._reference()
        with transaction.atomic():
            municipalities = self._municipalities()
            plans = self._organisation_plans(municipalities)
            self._organisations(plans)
            self._users(plans)
        self.log(
            f"organisaties, gemeenten en gebruikers klaar ({time.perf_counter() - started:.1f} s)"
        )
        for plan in plans:
            counts = self._detention_counts(plan)
            for offset in range(0, len(counts), PERSONS_PER_CHUNK):
                with transaction.atomic():
                    self._generate_chunk(plan, counts[offset : offset + PERSONS_PER_CHUNK])
            self.log(
                f"{plan.organisation.name}: {plan.trajectories:,} trajecten "
                f"({time.perf_counter() - started:.1f} s)"
            )
        if connection.vendor == "postgresql":
            t = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.report.tables["ANALYZE"].seconds += time.perf_counter() - t
        self.report.seconds = time.perf_counter() - started
        return self.report


def generate_dataset(
    *,
    scale: str,
    seed: int = 2026,
    today: datetime.date | None = None,
    log: Callable[[str], None] | None = None,
) -> GenerationReport:
    """Generate the dataset of ``scale`` (see ``SCALES``) into the default database."""
    return DatasetGenerator(scale=SCALES[scale], seed=seed, today=today, log=log).run()


def synthetic_data_present() -> bool:
    return Organisation.objects.filter(name__endswith=ORGANISATION_SUFFIX).exists()


def dataset_digest() -> str:
    """A SHA-256 over what a seed decides (people, dates, statuses), independent of primary keys."""
    digest = hashlib.sha256()
    parts = [
        Client.objects.order_by("bsn").values_list(
            "bsn",
            "surname",
            "prefix",
            "first_names",
            "birth_date",
            "postcode",
            "municipality__cbs_code",
        ),
        Trajectory.objects.order_by("client__bsn", "opened_on").values_list(
            "client__bsn",
            "opened_on",
            "status",
            "first_contact_due",
            "first_contact_on",
            "released_on",
            "aftercare_end",
            "closed_on",
            "closing_reason",
            "coordinator__email",
        ),
        Contact.objects.order_by(
            "trajectory__client__bsn", "trajectory__opened_on", "date", "kind"
        ).values_list("trajectory__client__bsn", "date", "kind"),
        Measurement.objects.order_by("trajectory__client__bsn", "measured_on", "kind").values_list(
            "trajectory__client__bsn", "measured_on", "kind"
        ),
        Organisation.objects.order_by("name").values_list("name", "aftercare_months"),
    ]
    for rows in parts:
        for row in rows:
            digest.update(repr(row).encode())
    return digest.hexdigest()
