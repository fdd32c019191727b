"""Invite a person: ``manage.py user_invite --organisation … --email … --role … [--name …]``.

Records an invitation and mails its link (``accounts.invitations``): an existing account accepts
while logged in, a new address creates its account on acceptance. No membership exists before.
``--organisation`` is the organisation's name or id. ``--name`` is accepted for old scripts and
ignored: the invitee gives their own name.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from terugkeer.accounts.invitations import invitation_create
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
    help = "Nodig iemand uit voor een organisatie en mail een link om de uitnodiging te aanvaarden."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="Naam of id van de organisatie.")
        parser.add_argument("--email", required=True, help="E-mailadres.")
        parser.add_argument("--role", required=True, help="Rol: " + ", ".join(Role.values) + ".")
        parser.add_argument(
            "--name", default="", help="Genegeerd: de genodigde vult de eigen naam in."
        )

    def handle(self, *args, **options):
        organisation = organisation_named(options["organisation"])
        try:
            invitation = invitation_create(
                organisation=organisation, email=options["email"], role=options["role"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        until = timezone.localtime(invitation.expires_at)
        self.stdout.write(
            f"Uitnodiging verstuurd naar {invitation.email} voor {organisation.name} als "
            f"{invitation.get_role_display().lower()} (geldig tot {until:%Y-%m-%d})."
        )
