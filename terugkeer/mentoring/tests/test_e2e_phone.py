"""End-to-end on a phone-sized viewport: a mentor files a report, the casemanager answers it,
the mentor sees the answer; axe finds no serious violations on the mentor's pages."""

import datetime

import pytest
from django.utils import timezone

from terugkeer.accounts.tests.factories import TEST_PASSWORD, MembershipFactory
from terugkeer.accounts.tests.test_login import current_code
from terugkeer.cases.plan_services import goal_create
from terugkeer.core.roles import Role
from terugkeer.e2e_support import screenshot, serious_accessibility_violations
from terugkeer.mentoring.tests.factories import MentorMatchFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}


def _log_in(page, user) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user)
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("heading", name="Welkom", exact=False).wait_for()


def test_a_mentor_reports_on_a_phone_and_sees_the_casemanagers_answer(page, browser, live_server):
    page.set_viewport_size(PHONE)
    match = MentorMatchFactory()
    participant = match.trajectory.client
    participant.first_names, participant.surname = "Ricardo", "Lont"
    participant.save()
    goal_create(trajectory=match.trajectory, description="Elke week naar de kringloop")
    casemanager = MembershipFactory(organisation=match.organisation, role=Role.COORDINATOR).user
    mentor = match.mentor.user
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    _log_in(page, mentor)
    page.get_by_role("link", name="Mijn deelnemers").first.click()
    page.get_by_role("link", name="Ricardo Lont", exact=True).click()
    page.get_by_text("Elke week naar de kringloop").wait_for()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "mentoring-01-participant-phone")
    page.get_by_role("link", name="Verslag invullen").click()
    page.get_by_label("Datum van het contact").fill(yesterday.isoformat())
    page.get_by_label("wandeling of activiteit").check()
    page.get_by_label("redelijk").check()
    page.get_by_label("Verslag", exact=True).fill("Samen gewandeld, hij slaapt slecht.")
    page.get_by_label("Ik wil graag contact met de casemanager").check()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "mentoring-02-report-form-phone")
    page.get_by_role("button", name="Verslag versturen").click()
    page.get_by_text("Uw verslag is verstuurd naar de casemanager.").wait_for()

    # The casemanager, at a desk in a browser of their own.
    desk = browser.new_context(base_url=live_server.url, locale="nl-NL")
    office = desk.new_page()
    office.set_default_timeout(15_000)
    _log_in(office, casemanager)
    office.goto("/mentoring/verslagen/")
    office.get_by_role("link", name="Ricardo Lont", exact=False).click()
    office.get_by_label("Reactie aan de mentor").fill("Goed gedaan. Ik bel hem over de huisarts.")
    office.get_by_role("button", name="Reactie opslaan").click()
    office.get_by_text("Uw reactie is opgeslagen; de mentor ziet hem.").wait_for()
    desk.close()

    page.goto("/")
    page.get_by_role("link", name="Mijn verslagen").first.click()
    feedback = page.get_by_test_id("feedback")
    feedback.wait_for()
    assert "Ik bel hem over de huisarts." in feedback.inner_text()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "mentoring-03-feedback-phone")
