"""Writes of the api app: creating API clients."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model

from terugkeer.accounts.models import Organisation, User
from terugkeer.api.models import SCOPES, ApiClient


@dataclass(frozen=True)
class CreatedClient:
    api_client: ApiClient
    client_id: str
    client_secret: str  # in plain text: shown once, only its hash is stored


def scopes_parse(text: str) -> list[str]:
    """``read:casework,write:intake`` as a list; an unknown scope is refused in Dutch."""
    scopes = [part.strip() for part in text.split(",") if part.strip()]
    unknown = sorted(set(scopes) - SCOPES)
    if unknown:
        raise ValidationError(
            _("Onbekende rechten: %(unknown)s (kies uit %(known)s).")
            % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(SCOPES))},
            code="scopes",
        )
    if not scopes:
        raise ValidationError(_("Geef ten minste één recht op."), code="scopes")
    return list(dict.fromkeys(scopes))


@transaction.atomic
def api_client_create(
    *, organisation: Organisation, name: str, scopes: list[str], days: int = 365
) -> CreatedClient:
    """An API client with its OAuth2 application (client credentials) and service user."""
    if days < 1:
        raise ValidationError(_("Het aantal dagen moet ten minste 1 zijn."), code="days")
    if ApiClient.objects.filter(organisation=organisation, name=name).exists():
        raise ValidationError(
            _("Deze organisatie heeft al een koppeling met de naam '%(name)s'.") % {"name": name},
            code="name",
        )
    scopes = scopes_parse(",".join(scopes))
    service_user = User.objects.create_user(
        email=f"api-{secrets.token_hex(8)}@api.terugkeer.invalid",
        password=None,
        full_name=f"API: {name}"[:200],
    )
    application_model = get_application_model()
    plain_secret = generate_client_secret()
    application = application_model(
        name=f"{organisation.name}: {name}"[:255],
        client_type=application_model.CLIENT_CONFIDENTIAL,
        authorization_grant_type=application_model.GRANT_CLIENT_CREDENTIALS,
        client_secret=plain_secret,  # hashed when saved
        hash_client_secret=True,
        skip_authorization=True,
    )
    application.full_clean(exclude=["user"])
    application.save()
    api_client = ApiClient.objects.create(
        organisation=organisation,
        name=name,
        scopes=scopes,
        expires_at=timezone.now() + datetime.timedelta(days=days),
        application=application,
        service_user=service_user,
    )
    return CreatedClient(api_client, application.client_id, plain_secret)
