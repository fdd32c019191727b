"""Invite a person: ``manage.py user_invite --organisation … --email … --role … [--name …]``.

Creates the user (or adds a membership for an existing one) and mails a set-password link.
``--organisation`` is the organisation's name or id.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from terugkeer.accounts.invitations import user_invite
from terugkeer.accounts.models import Organisation
from terugkeer.core.roles import Role


def organisation_named(value: str) -> Organisation:
    organisation = Organisation.objects.filter(name__iexact=value.strip()).first()
    if organisation is None and value.strip().isdigit():
        organisation = Organisation.objects.filter(pk=int(value)).first()
    if organisation is None:
        raise CommandError(f"Onbekende organisatie: {value}.")
    return organisation


class Command(BaseCommand):
    help = "Nodig iemand uit voor een organisatie en mail een link om het wachtwoord in te stellen."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="Naam of id van de organisatie.")
        parser.add_argument("--email", required=True, help="E-mailadres.")
        parser.add_argument("--role", required=True, help="Rol: " + ", ".join(Role.values) + ".")
        parser.add_argument(
            "--name", default="", help="Naam (verplicht voor een nieuwe gebruiker)."
        )

    def handle(self, *args, **options):
        organisation = organisation_named(options["organisation"])
        try:
            membership, created = user_invite(
                organisation=organisation,
                email=options["email"],
                role=options["role"],
                full_name=options["name"],
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        what = "Nieuwe gebruiker" if created else "Bestaande gebruiker"
        self.stdout.write(
            f"{what} {membership.user.email} is {membership.get_role_display().lower()} "
            f"bij {organisation.name}; uitnodiging verstuurd."
        )
