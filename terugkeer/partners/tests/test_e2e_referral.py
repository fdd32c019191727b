"""End to end: the coordinator refers a case warmly to Exodus, records the acceptance and sees
the casusregie change on the dossier; axe finds no serious violations on these pages."""

import pytest

from terugkeer.accounts.tests.factories import TEST_PASSWORD, MembershipFactory
from terugkeer.accounts.tests.test_login import current_code
from terugkeer.cases.choices import CaseLead, TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.e2e_support import screenshot, serious_accessibility_violations
from terugkeer.partners.choices import PartnerKind
from terugkeer.partners.tests.factories import ContactPersonFactory, PartnerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


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


def test_refer_to_exodus_accept_and_see_the_casusregie_change(page):
    trajectory = TrajectoryFactory(status=TrajectoryStatus.PLAN)
    client = trajectory.client
    client.first_names, client.prefix, client.surname = "Dennis", "", "Verhoef"
    client.save()
    exodus = PartnerFactory(
        organisation=trajectory.organisation, name="Exodus Zuid-Holland", kind=PartnerKind.EXODUS
    )
    ContactPersonFactory(partner=exodus, full_name="Petra de Wit")
    coordinator = MembershipFactory(
        organisation=trajectory.organisation, role=Role.COORDINATOR
    ).user

    _log_in(page, coordinator)
    page.goto(f"/ketenpartners/traject/{trajectory.pk}/")
    assert "nazorgcoördinator" in page.get_by_test_id("case-lead").inner_text()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Verwijzen (warme overdracht)").click()
    page.get_by_role("combobox", name="Ketenpartner").select_option(label="Exodus Zuid-Holland")
    page.get_by_role("combobox", name="Contactpersoon").select_option(
        label="Petra de Wit (Exodus Zuid-Holland)"
    )
    page.get_by_label("Reden van verwijzing").fill("Begeleid wonen na de vrijlating.")
    page.get_by_label("Wat is overgedragen").fill("Plan van aanpak en het D&R-plan.")
    page.get_by_role("combobox", name="Wie neemt de casusregie").select_option(label="Exodus")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "partners-01-referral-form")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De verwijzing is vastgelegd als verstuurd.").wait_for()

    page.get_by_role("link", name="Exodus Zuid-Holland").click()
    page.get_by_role("combobox", name="Nieuwe status").select_option(label="geaccepteerd")
    page.get_by_role("button", name="Stap vastleggen").click()
    page.get_by_text("De stap van de verwijzing is vastgelegd.").wait_for()
    assert page.get_by_test_id("case-lead").inner_text() == "Exodus"
    assert serious_accessibility_violations(page) == []
    screenshot(page, "partners-02-referral-accepted")

    page.goto(f"/ketenpartners/traject/{trajectory.pk}/")
    assert "Exodus" in page.get_by_test_id("case-lead").inner_text()
    assert Trajectory.objects.get(pk=trajectory.pk).lead == CaseLead.EXODUS
