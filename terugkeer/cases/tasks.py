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
