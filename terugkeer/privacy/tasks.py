"""Retention's background work: the daily run of each organisation's rules (django-tasks)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django_tasks import task

from terugkeer.accounts.models import Organisation


@task()
def retention_task(organisation_id: int, today: str) -> int:
    """Run the organisation's confirmed retention rules for ``today`` (ISO); clients done."""
    from terugkeer.privacy.retention_services import retention_run_due

    runs = retention_run_due(
        organisation_id=organisation_id, today=datetime.date.fromisoformat(today)
    )
    return sum(run.client_count for run in runs)


def retention_enqueue(today: datetime.date) -> list[str]:
    """The daily job: enqueue the retention run of each organisation with a confirmed rule,
    at most once a day (a second ``run_daily`` finds it in the queue)."""
    from django_tasks_db.models import DBTaskResult

    from terugkeer.privacy.models_retention import RetentionRule

    day = today.isoformat()
    lines = []
    organisations = Organisation.objects.filter(
        pk__in=RetentionRule.objects.filter(active=True, confirmed_by__isnull=False).values(
            "organisation_id"
        )
    ).order_by("name", "pk")
    for organisation in organisations:
        kwargs = {"organisation_id": organisation.pk, "today": day}
        with transaction.atomic():
            Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
            already = any(
                row.args_kwargs.get("kwargs") == kwargs
                for row in DBTaskResult.objects.filter(task_path=retention_task.module_path).only(
                    "args_kwargs"
                )
            )
            if not already:
                retention_task.enqueue(**kwargs)
        state = "stond vandaag al in de wachtrij" if already else "in de wachtrij gezet"
        lines.append(f"{organisation.name}: bewaartermijnen {state}")
    return lines
