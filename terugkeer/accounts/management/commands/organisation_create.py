"""Set up a new organisation without the demo or a browser.

``manage.py organisation_create --name "Gemeente X" --kind gemeente --municipality GM0363
[--municipality …] [--aftercare-months 3]``
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from terugkeer.accounts import services
from terugkeer.accounts.choices import OrganisationKind


class Command(BaseCommand):
    help = "Maak een nieuwe organisatie aan met de gemeenten die zij bedient."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Naam van de organisatie.")
        parser.add_argument(
            "--kind",
            default=OrganisationKind.MUNICIPALITY,
            help="Soort: " + ", ".join(OrganisationKind.values) + ".",
        )
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            dest="municipalities",
            help="CBS-code van een bediende gemeente (GM0000); mag vaker.",
        )
        parser.add_argument(
            "--aftercare-months",
            type=int,
            default=3,
            help="Duur van de nazorg na vrijlating in maanden (1–24).",
        )

    def handle(self, *args, **options):
        try:
            organisation = services.organisation_create_by_codes(
                name=options["name"],
                kind=options["kind"],
                municipality_codes=options["municipalities"],
                aftercare_months=options["aftercare_months"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        names = ", ".join(
            f"{m.name} ({m.cbs_code})" for m in organisation.municipalities.order_by("cbs_code")
        )
        self.stdout.write(f"Organisatie aangemaakt: {organisation.name} (id {organisation.pk})")
        self.stdout.write(f"  soort: {organisation.get_kind_display()}")
        self.stdout.write(f"  gemeenten: {names or 'geen'}")
        self.stdout.write(f"  duur nazorg: {organisation.aftercare_months} maanden")
