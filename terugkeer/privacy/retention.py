"""Retention: which clients a rule makes due, and anonymising one client from the registry.

Everything is driven by ``core.personal_data``: a new app's models are anonymised by registering
their spec, without editing this module. Per registered model of the rule's kind the client's
rows lose their identifying fields, free text, files and the fields named in
``retention_fields``; identifying dates (a birth date) and ``coarsen_date_fields`` are kept at
month precision; BSNs become a placeholder that is never a valid BSN (a letter and eight
digits), the same one for every row that held the client's BSN. What reports count (status,
category, sex, municipality, programme, the dates of the trajectory, contacts and detentions, the
numbers) stays. The django-simple-history copies of these rows, also of rows since deleted, get
the same treatment, and so do the access-log rows about them.

A client is due when all their trajectories are closed and the last closure is at least the
rule's months ago; a client with a trajectory still open (or closed more recently) waits, so
nothing of a person whose support runs is anonymised. Each client is done in one transaction and
recorded in :class:`~terugkeer.privacy.models_retention.AnonymisedClient`, so a second run
does nothing twice.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Max, Q

from terugkeer.clients.models import Client
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.personal_data import PersonalDataSpec, specs
from terugkeer.privacy.choices import RetentionKind
from terugkeer.privacy.models_retention import AnonymisedClient, RetentionRule, RetentionRun

ANONYMISED = "Geanonimiseerd"


def specs_of_kind(kind: str) -> list[PersonalDataSpec]:
    """The registered models a rule of ``kind`` anonymises (the dossier: all of them)."""
    chosen = [s for s in specs() if kind == RetentionKind.DOSSIER or s.retention_kind == kind]
    # Parents before children, so the history of rows since deleted is found through its parent.
    return sorted(chosen, key=lambda s: len(s.client_path.split("__")) if s.client_path else 0)


def cutoff(rule: RetentionRule, *, today: datetime.date) -> datetime.date:
    """The last closing date that is due on ``today``."""
    return today - relativedelta(months=rule.months)


def _done_kinds(kind: str) -> list[str]:
    # The dossier covers the justice data too.
    return [kind] if kind == RetentionKind.DOSSIER else [kind, RetentionKind.DOSSIER]


def due_clients(rule: RetentionRule, *, today: datetime.date) -> models.QuerySet[Client]:
    """The rule's organisation's clients whose data of the rule's kind is due (not yet done)."""
    return (
        Client.objects.filter(organisation_id=rule.organisation_id)
        .annotate(
            n_trajectories=Count("trajectories"),
            n_open=Count("trajectories", filter=Q(trajectories__closed_on__isnull=True)),
            last_closed=Max("trajectories__closed_on"),
        )
        .filter(n_trajectories__gt=0, n_open=0, last_closed__lte=cutoff(rule, today=today))
        .exclude(
            pk__in=AnonymisedClient.objects.filter(kind__in=_done_kinds(rule.kind)).values(
                "client_id"
            )
        )
        .order_by("pk")
    )


@dataclass
class Outcome:
    """What anonymising one client changed: rows per model label, and its trajectories."""

    counts: dict[str, int] = field(default_factory=dict)
    trajectory_ids: list[int] = field(default_factory=list)


