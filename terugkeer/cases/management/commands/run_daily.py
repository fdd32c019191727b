"""Enqueue the daily work of every organisation (for a daily cron; the worker runs it).

``manage.py run_daily [--date JJJJ-MM-DD]``; running it twice on one day enqueues nothing twice.
It also forgets the one-time form tokens too old to be submitted (``core.form_tokens``) and runs
the daily jobs the upper apps registered (``core.daily_jobs``: privacy's retention, the API's
purge of old idempotency keys).
The tasks are executed by ``manage.py db_worker`` (django-tasks-db).
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from terugkeer.cases.tasks import daily_tasks_enqueue
from terugkeer.core.daily_jobs import daily_jobs
from terugkeer.core.form_tokens import used_form_tokens_purge


class Command(BaseCommand):
    help = "Zet het dagelijkse werk (signalensamenvatting) van iedere organisatie in de wachtrij."

    def add_arguments(self, parser):
        parser.add_argument("--date", default=None, help="Datum (JJJJ-MM-DD); standaard vandaag.")

    def handle(self, *args, **options):
        try:
            today = (
                datetime.date.fromisoformat(options["date"])
                if options["date"]
                else timezone.localdate()
            )
        except ValueError as exc:
            raise CommandError(f"Ongeldige datum: {options['date']} (gebruik JJJJ-MM-DD).") from exc
        for organisation, new in daily_tasks_enqueue(today=today):
            state = "in de wachtrij gezet" if new else "stond vandaag al in de wachtrij"
            self.stdout.write(f"{organisation.name}: signalensamenvatting {state}")
        now = timezone.now()
        purged = used_form_tokens_purge(now=now)
        self.stdout.write(f"Verlopen formuliersleutels opgeruimd: {purged}")
        for _name, job in daily_jobs():
            for line in job(today):
                self.stdout.write(line)
