"""Background tasks (django-tasks, run by the database worker): daily signals, large imports."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from terugkeer.accounts.models import Organisation
from terugkeer.cases.signal_services import signal_digest_send


@task()
def signal_digest_task(organisation_id: int, today: str | None = None) -> int:
    """Send the signal digest of one organisation; ``today`` as ISO date (JSON-serialisable).

    Returns the number of mails sent.
    """
    organisation = Organisation.objects.get(pk=organisation_id)
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return signal_digest_send(organisation=organisation, today=day)


@task()
def notification_import_task(batch_id: int, user_id: int | None, valid_only: bool) -> str:
    """Confirm a large import file (queued by ``import_worker.import_enqueue``); idempotent."""
    from terugkeer.cases.import_worker import import_run_queued

    return import_run_queued(batch_id, user_id, valid_only)


def daily_tasks_enqueue(*, today: datetime.date) -> list[tuple[Organisation, bool]]:
    """Enqueue each organisation's daily work for ``today``, at most once per organisation a day.

    Returns (organisation, newly enqueued) pairs. A second run the same day finds the task
    already in the database queue (django-tasks-db) and enqueues nothing.
    """
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    task_path = signal_digest_task.module_path
    day = today.isoformat()
    result = []
    for organisation in Organisation.objects.order_by("name", "pk"):
        with transaction.atomic():
            Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
            already = any(
                row.args_kwargs.get("kwargs") == {"organisation_id": organisation.pk, "today": day}
                for row in DBTaskResult.objects.filter(task_path=task_path).only("args_kwargs")
            )
            if not already:
                signal_digest_task.enqueue(organisation_id=organisation.pk, today=day)
        result.append((organisation, not already))
    return result
