"""Load the synthetic demo data and print the demo logins.

Each app may have a ``demo.py`` with ``seed(context: dict) -> None``; they run in INSTALLED_APPS
order (lower layers first) in one transaction, sharing ``context`` (for instance the organisations
created by accounts). So this command imports no app above core.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def demo_modules():
    for config in apps.get_app_configs():
        if config.name.startswith("terugkeer.") and find_spec(f"{config.name}.demo"):
            yield import_module(f"{config.name}.demo")


class Command(BaseCommand):
    help = "Laadt synthetische demogegevens (Faker nl_NL) en toont de demo-logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Alleen laden als er nog geen gebruikers zijn; anders alleen de logins tonen.",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Startwaarde voor Faker.")

    def handle(self, *args, if_empty: bool, seed: int, **options):
        if get_user_model().objects.exists():
            if not if_empty:
                raise CommandError(
                    "De database bevat al gebruikers; demogegevens worden alleen in een lege "
                    "database geladen."
                )
            self.stdout.write("Demogegevens zijn al geladen.")
        else:
            context: dict = {"seed": seed, "stdout": self.stdout}
            with transaction.atomic():
                for module in demo_modules():
                    module.seed(context)
            self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        for module in demo_modules():
            if hasattr(module, "print_logins"):
                module.print_logins(self.stdout)
        if settings.TWO_FACTOR_DEMO_MODE:
            self.stdout.write(
                "Tweestapsverificatie in demomodus: de geldige code staat op de codepagina zelf.\n"
            )
        else:
            self.stdout.write(
                "Tweestapsverificatie: de demogebruikers hebben al een apparaat; zet "
                "TERUGKEER_TWO_FACTOR_DEMO=1 (alleen met de ingebouwde database) om de code op de "
                "codepagina te zien.\n"
            )
