import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from terugkeer.accounts.services import totp_demo_code
from terugkeer.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from terugkeer.core.roles import Role
from terugkeer.testing import login_verified

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def _password_login(client: Client, email: str, password: str = TEST_PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_password_alone_reaches_only_the_second_factor_page():
    membership = MembershipFactory(role=Role.COORDINATOR)
    client = Client()
    response = _password_login(client, membership.user.email)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor"))
    for name in ["core:home", "accounts:choose_organisation", "admin:index"]:
        blocked = client.get(reverse(name))
        assert (blocked.status_code, blocked.url) == (302, reverse("accounts:two_factor"))
    assert client.get(reverse("accounts:two_factor")).status_code == 200


def test_correct_code_completes_the_login_and_shows_the_dutch_home_page():
    membership = MembershipFactory(role=Role.COORDINATOR)
    device = TOTPDevice.objects.get(user=membership.user)
    client = Client()
    _password_login(client, membership.user.email)
    response = client.post(reverse("accounts:two_factor"), {"token": current_code(device)})
    assert (response.status_code, response.url) == (302, reverse("core:home"))
    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    content = home.content.decode()
    assert "Welkom" in content and membership.organisation.name in content
    assert "Nazorgcoördinator / casemanager" in content


def test_wrong_code_is_refused_with_a_dutch_message():
    membership = MembershipFactory()
    device = TOTPDevice.objects.get(user=membership.user)
    client = Client()
    _password_login(client, membership.user.email)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:two_factor"), {"token": wrong})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(reverse("core:home")).url == reverse("accounts:two_factor")


def test_a_code_cannot_be_used_twice():
    membership = MembershipFactory()
    device = TOTPDevice.objects.get(user=membership.user)
    code = current_code(device)
    first = Client()
    _password_login(first, membership.user.email)
    assert first.post(reverse("accounts:two_factor"), {"token": code}).status_code == 302
    second = Client()
    _password_login(second, membership.user.email)
    assert second.post(reverse("accounts:two_factor"), {"token": code}).status_code == 200


def test_first_login_enrols_an_authenticator_with_a_qr_code():
    user = UserFactory(with_device=False)
    MembershipFactory(user=user)
    client = Client()
    _password_login(client, user.email)
    assert client.get(reverse("accounts:two_factor")).url == reverse("accounts:two_factor_setup")
    page = client.get(reverse("accounts:two_factor_setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:two_factor_setup"), {"token": current_code(device)})
    assert response.url == reverse("core:home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("core:home")).status_code == 200


def test_lockout_after_the_configured_number_of_failures(settings):
    membership = MembershipFactory()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        failed = _password_login(client, membership.user.email, "verkeerd-wachtwoord")
        assert failed.status_code == 200
        assert "onbekend" in failed.content.decode()
    last = _password_login(client, membership.user.email, "verkeerd-wachtwoord")
    assert last.status_code == 429
    # Now even the right password is refused, with the Dutch lockout page.
    locked = _password_login(client, membership.user.email)
    assert locked.status_code == 429
    assert "tijdelijk geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_demo_code_is_only_shown_in_demo_mode(settings):
    membership = MembershipFactory()
    device = TOTPDevice.objects.get(user=membership.user)
    settings.TWO_FACTOR_DEMO_MODE = False
    assert totp_demo_code(device) is None
    settings.TWO_FACTOR_DEMO_MODE = True
    assert totp_demo_code(device) == current_code(device)


def test_demo_mode_is_refused_outside_debug_with_the_embedded_database():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            "DJANGO_SETTINGS_MODULE": "terugkeer.config.settings",
            "SECRET_KEY": "x",
            "TERUGKEER_TWO_FACTOR_DEMO": "1",
            "TERUGKEER_DEBUG": "0",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "TERUGKEER_TWO_FACTOR_DEMO is only allowed" in result.stderr


def test_switching_organisation_changes_the_scope():
    user = UserFactory()
    first = MembershipFactory(user=user, role=Role.COORDINATOR).organisation
    second = MembershipFactory(user=user, role=Role.FUNCTIONAL_ADMIN).organisation
    client = login_verified(Client(), user)
    assert client.get(reverse("core:home")).url == reverse("accounts:choose_organisation")
    client.post(reverse("accounts:choose_organisation"), {"organisation": first.pk})
    assert client.get(reverse("accounts:organisation_settings")).status_code == 403
    client.post(reverse("accounts:choose_organisation"), {"organisation": second.pk})
    page = client.get(reverse("accounts:organisation_settings"))
    assert page.status_code == 200
    assert second.name in page.content.decode()


def test_choosing_an_organisation_one_is_not_a_member_of_is_refused():
    membership = MembershipFactory()
    stranger = MembershipFactory().organisation
    client = login_verified(Client(), membership.user)
    response = client.post(reverse("accounts:choose_organisation"), {"organisation": stranger.pk})
    assert response.status_code == 403
    home = client.get(reverse("core:home"))
    assert membership.organisation.name in home.content.decode()
    assert stranger.name not in home.content.decode()


def test_session_expires_after_the_idle_time(settings):
    import datetime

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from terugkeer.testing import login_verified

    membership = MembershipFactory()
    client = login_verified(Client(), membership.user)
    assert client.get(reverse("core:home")).status_code == 200
    # Each request pushes the expiry 30 idle minutes ahead.
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = session.expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < remaining <= datetime.timedelta(minutes=30)
    # Idle for longer than that: the session is gone and the login page follows.
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("core:home"))
    assert response.url.startswith(reverse("accounts:login"))
