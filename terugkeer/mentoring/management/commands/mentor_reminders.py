"""Send the weekly reminder to mentors with an open report (a weekly cron).

Only for organisations that switched the reminder on; the mail holds no personal data.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from terugkeer.accounts.models import Organisation
from terugkeer.mentoring.reminders import mentor_reminders_send


class Command(BaseCommand):
    help = "Stuur mentoren met een openstaand gespreksverslag de wekelijkse herinnering."

    def add_arguments(self, parser):
        parser.add_argument("--date", default=None, help="Rekendatum (JJJJ-MM-DD).")
        parser.add_argument("--organisation", type=int, default=None, help="Alleen deze (id).")

    def handle(self, *args, **options):
        try:
            today = (
                datetime.date.fromisoformat(options["date"])
                if options["date"]
                else timezone.localdate()
            )
        except ValueError as exc:
            raise CommandError(f"Ongeldige datum: {options['date']}") from exc
        organisations = Organisation.objects.order_by("name", "pk")
        if options["organisation"] is not None:
            organisations = organisations.filter(pk=options["organisation"])
        for organisation in organisations:
            sent = mentor_reminders_send(organisation=organisation, today=today)
            self.stdout.write(f"{organisation.name}: {sent} herinneringen verstuurd")
