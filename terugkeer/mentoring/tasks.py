"""Background tasks (django-tasks, run by the database worker) of the mentoring app."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from terugkeer.accounts.models import Organisation
from terugkeer.mentoring.reminders import mentor_reminders_send


@task()
def mentor_reminders_task(organisation_id: int, today: str | None = None) -> int:
    """Send one organisation's weekly mentor reminders; ``today`` as ISO date."""
    organisation = Organisation.objects.get(pk=organisation_id)
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return mentor_reminders_send(organisation=organisation, today=day)
