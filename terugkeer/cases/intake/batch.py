"""A file's meldingen registered in chunks: the rules of ``notification_register``, few queries.

Rows are taken in file order, each seeing the ones above it. What a chunk needs to know is read
once: the fingerprints already received, the clients by BSN and their open aftercare trajectories
(one query each per chunk); the organisation's municipalities, default coordinators and the PIs
once per file. A *begin detentie* melding is built in memory and written with the others of its
run in bulk (clients, detentions, meldingen, trajectories, their history and first status step);
any other melding, or a second melding about a BSN already in the run, first writes the run and
then goes through ``notification_register`` itself. A bulk write that meets a concurrent
registration (a unique constraint) is rolled back to its savepoint and its rows are registered
one by one, which answers the race exactly as a single registration does.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from terugkeer.cases.choices import Programme, Source
from terugkeer.cases.intake.classify import classify_notification
from terugkeer.cases.intake.data import (
    IntakeRefused,
    IntakeResult,
    NotificationData,
    Outcome,
)
from terugkeer.cases.intake.register import (
    build_notification,
    notification_register,
    typed_fingerprint_of,
)
from terugkeer.cases.models import DefaultCoordinator, StatusChange, Trajectory
from terugkeer.cases.services import FIRST_CONTACT_WORKING_DAYS
from terugkeer.clients.models import Client
from terugkeer.core.calendar import add_working_days
from terugkeer.core.validators import normalise_bsn
from terugkeer.detention.choices import NotificationKind
from terugkeer.detention.models import Detention, DetentionNotification, PenitentiaryInstitution
from terugkeer.detention.services import legal_title_from

CHUNK_ROWS = 500  # settings.TERUGKEER_IMPORT_CHUNK_ROWS overrides


def chunk_rows_setting() -> int:
    return getattr(settings, "TERUGKEER_IMPORT_CHUNK_ROWS", CHUNK_ROWS)


class FileLookups:
    """Read once per file: municipalities, default coordinators, PIs."""

    def __init__(self, organisation, history: bool = True) -> None:
        self.organisation, self.history = organisation, history
        self.municipalities = list(organisation.municipalities.order_by("pk"))
        self.coordinators: dict[int, object] = {}
        defaults = DefaultCoordinator.objects.filter(organisation=organisation)
        for default in defaults.select_related("coordinator").order_by("-pk"):
            self.coordinators[default.municipality_id] = default.coordinator  # first wins
        self.institutions: dict[str, PenitentiaryInstitution] = {}
        for institution in PenitentiaryInstitution.objects.order_by("-pk"):
            self.institutions[institution.name.lower()] = institution
        self.legal_titles: dict[str, str] = {}

    def municipality(self, value: str):
        value = value.strip().lower()
        if not value:
            return None
        for municipality in self.municipalities:
            if value in (municipality.cbs_code.lower(), municipality.name.lower()):
                return municipality
        return None

    def institution(self, name: str):
        return self.institutions.get(name.strip().lower()) if name.strip() else None

    def legal_title(self, value: str) -> str:
        if value not in self.legal_titles:  # a file names a handful of titles, 5,000 times
            self.legal_titles[value] = legal_title_from(value)
        return self.legal_titles[value]


class ChunkLookups:
    """The lookups of ``classify_notification`` for one chunk, read in one query each."""

    def __init__(self, file: FileLookups, entries: list[tuple[int, NotificationData]]) -> None:
        organisation = file.organisation
        self.file, self.organisation = file, organisation
        fingerprints = {data.fingerprint for _line, data in entries}
        self.seen = set(
            DetentionNotification.objects.filter(
                organisation=organisation, fingerprint__in=fingerprints
            ).values_list("fingerprint", flat=True)
        )
        bsns = {data.bsn for _line, data in entries}
        self.clients = {
            client.bsn: client
            for client in Client.objects.filter(organisation=organisation, bsn__in=bsns)
        }
        self.open_trajectories: dict[int, Trajectory] = {}
        trajectories = Trajectory.objects.open().filter(
            organisation=organisation, client__bsn__in=bsns, programme=Programme.AFTERCARE
        )
        for trajectory in trajectories.order_by("pk"):  # the latest wins, as in the intake
            self.open_trajectories[trajectory.client_id] = trajectory
        self.stale: set[str] = set()  # BSNs changed one by one: ask the database again

    def fingerprint_seen(self, fingerprint: str) -> bool:
        return fingerprint in self.seen

    def municipality(self, value: str):
        return self.file.municipality(value)

    def client(self, bsn: str):
        if bsn in self.stale:
            return Client.objects.filter(organisation=self.organisation, bsn=bsn).first()
        return self.clients.get(bsn)


@dataclass
class _Run:
    """Begin-meldingen built in memory, written together."""

    indexes: list[int] = field(default_factory=list)
    entries: list[tuple[int, NotificationData]] = field(default_factory=list)
    results: list[IntakeResult] = field(default_factory=list)
    bsns: set[str] = field(default_factory=set)
    clients: list[Client] = field(default_factory=list)
    detentions: list[Detention] = field(default_factory=list)
    trajectories: list[Trajectory] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    moved: list[tuple[Trajectory, Detention]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.indexes)


def notifications_register_batch(
    *,
    organisation,
    entries: list[tuple[int, NotificationData]],
    source,
    registered_by=None,
    import_batch=None,
    chunk_rows: int | None = None,
    on_chunk=None,
    history: bool = True,
) -> list[IntakeResult | IntakeRefused]:
    """Register ``(line, data)`` entries in order; per entry its result or the refusal.

    ``on_chunk(done)`` is called after every chunk with the number of entries done.
    ``history=False`` (the preview, which is rolled back) leaves out the history rows of the
    meldingen written in bulk: nothing in a registration reads them, and they are half the work.
    """
    file = FileLookups(organisation, history=history)
    chunk_rows = chunk_rows or chunk_rows_setting()
    outcomes: list[IntakeResult | IntakeRefused] = []
    context = (organisation, source, registered_by, import_batch)
    for start in range(0, len(entries), chunk_rows):
        chunk = [
            (
                line,
                data if data.fingerprint else replace(data, fingerprint=typed_fingerprint_of(data)),
            )
            for line, data in entries[start : start + chunk_rows]
        ]
        outcomes.extend(_register_chunk(file, chunk, context))
        if on_chunk is not None:
            on_chunk(start + len(chunk))
    return outcomes


def _bulk_create(objs, model) -> None:
    model.objects.bulk_create(objs)


def _fingerprinted(data: NotificationData) -> NotificationData:
    """Typed in by hand: the same melding twice is a duplicate too (as notification_register)."""
    return data if data.fingerprint else replace(data, fingerprint=typed_fingerprint_of(data))


def _register_chunk(file, chunk, context) -> list[IntakeResult | IntakeRefused]:
    organisation = context[0]
    lookups = ChunkLookups(file, chunk)
    outcomes: list = [None] * len(chunk)
    run = _Run()
    for index, (line, data) in enumerate(chunk):
        if data.kind != NotificationKind.BEGIN or data.bsn in run.bsns or data.bsn in lookups.stale:
            _write_run(run, lookups, outcomes, context)
            run = _Run()
            outcomes[index] = _register_one(data, line, context)
            lookups.stale.add(data.bsn)
            if isinstance(outcomes[index], IntakeResult):
                lookups.seen.add(data.fingerprint)
            continue
        classification = classify_notification(
            organisation=organisation, data=data, lookups=lookups
        )
        if classification.outcome == Outcome.DUPLICATE:
            outcomes[index] = IntakeResult(classification)
            continue
        if classification.outcome == Outcome.ERROR:
            outcomes[index] = IntakeRefused(classification.reason)
            continue
        lookups.seen.add(data.fingerprint)
        run.indexes.append(index)
        run.entries.append((line, data))
        run.bsns.add(data.bsn)
        run.results.append(_build(run, lookups, data, line, classification, context))
    _write_run(run, lookups, outcomes, context)
    return outcomes


def _register_one(data, line, context) -> IntakeResult | IntakeRefused:
    organisation, source, registered_by, import_batch = context
    try:
        return notification_register(
            organisation=organisation,
            data=data,
            source=source,
            registered_by=registered_by,
            import_batch=import_batch,
            import_line=line,
        )
    except IntakeRefused as refused:
        return refused


def _build(run, lookups, data, line, classification, context) -> IntakeResult:
    """The rows one begin-melding writes, built as ``notification_register`` builds them."""
    organisation, source, registered_by, import_batch = context
    notification = build_notification(
        organisation, data, classification, source, registered_by, import_batch, line
    )
    result = IntakeResult(classification, notification=notification)
    if classification.outcome == Outcome.REVIEW:
        return result
    client = classification.client
    if client is None:  # as clients.services.client_insert builds it
        initials = "".join(f"{part[0]}." for part in data.first_names.split())
        client = Client(
            organisation=organisation,
            bsn=normalise_bsn(data.bsn),
            surname=data.surname,
            prefix=data.prefix,
            first_names=data.first_names,
            initials=initials[: Client._meta.get_field("initials").max_length],
            birth_date=data.birth_date,
            sex=data.sex if data.sex in ("M", "V", "X") else "",
            municipality=classification.municipality,
        )
        run.clients.append(client)
    detention = Detention(  # as detention.services.detention_open builds it
        organisation=organisation,
        client=client,
        institution=lookups.file.institution(data.institution),
        dji_number=data.dji_number,
        start_date=data.detention_start,
        expected_end=data.expected_release,
        legal_title=lookups.file.legal_title(data.legal_title),
        pi_casemanager_name=data.pi_casemanager,
    )
    run.detentions.append(detention)
    notification.client, notification.detention = client, detention
    trajectory = lookups.open_trajectories.get(client.pk) if client.pk else None
    result.trajectory_created = trajectory is None
    if trajectory is None:  # as cases.services.trajectory_create builds it
        municipality = classification.municipality
        opened_on = notification.received_on
        trajectory = Trajectory(
            organisation=organisation,
            client=client,
            programme=Programme.AFTERCARE,
            source=Source.NOTIFICATION,
            municipality=municipality,
            coordinator=lookups.file.coordinators.get(municipality.pk) if municipality else None,
            detention=detention,
            opened_on=opened_on,
            first_contact_due=add_working_days(opened_on, FIRST_CONTACT_WORKING_DAYS),
        )
        run.trajectories.append(trajectory)
        run.status_changes.append(
            StatusChange(
                trajectory=trajectory,
                to_status=trajectory.status,
                effective_on=opened_on,
                changed_by=registered_by,
                note=str(Source.NOTIFICATION.label),
            )
        )
    else:
        run.moved.append((trajectory, detention))
    result.trajectory = trajectory
    return result


def _write_run(run: _Run, lookups: ChunkLookups, outcomes: list, context) -> None:
    if not run:
        return
    try:
        with transaction.atomic():
            _bulk_write(run, lookups.file.history)
    except IntegrityError:  # someone registered one of these meanwhile: one by one, as ever
        for index, (line, data) in zip(run.indexes, run.entries, strict=True):
            lookups.stale.add(data.bsn)
            outcomes[index] = _register_one(data, line, context)
        return
    for index, result in zip(run.indexes, run.results, strict=True):
        outcomes[index] = result
        if result.trajectory is not None:  # the melding's client: a known one is not read again
            client = result.notification.client
            lookups.clients[client.bsn] = client
            lookups.open_trajectories[client.pk] = result.trajectory


def _bulk_write(run: _Run, history: bool) -> None:
    # In this order, each bulk insert after the rows it points to: bulk_create takes the new
    # primary keys of related objects saved since they were assigned.
    # Rows under a unique index go in one order whatever the file's (clients by BSN, meldingen by
    # fingerprint, trajectories by their client's BSN, re-detained trajectories by key): two
    # files naming the same people in opposite order, confirmed at once, then wait for each other
    # instead of deadlocking, and the second one's IntegrityError falls back to one by one.
    create = bulk_create_with_history if history else _bulk_create
    create(sorted(run.clients, key=lambda client: client.bsn), Client)
    create(run.detentions, Detention)
    notifications = [result.notification for result in run.results]
    create(sorted(notifications, key=lambda n: n.fingerprint), DetentionNotification)
    create(sorted(run.trajectories, key=lambda t: t.client.bsn), Trajectory)
    if run.moved:  # re-detentions: the open trajectory follows, as in _attach_trajectory
        now = timezone.now()
        moved = []
        for trajectory, detention in sorted(run.moved, key=lambda pair: pair[0].pk):
            trajectory.detention = detention
            trajectory.version += 1
            trajectory.updated_at = now  # auto_now, which a bulk update does not set
            moved.append(trajectory)
        fields = ["detention", "version", "updated_at"]
        if history:
            bulk_update_with_history(moved, Trajectory, fields, default_date=now)
        else:
            Trajectory.objects.bulk_update(moved, fields)
    StatusChange.objects.bulk_create(run.status_changes)
    Link = Trajectory.notifications.through
    Link.objects.bulk_create(
        Link(trajectory_id=result.trajectory.pk, detentionnotification_id=result.notification.pk)
        for result in run.results
        if result.trajectory is not None
    )