def _month(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return value.replace(day=1)


def _emptied(model_field: models.Field, value):
    """The anonymised value of a field that identifies or holds free text."""
    if isinstance(model_field, models.FileField):
        return ""
    if isinstance(model_field, models.DateField):  # also DateTimeField
        return _month(value)
    if isinstance(model_field, models.JSONField):
        return None if model_field.null else model_field.get_default()
    if isinstance(model_field, (models.CharField, models.TextField)):
        default = model_field.get_default() if model_field.has_default() else ""
        if default not in ("", None):
            return default  # a choice such as "onbekend"
        if model_field.blank:
            return ""
        return ANONYMISED[: model_field.max_length] if model_field.max_length else ANONYMISED
    if model_field.null:
        return None
    return value  # a number or a yes/no alone names nobody


class _Anonymiser:
    """The changes for one client's rows; applied to current rows and to history alike."""

    def __init__(self, client: Client, kind: str):
        self.client = client
        self.kind = kind
        self.old_bsn = client.bsn
        self.placeholder = f"A{client.pk:08d}"
        given = " ".join(p for p in (client.first_names, client.prefix, client.surname) if p)
        self.names = [n for n in {client.display_name, given, client.surname} if len(n) >= 3]

    def bsn(self, value: str, pk) -> str:
        if not value or value == self.placeholder:
            return value
        return self.placeholder if value == self.old_bsn else f"X{int(pk):08d}"[:9]

    def values(self, spec: PersonalDataSpec, meta, row, pk) -> dict:
        changes = {}
        bsn_fields = spec.bsn_fields if self.kind == RetentionKind.DOSSIER else ()
        emptied = (
            set(spec.identifying_fields)
            | set(spec.free_text_fields)
            | set(spec.file_fields)
            | set(spec.retention_fields)
        ) - set(spec.bsn_fields)
        kept = {
            name
            for name, other, value in spec.retention_kept_when
            if getattr(row, other, None) == value
        }
        for name in [*emptied, *spec.coarsen_date_fields, *bsn_fields]:
            if name in kept:
                continue
            try:
                model_field = meta.get_field(name)
            except FieldDoesNotExist:
                continue  # excluded from the history (``raw``)
            value = getattr(row, model_field.attname)
            if name in bsn_fields:
                new = self.bsn(value, pk)
            elif name in emptied:
                new = _emptied(model_field, value)
            else:
                new = _month(value)
            if new != value:
                changes[model_field.attname] = new
        return changes

    def scrub_text(self, text: str) -> str:
        if self.old_bsn:
            text = text.replace(self.old_bsn, self.placeholder)
        for name in sorted(self.names, key=len, reverse=True):
            text = _replace_ignoring_case(text, name, ANONYMISED)
        return text


def _replace_ignoring_case(text: str, old: str, new: str) -> str:
    lowered, needle = text.lower(), old.lower()
    start = lowered.find(needle)
    while start != -1:
        text = text[:start] + new + text[start + len(old) :]
        lowered = text.lower()
        start = lowered.find(needle, start + len(new))
    return text


def _delete_files_after_commit(spec: PersonalDataSpec, meta, row) -> None:
    for name in spec.file_fields:
        file = getattr(row, name)
        if file and file.name:
            storage, path = file.storage, file.name
            transaction.on_commit(lambda storage=storage, path=path: storage.delete(path))


def _history_model(model):
    manager = getattr(model, "history", None)
    historical = getattr(manager, "model", None)
    return historical if historical is not None and historical is not model else None


def _anonymise_spec(spec, anonymiser, collected, outcome) -> None:
    model = spec.model_class()
    meta = model._meta
    rows = list(model._base_manager.filter(**{spec.client_lookup(): anonymiser.client.pk}))
    has_version = any(f.name == "version" for f in meta.concrete_fields)
    changed = 0
    for row in rows:
        changes = anonymiser.values(spec, meta, row, row.pk)
        if spec.file_fields:
            _delete_files_after_commit(spec, meta, row)
        if changes:
            if has_version:
                changes["version"] = F("version") + 1
            model._base_manager.filter(pk=row.pk).update(**changes)
            changed += 1
    pks = {row.pk for row in rows}
    historical = _history_model(model)
    if historical is not None:
        if spec.client_path:
            first = spec.client_path.split("__")[0]
            parent = meta.get_field(first).related_model._meta.label_lower
            match = Q(id__in=pks) | Q(**{f"{meta.get_field(first).attname}__in": collected[parent]})
        else:
            match = Q(id=anonymiser.client.pk)
        hist_meta = historical._meta
        for entry in historical._base_manager.filter(match):
            pks.add(entry.id)
            changes = anonymiser.values(spec, hist_meta, entry, entry.id)
            if getattr(entry, "history_change_reason", None):
                changes["history_change_reason"] = None
            if changes:
                historical._base_manager.filter(pk=entry.pk).update(**changes)
    collected[meta.label_lower] |= pks
    if rows:
        outcome.counts[spec.model] = changed
    if meta.label_lower == "cases.trajectory":
        outcome.trajectory_ids = sorted(row.pk for row in rows)


def _scrub_access_log(anonymiser: _Anonymiser, collected: dict[str, set]) -> int:
    """The log keeps who read what when; about this client it no longer says whom."""
    keys: set[tuple[int, str]] = set()
    about = Q(pk__in=[])
    for label, pks in collected.items():
        if pks:
            content_type = ContentType.objects.get_by_natural_key(*label.split("."))
            ids = [str(pk) for pk in pks]
            keys |= {(content_type.pk, pk) for pk in ids}
            about |= Q(subject_type=content_type, subject_id__in=ids)
    mentions = Q(pk__in=[])
    for text in [anonymiser.old_bsn, anonymiser.client.display_name]:
        if text:
            for column in ("subject_label", "path", "purpose"):
                mentions |= Q(**{f"{column}__icontains": text})
    entries = AccessLogEntry.objects.filter(organisation_id=anonymiser.client.organisation_id)
    scrubbed = 0
    for entry in entries.filter(about | mentions).only(
        "subject_type", "subject_id", "subject_label", "path", "purpose"
    ):
        is_about = (entry.subject_type_id, entry.subject_id) in keys
        label = ANONYMISED if is_about else anonymiser.scrub_text(entry.subject_label)
        path = entry.path.split("?")[0] if is_about else entry.path
        changes = {
            "subject_label": label[:200],
            "path": anonymiser.scrub_text(path)[:500],
            "purpose": anonymiser.scrub_text(entry.purpose)[:200],
        }
        if any(getattr(entry, k) != v for k, v in changes.items()):
            AccessLogEntry.objects.filter(pk=entry.pk).update(**changes)
            scrubbed += 1
    return scrubbed


def client_anonymise(*, client_id: int, kind: str, run: RetentionRun) -> Outcome | None:
    """Anonymise one client's data of ``kind`` atomically; ``None`` when done before.

    Two runs at the same moment: the row lock (PostgreSQL) or the unique record (SQLite's
    serialised writers) lets one do it; the other's transaction is rolled back, and it is done.
    """
    try:
        return _client_anonymise(client_id=client_id, kind=kind, run=run)
    except IntegrityError:
        return None


def _client_anonymise(*, client_id: int, kind: str, run: RetentionRun) -> Outcome | None:
    with transaction.atomic():
        client = Client.objects.select_for_update().filter(pk=client_id).first()
        if client is None:
            return None
        done = AnonymisedClient.objects.filter(client=client, kind__in=_done_kinds(kind))
        if done.exists():
            return None
        anonymiser = _Anonymiser(client, kind)
        collected: dict[str, set] = defaultdict(set)
        collected["clients.client"].add(client.pk)
        outcome = Outcome()
        for spec in specs_of_kind(kind):
            _anonymise_spec(spec, anonymiser, collected, outcome)
        outcome.counts["core.AccessLogEntry"] = _scrub_access_log(anonymiser, collected)
        AnonymisedClient.objects.create(
            organisation_id=client.organisation_id, client=client, kind=kind, run=run
        )
    return outcome


def preview(rule: RetentionRule, *, today: datetime.date) -> dict:
    """The dry run: how many clients and rows would go, and which trajectories (number, month)."""
    clients = list(due_clients(rule, today=today).values_list("pk", flat=True))
    counts: dict[str, int] = {}
    for spec in specs_of_kind(rule.kind):
        model = spec.model_class()
        lookup = f"{spec.client_path}__in" if spec.client_path else "pk__in"
        number = model._base_manager.filter(**{lookup: clients}).count() if clients else 0
        if number:
            counts[str(spec.title)] = number
    from terugkeer.cases.models import Trajectory

    trajectories = list(
        Trajectory.objects.filter(client_id__in=clients)
        .order_by("closed_on", "pk")
        .values_list("pk", "closed_on")
    )
    return {
        "cutoff": cutoff(rule, today=today),
        "client_count": len(clients),
        "counts": counts,
        "trajectories": [
            {"pk": pk, "closed": closed.replace(day=1)} for pk, closed in trajectories
        ],
    }
