"""Create an API client: ``manage.py api_client_create --organisation SLUG --scopes --name``.

Prints ``client_id=...`` and ``client_secret=...``, each on its own line; the secret is stored
hashed and cannot be shown again.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from terugkeer.accounts.models import Organisation
from terugkeer.api.services import api_client_create, scopes_parse


def organisation_named(value: str) -> Organisation | None:
    """By slug of its name ("gemeente-westland"), its exact name, or its id."""
    for organisation in Organisation.objects.order_by("pk"):
        if value in (slugify(organisation.name), organisation.name, str(organisation.pk)):
            return organisation
    return None


class Command(BaseCommand):
    help = "Maakt een API-koppeling (OAuth2 client credentials) voor een organisatie."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="slug van de organisatie")
        parser.add_argument("--scopes", required=True, help="bijv. read:casework,write:intake")
        parser.add_argument("--name", required=True, help="naam van de koppeling")
        parser.add_argument("--days", type=int, default=365, help="geldigheid in dagen")

    def handle(self, *args, **options):
        organisation = organisation_named(options["organisation"])
        if organisation is None:
            raise CommandError(f"Onbekende organisatie: {options['organisation']}")
        try:
            created = api_client_create(
                organisation=organisation,
                name=options["name"],
                scopes=scopes_parse(options["scopes"]),
                days=options["days"],
            )
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        self.stdout.write(f"client_id={created.client_id}")
        self.stdout.write(f"client_secret={created.client_secret}")
