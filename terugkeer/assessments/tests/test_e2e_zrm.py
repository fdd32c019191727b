"""End-to-end: enter a 0-meting and a 1-meting in the browser and see the progress chart."""

import pytest

from terugkeer.accounts.tests.factories import TEST_PASSWORD, MembershipFactory
from terugkeer.accounts.tests.test_login import current_code
from terugkeer.assessments.tests.factories import ensure_instruments
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.e2e_support import screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _log_in(page, membership) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=membership.user)
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(membership.user.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("heading", name="Welkom", exact=False).wait_for()


def _score(page, domain: str, level: str) -> None:
    page.get_by_test_id(f"domain-{domain}").get_by_label(level, exact=False).check()


def test_coordinator_enters_two_measurements_and_sees_progress(page):
    ensure_instruments()  # an earlier transactional test's flush removed the migration's rows
    membership = MembershipFactory(role=Role.COORDINATOR)
    trajectory = TrajectoryFactory(
        client=ClientFactory(organisation=membership.organisation, surname="Voorbeeld"),
        in_contact=True,
    )
    _log_in(page, membership)

    page.goto(f"/metingen/traject/{trajectory.pk}/zrm/nieuw/")
    page.get_by_label("Datum van de meting").fill("2026-01-12")
    page.get_by_label("Soort meting").select_option("0-meting")
    _score(page, "financien", "2 niet zelfredzaam")
    _score(page, "huisvesting", "1 acute problematiek")
    _score(page, "justitie", "3 beperkt zelfredzaam")
    # Keyboard: the arrow key moves within a domain's radio group.
    work = page.get_by_test_id("domain-werk-opleiding")
    work.get_by_label("2 niet zelfredzaam", exact=False).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert work.get_by_label("3 beperkt zelfredzaam", exact=False).is_checked()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "assessments-01-zrm-0-meting")
    page.get_by_role("button", name="Meting opslaan").click()
    page.get_by_text("De ZRM-meting is opgeslagen.").wait_for()

    page.get_by_role("link", name="Nieuwe ZRM-meting").click()
    page.get_by_label("Datum van de meting").fill("2026-07-20")
    page.get_by_label("Soort meting").select_option("1-meting")
    _score(page, "financien", "4 voldoende zelfredzaam")
    _score(page, "huisvesting", "4 voldoende zelfredzaam")
    _score(page, "justitie", "3 beperkt zelfredzaam")
    _score(page, "werk-opleiding", "2 niet zelfredzaam")
    page.get_by_role("button", name="Meting opslaan").click()
    page.get_by_text("De ZRM-meting is opgeslagen.").wait_for()

    chart = page.get_by_test_id("zrm-chart")
    chart.locator("svg").wait_for()
    assert page.get_by_test_id("zrm-improved").inner_text() == "2"
    assert page.get_by_test_id("zrm-equal").inner_text() == "1"
    assert page.get_by_test_id("zrm-worse").inner_text() == "1"
    assert (
        chart.locator('[data-domain="huisvesting"][data-which="latest"]').get_attribute(
            "data-score"
        )
        == "4"
    )
    totals = page.get_by_test_id("measurement-total").all_inner_texts()
    assert totals == ["9 (4 domeinen gescoord)", "13 (4 domeinen gescoord)"]
    assert serious_accessibility_violations(page) == []
    screenshot(page, "assessments-02-zrm-progress")
