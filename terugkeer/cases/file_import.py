"""File import of meldingen: upload → preview → confirm (docs/import.md).

An upload is parsed once, by :func:`import_batch_create`, and the parsed rows are stored with the
batch; the preview, the rejected-rows download and the confirmation read them back instead of
parsing the file again. The preview is the confirm run in a transaction that is rolled back, so
it says exactly what confirming will do (rows in file order, each seeing the ones above it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from terugkeer.accounts.models import Organisation, User
from terugkeer.cases.intake import (
    OUTCOME_LABELS,
    Classification,
    IntakeRace,
    IntakeRefused,
    NotificationData,
    Outcome,
)
from terugkeer.cases.intake.batch import notifications_register_batch
from terugkeer.clients.models import Client
from terugkeer.detention.choices import ImportStatus, NotificationSource
from terugkeer.detention.importing import ParsedFile, ParsedRow, parse_notification_file
from terugkeer.detention.models import ImportBatch


@dataclass
class PreviewRow:
    """One line of an import preview: the parsed row and what registering it would do."""

    row: ParsedRow
    classification: Classification

    @property
    def reasons(self) -> list[str]:
        if self.row.errors:
            return list(self.row.errors)
        if self.classification.outcome == Outcome.ERROR:
            reason = self.classification.reason
            return [_("Regel %(line)s: %(reason)s") % {"line": self.row.line, "reason": reason}]
        return []


@dataclass
class ImportPreview:
    rows: list[PreviewRow]
    # Clients that existed before the file: the only ones the preview may name (and log).
    known_client_ids: frozenset[int] = frozenset()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rows if r.classification.outcome == outcome)

    @property
    def error_rows(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.classification.outcome == Outcome.ERROR]

    @property
    def has_errors(self) -> bool:
        return bool(self.error_rows)

    @property
    def summary(self) -> list[tuple[str, int]]:
        return [(str(OUTCOME_LABELS[o]), self.count(o)) for o in Outcome]

    @property
    def clients(self) -> list:
        """The known clients the preview shows, once each, in file order (for the access log)."""
        found = {}
        for preview_row in self.rows:
            client = preview_row.classification.client
            if client is not None and client.pk in self.known_client_ids:
                found.setdefault(client.pk, client)
        return list(found.values())


def batch_parsed(batch: ImportBatch) -> ParsedFile:
    """The parsed rows of an upload: as stored at upload, or (older batches) parsed again."""
    parsed = ParsedFile.from_json(batch.parsed)
    if parsed is None:
        parsed = parse_notification_file(bytes(batch.content), batch.filename)
    return parsed


def _register_in_order(
    *,
    organisation: Organisation,
    parsed: ParsedFile,
    batch,
    registered_by,
    on_race,
    on_chunk=None,
    history: bool = True,
) -> tuple[list[PreviewRow], int, int]:
    """Register the file's rows in file order: each row sees the rows above it (an *einde* the
    *begin* a few lines up, a new person's second melding the client the first one created).

    Returns every row with what happened to it, and the numbers created and skipped. A row that
    cannot be registered is an error row; ``on_race(row, refused)`` decides about a melding that
    another request registered at the same moment.
    """
    rows: list[PreviewRow] = []
    created = skipped = 0
    valid = [row for row in parsed.rows if not row.errors]
    outcomes = iter(
        notifications_register_batch(
            organisation=organisation,
            entries=[(row.line, NotificationData.from_parsed_row(row)) for row in valid],
            source=NotificationSource.IMPORT,
            registered_by=registered_by,
            import_batch=batch,
            on_chunk=on_chunk and (lambda done: on_chunk(done * len(parsed.rows) // len(valid))),
            history=history,
        )
    )
    for row in parsed.rows:
        if row.errors:
            rows.append(PreviewRow(row, Classification(Outcome.ERROR, "; ".join(row.errors))))
            continue
        result = next(outcomes)
        if isinstance(result, IntakeRefused):
            if isinstance(result, IntakeRace):
                on_race(row, result)
            rows.append(PreviewRow(row, Classification(Outcome.ERROR, result.message)))
            continue
        rows.append(PreviewRow(row, result.classification))
        if result.classification.outcome == Outcome.DUPLICATE:
            skipped += 1
        else:
            created += 1
    return rows, created, skipped


def import_preview(*, organisation: Organisation, parsed: ParsedFile) -> ImportPreview:
    """Exactly what confirming will do, row by row (nothing is kept).

    The rows are registered in file order, as the confirm does, inside a transaction that is
    rolled back: the preview cannot disagree with the confirm, because it runs the same code
    (only without the history rows of the meldingen written in bulk, which no row reads).
    """
    bsns = {row.bsn for row in parsed.rows if not row.errors and row.bsn}
    known = frozenset(
        Client.objects.filter(organisation=organisation, bsn__in=bsns).values_list("pk", flat=True)
    )
    with transaction.atomic():
        rows, _created, _skipped = _register_in_order(
            organisation=organisation,
            parsed=parsed,
            batch=None,
            registered_by=None,
            on_race=lambda row, refused: None,
            history=False,  # rolled back: the history rows would be thrown away unread
        )
        transaction.set_rollback(True)
    return ImportPreview(rows=rows, known_client_ids=known)


class ImportRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@transaction.atomic
def notification_import(
    *, batch: ImportBatch, registered_by: User | None, valid_only: bool = False
) -> ImportPreview:
    """Register every row of an uploaded batch, atomically.

    With errors in the file nothing is written unless ``valid_only`` is chosen explicitly; then
    the valid rows are registered and the rejected ones stay downloadable. Rows already imported
    before (same fingerprint) are skipped, so importing the same file twice creates nothing new.
    """
    batch = ImportBatch.objects.select_for_update().defer("content").get(pk=batch.pk)
    if batch.status != ImportStatus.PREVIEW:
        raise ImportRefused(_("Dit bestand is al verwerkt of geannuleerd."))
    return _import_rows(batch, registered_by, valid_only)


def _import_rows(batch, registered_by, valid_only, on_chunk=None) -> ImportPreview:
    """The confirm itself, in the caller's transaction (``notification_import``, the worker)."""

    def refuse_race(row, refused):  # rolls the whole import back
        raise ImportRefused(
            _("Regel %(line)s: %(reason)s Er is niets geïmporteerd.")
            % {"line": row.line, "reason": refused.message}
        ) from refused

    rows, created, skipped = _register_in_order(
        organisation=batch.organisation,
        parsed=batch_parsed(batch),
        batch=batch,
        registered_by=registered_by,
        on_race=refuse_race,
        on_chunk=on_chunk,
    )
    preview = ImportPreview(rows=rows)
    if preview.has_errors and not valid_only:  # the registered rows are rolled back with this
        raise ImportRefused(
            _(
                "Het bestand bevat %(n)s regel(s) met fouten. Er is niets geïmporteerd. Verbeter "
                "het bestand, of kies uitdrukkelijk om alleen de geldige regels te importeren."
            )
            % {"n": len(preview.error_rows)}
        )
    batch.status = ImportStatus.CONFIRMED
    batch.valid_only = valid_only
    batch.row_count = len(preview.rows)
    batch.created_count = created
    batch.skipped_count = skipped
    batch.rejected_count = len(preview.error_rows)
    batch.rows_done = len(preview.rows)
    batch.save(
        update_fields=[
            "rows_done",
            "status",
            "valid_only",
            "row_count",
            "created_count",
            "skipped_count",
            "rejected_count",
            "updated_at",
        ]
    )
    return preview


def import_batch_create(
    *, organisation: Organisation, uploaded_by: User | None, filename: str, content: bytes
) -> ImportBatch:
    """Keep an uploaded file and its parsed rows for preview.

    Raises ``ImportFileError`` when the file is unusable; then nothing is stored.
    """
    parsed = parse_notification_file(content, filename)
    return ImportBatch.objects.create(
        organisation=organisation,
        uploaded_by=uploaded_by,
        filename=filename[:255],
        file_sha256=parsed.file_sha256,
        content=content,
        parsed=parsed.to_json(),
        row_count=len(parsed.rows),
    )
