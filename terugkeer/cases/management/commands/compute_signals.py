"""Compute today's signals: print the counts per organisation, optionally mail the digests.

Meant for a daily cron (``manage.py compute_signals --send-digest``). The digest is internal
mail to each coordinator about their own trajectories; it names clients by display name only
(no BSN, birth date, address or notes). See ``terugkeer.cases.signal_services``.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from terugkeer.accounts.models import Organisation
from terugkeer.cases.signal_services import signal_counts, signal_digest_send


class Command(BaseCommand):
    help = "Tel de signalen per organisatie en verstuur desgewenst de dagelijkse samenvatting."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Rekendatum (JJJJ-MM-DD); standaard vandaag.", default=None
        )
        parser.add_argument(
            "--organisation", type=int, default=None, help="Alleen deze organisatie (id)."
        )
        parser.add_argument(
            "--send-digest",
            action="store_true",
            help="Mail iedere coördinator de signalen van zijn of haar trajecten.",
        )

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
            counts = signal_counts(organisation=organisation, today=today)
            total = sum(counts.values())
            self.stdout.write(f"{organisation.name}: {total} signalen op {today:%d-%m-%Y}")
            for code, count in sorted(counts.items()):
                self.stdout.write(f"  {code}: {count}")
            if options["send_digest"]:
                sent = signal_digest_send(organisation=organisation, today=today)
                self.stdout.write(f"  e-mails verstuurd: {sent}")
