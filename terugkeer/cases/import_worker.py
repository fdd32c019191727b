"""Large import files are confirmed by the background worker (docs/import.md).

``import_enqueue`` (the confirm of a file above ``TERUGKEER_IMPORT_WORKER_ROWS`` rows) marks the
batch as queued and enqueues :func:`terugkeer.cases.tasks.notification_import_task` once;
``import_run_queued`` (the task) does exactly what the synchronous confirm does, in one
transaction, and writes its progress (rows done) on the batch after every chunk. On PostgreSQL
that progress goes through a second, autocommitting connection, so the import page sees it while
the import's own transaction is still open; SQLite has one writer at a time, there the progress
is seen when the import is done. Running the task twice imports nothing twice: it takes a lock
and does nothing once the batch is no longer a preview.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.accounts.models import User
from terugkeer.cases.file_import import ImportRefused, _import_rows
from terugkeer.detention.choices import ImportStatus
from terugkeer.detention.models import ImportBatch

WORKER_ROWS = 300  # settings.TERUGKEER_IMPORT_WORKER_ROWS overrides
PROGRESS_SQL = "UPDATE detention_importbatch SET rows_done = %s WHERE id = %s"


def worker_threshold() -> int:
    return getattr(settings, "TERUGKEER_IMPORT_WORKER_ROWS", WORKER_ROWS)


def needs_worker(batch: ImportBatch) -> bool:
    """Whether confirming ``batch`` is left to the background worker."""
    return batch.row_count > worker_threshold()


def is_queued(batch: ImportBatch) -> bool:
    return batch.status == ImportStatus.PREVIEW and batch.queued_at is not None


@transaction.atomic
def import_enqueue(*, batch: ImportBatch, registered_by: User | None, valid_only: bool) -> None:
    """Queue the confirm of ``batch`` for the worker (once: a second confirm is refused)."""
    from terugkeer.cases.tasks import notification_import_task

    batch = ImportBatch.objects.select_for_update().defer("content", "parsed").get(pk=batch.pk)
    if batch.status != ImportStatus.PREVIEW:
        raise ImportRefused(_("Dit bestand is al verwerkt of geannuleerd."))
    if batch.queued_at is not None:
        raise ImportRefused(_("Dit bestand wordt al verwerkt."))
    batch.queued_at = timezone.now()
    batch.rows_done = 0
    batch.valid_only = valid_only
    batch.worker_message = ""
    batch.save(
        update_fields=["queued_at", "rows_done", "valid_only", "worker_message", "updated_at"]
    )
    user_id = registered_by.pk if registered_by else None
    transaction.on_commit(lambda: notification_import_task.enqueue(batch.pk, user_id, valid_only))


def import_run_queued(batch_id: int, user_id: int | None, valid_only: bool) -> str:
    """The worker's confirm; returns what happened ('verwerkt', 'geweigerd', 'al verwerkt')."""
    registered_by = User.objects.filter(pk=user_id).first() if user_id else None
    progress = _Progress(batch_id)
    try:
        with transaction.atomic():
            _lock(batch_id)
            batch = ImportBatch.objects.defer("content").get(pk=batch_id)
            if not is_queued(batch):
                return "al verwerkt"
            _import_rows(batch, registered_by, valid_only, on_chunk=progress)
    except ImportRefused as refused:
        ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.PREVIEW).update(
            queued_at=None, rows_done=0, worker_message=refused.message[:500]
        )
        return "geweigerd"
    finally:
        progress.close()
    return "verwerkt"


def _lock(batch_id: int) -> None:
    """One run per batch at a time (the batch row itself stays free for the progress)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x1B07, batch_id])
    # SQLite: writers take the database lock at BEGIN (transaction_mode IMMEDIATE).


class _Progress:
    """Writes ``rows_done`` on the batch, visible before the import's transaction ends."""

    def __init__(self, batch_id: int) -> None:
        self.batch_id = batch_id
        self.side = None
        if connection.vendor == "postgresql":
            self.side = connections.create_connection("default")

    def __call__(self, done: int) -> None:
        if self.side is None:  # SQLite: one writer; the count is seen at the end
            ImportBatch.objects.filter(pk=self.batch_id).update(rows_done=done)
            return
        with self.side.cursor() as cursor:  # autocommit: seen at once by the import page
            cursor.execute(PROGRESS_SQL, [done, self.batch_id])

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
