"""Invitations: a new or existing user gets a membership and a set-password link by e-mail.

The link uses Django's password-reset token machinery (one use: the token is void once the
password changes). Replaces adding existing users by id (issue 11).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from terugkeer.accounts import services
from terugkeer.accounts.models import Membership, Organisation, User
from terugkeer.core.roles import Role


def set_password_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:set_password", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def user_invite(
    *, organisation: Organisation, email: str, role: str, full_name: str = ""
) -> tuple[Membership, bool]:
    """Create the user (or reuse an existing one), grant the role and mail a set-password link."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(f"Ongeldig e-mailadres: {email}.") from exc
    if role not in Role.values:
        raise ValidationError(
            f"Onbekende rol \u201c{role}\u201d; kies uit: {', '.join(Role.values)}."
        )
    user = User.objects.filter(email=email).first()
    created = user is None
    if created:
        if not full_name.strip():
            raise ValidationError("Geef met --name de naam van een nieuwe gebruiker.")
        user = services.user_create(email=email, full_name=full_name.strip(), password=None)
    membership = services.membership_grant(user=user, organisation=organisation, role=Role(role))
    base_url = getattr(settings, "TERUGKEER_BASE_URL", "").rstrip("/")
    link = f"{base_url}{set_password_path(user)}"
    body = (
        f"Beste {user.full_name},\n\n"
        f"U bent uitgenodigd voor Terugkeer bij {organisation.name} als "
        f"{membership.get_role_display().lower()}.\n\n"
        f"Stel via deze link uw wachtwoord in:\n  {link}\n\n"
        "De link werkt één keer. Daarna logt u in met uw e-mailadres en wachtwoord en stelt u "
        "de tweestapsverificatie in met een authenticator-app.\n\n"
        "Verwachtte u deze uitnodiging niet? Dan kunt u dit bericht negeren.\n"
    )
    message = EmailMessage(
        subject=f"Uitnodiging voor Terugkeer – {organisation.name}", body=body, to=[user.email]
    )
    message.send()
    return membership, created
