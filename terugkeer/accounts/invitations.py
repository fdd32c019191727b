"""Invitations: a functional admin invites an e-mail address to the organisation with a role.

Invitations replace adding existing users by id (issue 11): nobody joins an organisation until
the invitee accepts through the mailed link. The link carries a token signed with the site's key
that names the invitation; it works once (``accepted_at``, set under a row lock) and until
``expires_at``. An existing account accepts while logged in as that account (password and second
factor); a new address creates its account on acceptance by choosing a password, then sets up the
second factor at its first login, as every new user does. The admin is never told whether the
address already has an account.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone

from terugkeer.accounts import services
from terugkeer.accounts.models import Invitation, Membership, Organisation, User
from terugkeer.core.roles import Role

INVITATION_VALID_FOR = datetime.timedelta(days=7)
_SIGNER = signing.Signer(salt="terugkeer.accounts.invitation")

LINK_INVALID = (
    "Deze uitnodigingslink is ongeldig. Controleer of u de hele link uit de e-mail gebruikt."
)
LINK_USED = (
    "Deze uitnodiging is al gebruikt en werkt maar één keer. Log in met uw e-mailadres en "
    "wachtwoord, of vraag de functioneel beheerder om een nieuwe uitnodiging."
)
LINK_EXPIRED = (
    "Deze uitnodiging is verlopen op {date}. Vraag de functioneel beheerder om een nieuwe "
    "uitnodiging."
)
OTHER_ACCOUNT = (
    "Deze uitnodiging is voor {email}, maar u bent ingelogd als {current}. Log uit en log in "
    "als {email} om de uitnodiging te aanvaarden."
)
ACCOUNT_EXISTS = (
    "Er bestaat al een account voor {email}. Log in met dat account om de uitnodiging te "
    "aanvaarden."
)


class InvitationRefused(Exception):
    """The link cannot be used (invalid, used or expired); ``message`` says why, in Dutch."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def invitation_token(invitation: Invitation) -> str:
    return _SIGNER.sign(str(invitation.pk))


def invitation_path(invitation: Invitation) -> str:
    return reverse("accounts:invitation_accept", kwargs={"token": invitation_token(invitation)})


def _normalised_email(email: str) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": f"Ongeldig e-mailadres: {email}."}) from exc
    return email


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, invited_by: User | None = None
) -> Invitation:
    """Record an invitation and mail its link; an earlier open one to the address lapses."""
    email = _normalised_email(email)
    if role not in Role.values:
        raise ValidationError(
            {"role": f"Onbekende rol \u201c{role}\u201d; kies uit: {', '.join(Role.values)}."}
        )
    if Membership.objects.filter(
        organisation=organisation, user__email=email, is_active=True
    ).exists():
        raise ValidationError({"email": f"{email} is al lid van {organisation.name}."})
    now = timezone.now()
    Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=invited_by,
        expires_at=now + INVITATION_VALID_FOR,
    )
    # Sent inside the transaction: a mail server that refuses leaves no invitation behind.
    _send(invitation)
    return invitation


def _send(invitation: Invitation) -> None:
    base_url = getattr(settings, "TERUGKEER_BASE_URL", "").rstrip("/")
    link = f"{base_url}{invitation_path(invitation)}"
    until = formats.date_format(timezone.localtime(invitation.expires_at), "j F Y H:i")
    body = (
        "Beste,\n\n"
        f"U bent uitgenodigd voor Terugkeer bij {invitation.organisation.name} als "
        f"{invitation.get_role_display().lower()}.\n\n"
        f"Aanvaard de uitnodiging via deze link:\n  {link}\n\n"
        f"De link werkt één keer en is geldig tot {until}. Heeft u al een account, dan logt u "
        "eerst in. Anders kiest u een wachtwoord en stelt u bij de eerste keer inloggen de "
        "tweestapsverificatie in met een authenticator-app.\n\n"
        "Verwachtte u deze uitnodiging niet? Dan kunt u dit bericht negeren.\n"
    )
    EmailMessage(
        subject=f"Uitnodiging voor Terugkeer – {invitation.organisation.name}",
        body=body,
        to=[invitation.email],
    ).send()


def _checked(invitation: Invitation | None, *, now: datetime.datetime) -> Invitation:
    if invitation is None:
        raise InvitationRefused(LINK_INVALID)
    if invitation.accepted_at is not None:
        raise InvitationRefused(LINK_USED)
    if invitation.expires_at <= now:
        date = formats.date_format(timezone.localtime(invitation.expires_at), "j F Y H:i")
        raise InvitationRefused(LINK_EXPIRED.format(date=date))
    return invitation


def _invitation_id(token: str) -> int | None:
    try:
        return int(_SIGNER.unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def invitation_for_token(token: str) -> Invitation:
    """The open invitation the link names, or :class:`InvitationRefused` with the reason."""
    pk = _invitation_id(token)
    invitation = (
        Invitation.objects.select_related("organisation").filter(pk=pk).first()
        if pk is not None
        else None
    )
    return _checked(invitation, now=timezone.now())


def _locked(token: str) -> Invitation:
    pk = _invitation_id(token)
    invitation = (
        Invitation.objects.select_for_update().filter(pk=pk).first() if pk is not None else None
    )
    return _checked(invitation, now=timezone.now())


def invitation_has_account(invitation: Invitation) -> bool:
    return User.objects.filter(email=invitation.email).exists()


@transaction.atomic
def invitation_accept_existing(*, token: str, user: User) -> Membership:
    """The logged-in ``user`` accepts: the membership exists from now on; the link is spent."""
    invitation = _locked(token)
    if user.email.lower() != invitation.email:
        raise InvitationRefused(OTHER_ACCOUNT.format(email=invitation.email, current=user.email))
    membership = services.membership_grant(
        user=user, organisation=invitation.organisation, role=Role(invitation.role)
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    return membership


@transaction.atomic
def invitation_accept_new(*, token: str, full_name: str, password: str) -> Membership:
    """A new address accepts: its account is created with ``password`` and the membership."""
    invitation = _locked(token)
    if invitation_has_account(invitation):
        raise InvitationRefused(ACCOUNT_EXISTS.format(email=invitation.email))
    full_name = full_name.strip()
    if not full_name:
        raise ValidationError({"full_name": "Vul uw naam in."})
    password_validation.validate_password(
        password, user=User(email=invitation.email, full_name=full_name)
    )
    user = services.user_create(email=invitation.email, full_name=full_name, password=password)
    membership = services.membership_grant(
        user=user, organisation=invitation.organisation, role=Role(invitation.role)
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    return membership
