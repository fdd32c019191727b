"""End-to-end: a casemanager requests a measure on Bijlage 1, a colleague approves it, the PDF
downloads with both names, the payment shows on the klantreis; axe finds nothing serious."""

from pathlib import Path

import pytest
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.e2e_support import screenshot, serious_accessibility_violations
from terugkeer.interventions.tests.factories import InterventionTypeFactory
from terugkeer.mentoring.tests.test_e2e_phone import _log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_request_colleague_approves_pdf_and_payment_on_the_klantreis(page, browser, live_server):
    casemanager_membership = MembershipFactory(role=Role.COORDINATOR)
    organisation = casemanager_membership.organisation
    casemanager = casemanager_membership.user
    colleague = MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR).user
    trajectory = TrajectoryFactory(client__organisation=organisation, coordinator=casemanager)
    InterventionTypeFactory(organisation=organisation, name="Fiets in plaats van ov-abonnement")

    _log_in(page, casemanager)
    page.goto(f"/interventies/traject/{trajectory.pk}/")
    page.get_by_role("link", name="Alternatieve maatregel aanvragen").click()
    page.get_by_label("Soort interventie").select_option(label="Fiets in plaats van ov-abonnement")
    page.get_by_label("Bedrag (EUR)").fill("72,99")
    page.get_by_label("Korte situatieschets", exact=False).fill("Geen vervoer naar het werk.")
    page.get_by_label("Welke alternatieve maatregel is nodig", exact=False).fill("Een fiets.")
    page.get_by_label("Waarom is deze maatregel nodig", exact=False).fill("Goedkoper dan ov.")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "interventions-01-bijlage-1")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.get_by_role("link", name="Ondertekenen en indienen").click()
    page.get_by_role("button", name="Ondertekenen en ter goedkeuring indienen").click()
    page.get_by_test_id("request-status").get_by_text("aangevraagd").wait_for()
    detail_url = page.url

    desk = browser.new_context(base_url=live_server.url, locale="nl-NL")
    office = desk.new_page()
    office.set_default_timeout(15_000)
    _log_in(office, colleague)
    office.goto(detail_url)
    office.get_by_role("link", name="Beoordelen (tweede handtekening)").click()
    office.get_by_label("Goedkeuren (ondertekenen als collega)").check()
    assert serious_accessibility_violations(office) == []
    office.get_by_role("button", name="Besluit vastleggen").click()
    office.get_by_text("Uw besluit is vastgelegd.").wait_for()
    desk.close()

    page.goto(detail_url)
    page.get_by_test_id("request-status").get_by_text("goedgekeurd").wait_for()
    signatures = page.get_by_test_id("signatures").inner_text()
    assert casemanager.full_name in signatures and colleague.full_name in signatures
    assert serious_accessibility_violations(page) == []
    screenshot(page, "interventions-02-approved")
    with page.expect_download() as download:
        page.get_by_test_id("pdf-link").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"

    page.get_by_role("link", name="Betaling vastleggen").click()
    page.get_by_label("Bedrag (EUR)").fill("72,99")
    page.get_by_label("Betaald aan").fill("Fietsenwinkel")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De betaling is vastgelegd").wait_for()
    page.goto(f"/trajecten/{trajectory.pk}/klantreis/")
    page.get_by_role("heading", level=1).first.wait_for()
    journey = page.content()
    assert "Betaling: Fiets in plaats van ov-abonnement" in journey
    assert "72,99" in journey
    assert f"{timezone.localdate():%d-%m-%Y}" in journey
    screenshot(page, "interventions-03-klantreis")
