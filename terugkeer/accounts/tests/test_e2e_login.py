"""End-to-end: log in with two factors in Debian's Chromium; accessibility of login and home."""

import pytest

from terugkeer.accounts.tests.factories import TEST_PASSWORD, MembershipFactory
from terugkeer.accounts.tests.test_login import current_code
from terugkeer.core.roles import Role
from terugkeer.e2e_support import screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_login_with_two_factor_lands_on_an_accessible_home_page(page):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    membership = MembershipFactory(role=Role.COORDINATOR, organisation__name="Lokale Kamer Demo")
    device = TOTPDevice.objects.get(user=membership.user)

    page.goto("/")
    assert page.title().startswith("Inloggen")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "01-login")

    page.get_by_label("E-mailadres").fill(membership.user.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.wait_for_url("**/tweestapsverificatie/**")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()

    page.get_by_role("heading", name="Welkom", exact=False).wait_for()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welkom")
    assert (
        page.get_by_test_id("active-organisation")
        .inner_text()
        .strip()
        .endswith("Lokale Kamer Demo")
    )
    assert serious_accessibility_violations(page) == []
    screenshot(page, "02-home-coordinator")

    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("heading", name="Inloggen").wait_for()


def test_functional_admin_edits_organisation_settings_in_the_browser(page):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    membership = MembershipFactory(role=Role.FUNCTIONAL_ADMIN)

    device = TOTPDevice.objects.get(user=membership.user)
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(membership.user.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("link", name="Organisatie-instellingen").click()
    page.get_by_label("duur nazorg na vrijlating (maanden)").fill("6")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De instellingen zijn opgeslagen.").wait_for()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "03-organisation-settings")
    membership.organisation.refresh_from_db()
    assert membership.organisation.aftercare_months == 6
