"""One trajectory's life: a detention, its notification, the trajectory walked through the workflow.

Every denormalised field the app reads is filled the way the services would have filled it:
status, first-contact deadline, release and aftercare dates, closing, status history, the three
monitor snapshots, the notification linked to its trajectory. The order of the draws from the
run's rng is part of the dataset: moving one changes every row after it.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from terugkeer.accounts.models import User
from terugkeer.cases.choices import (
    CaseLead,
    ClosingReason,
    ContactKind,
    OfferStatus,
    Programme,
    SnapshotMoment,
    Source,
)
from terugkeer.cases.choices import TrajectoryStatus as S
from terugkeer.cases.models import Contact, Domain, ProgrammeDefinition, StatusChange, Trajectory
from terugkeer.cases.services import FIRST_CONTACT_WORKING_DAYS
from terugkeer.clients.models import Client
from terugkeer.core.calendar import add_working_days
from terugkeer.core.synthetic_contract import TrajectoryLife, build
from terugkeer.detention.choices import (
    LegalTitle,
    NotificationKind,
    NotificationSource,
    NotificationStatus,
)
from terugkeer.detention.import_fields import DATE_FIELDS
from terugkeer.detention.import_rows import _fingerprint
from terugkeer.detention.models import Detention, DetentionNotification, PenitentiaryInstitution
from terugkeer.synthetic.organisations import OrganisationPlan
from terugkeer.synthetic.people import Pools
from terugkeer.synthetic.plan import plan_rows, triage_rows
from terugkeer.synthetic.scale import BENCH_CASELOAD_SHARE

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
_LATER_CONTACT_KINDS = (
    ContactKind.PHONE,
    ContactKind.PHONE,
    ContactKind.HOME_VISIT,
    ContactKind.VIDEO,
    ContactKind.LETTER,
    ContactKind.PARTNER_MEETING,
)


@dataclass
class Spine:
    """What the spine reads while generating: pools, reference data and a working-day cache."""

    rng: random.Random
    today: datetime.date
    pools: Pools
    institutions: list[PenitentiaryInstitution]
    programme: ProgrammeDefinition
    domains: list[Domain]
    contacts_per_contacted: float
    working_days: dict[datetime.date, datetime.date] = field(default_factory=dict)

    def due(self, start: datetime.date, days: int = FIRST_CONTACT_WORKING_DAYS) -> datetime.date:
        if days == FIRST_CONTACT_WORKING_DAYS:
            if start not in self.working_days:
                self.working_days[start] = add_working_days(start, days)
            return self.working_days[start]
        return add_working_days(start, days)


@dataclass
class _Walk:
    """The workflow of one trajectory: its events and the dates it reached."""

    status: str
    events: list[tuple[str, str, datetime.date, str]]
    snapshot_moments: list[tuple[str, datetime.date]]
    first_contact_on: datetime.date | None = None
    intake_on: datetime.date | None = None
    plan_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    closing_reason: str = ""
    released_on: datetime.date | None = None
    aftercare_end: datetime.date | None = None

    def step(self, to: str, on: datetime.date, reason: str = "") -> None:
        if self.status == S.INTAKE:
            self.snapshot_moments.append((SnapshotMoment.INTAKE, on))
        self.events.append((self.status, to, on, reason))
        self.status = to


def _detention(spine: Spine, plan: OrganisationPlan, client: Client, start, next_start):
    rng, today = spine.rng, spine.today
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
    institution = rng.choice(spine.institutions)
    title = rng.choices(list(LegalTitle), weights=[30, 40, 10, 5, 2, 13])[0]
    dji_number = str(rng.randint(1_000_000, 9_999_999))
    detention = build(
        Detention,
        organisation=plan.organisation,
        client=client,
        institution=institution,
        dji_number=dji_number,
        start_date=start,
        expected_end=expected,
        actual_end=release if released else None,
        legal_title=title,
        pi_casemanager_name=rng.choice(spine.pools.worker_names),
    )
    return detention, limit, release, released


def _notification(client: Client, detention: Detention) -> DetentionNotification:
    institution, municipality = detention.institution, client.municipality
    start, expected = detention.start_date, detention.expected_end
    dates = {
        "birth_date": client.birth_date,
        "detention_start": start,
        "expected_release": expected,
        "release_date": None,
    }
    texts = {
        "dji_number": detention.dji_number,
        "institution": institution.name,
        "municipality": municipality.cbs_code,
    }
    return build(
        DetentionNotification,
        organisation=detention.organisation,
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
        dji_number=detention.dji_number,
        surname=client.surname,
        prefix=client.prefix,
        first_names=client.first_names,
        birth_date=client.birth_date,
        sex=client.sex,
        institution_name=institution.name,
        detention_start=start,
        expected_release=expected,
        legal_title=str(LegalTitle(detention.legal_title).label),
        pi_casemanager=detention.pi_casemanager_name,
        municipality=municipality,
        status=NotificationStatus.PROCESSED,
        client=client,
        detention=detention,
    )


def _walk(spine: Spine, plan: OrganisationPlan, start, next_start, limit, release, released):
    """The workflow: (from, to, date, reason) in order, with the dates it sets."""
    rng = spine.rng
    walk = _Walk(status=S.REGISTERED, events=[("", S.REGISTERED, start, "")], snapshot_moments=[])
    before_release = release if released else limit + datetime.timedelta(days=1)
    if rng.random() < 0.01:  # onterecht aangemeld (e.g. wrong municipality)
        on = min(limit, start + datetime.timedelta(days=2))
        walk.closed_on, walk.closing_reason = on, ClosingReason.WRONGLY_NOTIFIED
        walk.step(S.CLOSED, on, walk.closing_reason)
    elif rng.random() < 0.92:
        offset = rng.randint(1, 5) if rng.random() < 0.8 else rng.randint(6, 12)
        contact_on = spine.due(start, offset)
        if contact_on <= limit:
            walk.first_contact_on = contact_on
            if contact_on < before_release:
                walk.step(S.IN_CONTACT, contact_on)
    if walk.status == S.IN_CONTACT and rng.random() < 0.8:
        on = walk.first_contact_on + datetime.timedelta(days=rng.randint(5, 15))
        if on <= limit and on < before_release:
            walk.intake_on = on
            walk.step(S.INTAKE, on)
            on = on + datetime.timedelta(days=rng.randint(10, 25))
            if rng.random() < 0.75 and on <= limit and on < before_release:
                walk.plan_on = on
                walk.step(S.PLAN, on)
    if walk.status != S.CLOSED and walk.first_contact_on and rng.random() < 0.04:
        on = walk.first_contact_on + datetime.timedelta(days=rng.randint(3, 30))
        if on <= limit and on < before_release:
            walk.closed_on, walk.closing_reason = on, ClosingReason.DECLINED
            walk.step(S.CLOSED, on, walk.closing_reason)
    if walk.status != S.CLOSED and released:
        walk.released_on = release
        walk.aftercare_end = release + relativedelta(months=plan.organisation.aftercare_months)
        walk.snapshot_moments.append((SnapshotMoment.RELEASE, release))
        walk.step(S.AFTERCARE, release)
    if walk.status != S.CLOSED:
        natural = None
        if walk.aftercare_end:
            natural = walk.aftercare_end + datetime.timedelta(days=rng.randint(-20, 20))
            natural = max(natural, release + datetime.timedelta(days=1))
        if natural and natural <= limit and rng.random() < 0.97:
            reasons = [r for r, _w in _CLOSING]
            if walk.first_contact_on is None:
                reason = ClosingReason.UNREACHABLE
            else:
                reason = rng.choices(reasons, weights=[w for _r, w in _CLOSING])[0]
            walk.closed_on, walk.closing_reason = natural, reason
        elif next_start:
            walk.closed_on, walk.closing_reason = limit, ClosingReason.RECIDIVISM
        if walk.closed_on:
            if walk.released_on:
                walk.snapshot_moments.append((SnapshotMoment.END, walk.closed_on))
            walk.step(S.CLOSED, walk.closed_on, walk.closing_reason)
    return walk, before_release


def _coordinator_for(spine: Spine, plan: OrganisationPlan, municipality) -> User:
    rng = spine.rng
    if plan.bench_coordinator and rng.random() < BENCH_CASELOAD_SHARE:
        return plan.bench_coordinator
    if rng.random() < 0.7:
        return plan.default_coordinator[municipality.pk]
    return rng.choice(plan.coordinators)


def _trajectory(spine, plan, client, detention, walk: _Walk) -> tuple[Trajectory, User | None]:
    rng = spine.rng
    coordinator = None
    if not (walk.status == S.REGISTERED and rng.random() < 0.3):
        coordinator = _coordinator_for(spine, plan, client.municipality)
    trajectory = build(
        Trajectory,
        organisation=plan.organisation,
        client=client,
        programme=Programme.AFTERCARE,
        status=walk.status,
        source=Source.NOTIFICATION,
        municipality=client.municipality,
        coordinator=coordinator,
        shielded=rng.random() < 0.005,
        category=rng.choice([None, 1, 1, 2, 2, 3]),
        lead=rng.choices(list(CaseLead), weights=[80, 8, 3, 7, 2])[0],
        probation_supervision=rng.random() < 0.3,
        offer_status=(
            rng.choice([OfferStatus.ACCEPTED] * 4 + [OfferStatus.DECLINED])
            if walk.first_contact_on
            else OfferStatus.NOT_MADE
        ),
        offer_date=walk.first_contact_on,
        released_on=walk.released_on,
        aftercare_end=walk.aftercare_end,
        closing_reason=walk.closing_reason,
        detention=detention,
        opened_on=detention.start_date,
        first_contact_due=spine.due(detention.start_date),
        first_contact_on=walk.first_contact_on,
        closed_on=walk.closed_on,
    )
    return trajectory, coordinator


def _contacts(spine: Spine, trajectory, worker, walk: _Walk, before_release, end) -> list[Contact]:
    rng, first_contact_on = spine.rng, walk.first_contact_on
    if not first_contact_on:
        return []
    in_detention = first_contact_on < (walk.released_on or before_release)
    kinds = [ContactKind.PI_VISIT if in_detention else ContactKind.PHONE]
    dates = [first_contact_on]
    span = (end - first_contact_on).days
    mean_extra = spine.contacts_per_contacted - 1
    for _ in range(rng.randint(0, max(0, round(2 * mean_extra)))):
        dates.append(first_contact_on + datetime.timedelta(days=rng.randint(0, span)))
        kinds.append(rng.choice(_LATER_CONTACT_KINDS))
    return [
        build(
            Contact,
            trajectory=trajectory,
            kind=kind,
            date=on,
            notes=rng.choice(spine.pools.notes),
            registered_by=worker,
        )
        for on, kind in zip(dates, kinds, strict=True)
    ]


def trajectory_life(
    spine: Spine,
    plan: OrganisationPlan,
    client: Client,
    start: datetime.date,
    next_start: datetime.date | None,
) -> TrajectoryLife:
    """One detention with its notification and trajectory, walked through the workflow."""
    detention, limit, release, released = _detention(spine, plan, client, start, next_start)
    notification = _notification(client, detention)
    walk, before_release = _walk(spine, plan, start, next_start, limit, release, released)
    trajectory, coordinator = _trajectory(spine, plan, client, detention, walk)
    worker = coordinator or plan.coordinators[0]
    status_changes = [
        build(
            StatusChange,
            trajectory=trajectory,
            from_status=from_status,
            to_status=to_status,
            effective_on=on,
            changed_by=worker if from_status else None,
            reason=reason,
        )
        for from_status, to_status, on, reason in walk.events
    ]
    end = walk.closed_on or limit
    life = TrajectoryLife(
        trajectory=trajectory,
        client=client,
        detention=detention,
        notification=notification,
        worker=worker,
        limit=limit,
        end=end,
        first_contact_on=walk.first_contact_on,
        intake_on=walk.intake_on,
        plan_on=walk.plan_on,
        released_on=walk.released_on,
        closed_on=walk.closed_on,
        triage={},
        rows={
            StatusChange: status_changes,
            Contact: _contacts(spine, trajectory, worker, walk, before_release, end),
        },
    )
    triage_rows(spine.rng, spine.domains, life, walk.snapshot_moments)
    plan_rows(spine.rng, spine.domains, life)
    return life
