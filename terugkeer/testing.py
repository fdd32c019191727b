"""Helpers shared by the tests of every app (imported by the root conftest and by tests)."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from terugkeer.accounts.services import ACTIVE_ORGANISATION_SESSION_KEY


def login_verified(client: Client, user, organisation=None) -> Client:
    """Log ``user`` in as if they passed password and second factor (and chose ``organisation``)."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    if organisation is not None:
        session[ACTIVE_ORGANISATION_SESSION_KEY] = organisation.pk
    session.save()
    return client


def new_form_token() -> str:
    """A fresh one-time token, as a create form carries it (``terugkeer.core.forms``)."""
    from terugkeer.core.forms import new_form_token as issue

    return issue()
