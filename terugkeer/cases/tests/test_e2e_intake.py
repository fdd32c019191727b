"""End-to-end: a coordinator imports the sample file and finds the new trajectories."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from terugkeer.accounts.tests.factories import (
    TEST_PASSWORD,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.accounts.tests.test_login import current_code
from terugkeer.cases.models import Trajectory
from terugkeer.cases.tests.test_intake_views import SAMPLE
from terugkeer.core.roles import Role
from terugkeer.detention.importing import parse_notification_file
from terugkeer.e2e_support import screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SAMPLE_MUNICIPALITIES = [
    ("Leidschendam-Voorburg", "GM1916"),
    ("Katwijk", "GM0537"),
    ("Haarlem", "GM0392"),
    ("Velsen", "GM0453"),
]


def log_in(page, user):
    device = TOTPDevice.objects.get(user=user)
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("heading", name="Welkom", exact=False).wait_for()


def test_coordinator_imports_the_sample_file_and_finds_the_deadlines(page):
    municipalities = [
        MunicipalityFactory(name=name, cbs_code=code) for name, code in SAMPLE_MUNICIPALITIES
    ]
    organisation = OrganisationFactory(name="Regio Test", municipalities=municipalities)
    user = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    begins = [
        row
        for row in parse_notification_file(SAMPLE.read_bytes(), SAMPLE.name).rows
        if row.kind == "begin"
    ]

    log_in(page, user)
    page.get_by_role("link", name="Meldingen importeren").first.click()
    page.get_by_label("Bestand met meldingen").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Bekijken").click()

    preview = page.get_by_test_id("import-preview")
    preview.wait_for()
    assert preview.locator("tbody tr").count() >= len(begins)
    assert serious_accessibility_violations(page) == []
    screenshot(page, "intake-01-preview")

    page.get_by_role("button", name="Bevestigen en importeren").click()
    page.get_by_role("heading", name="Nieuwe meldingen").wait_for()
    assert "Import verwerkt" in page.content()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "intake-02-nieuwe-meldingen")

    trajectories = Trajectory.objects.filter(organisation=organisation)
    assert trajectories.count() >= 1
    table = page.locator("table.worklist")
    for trajectory in trajectories.filter(status="aangemeld"):
        row = table.locator("tr", has_text=trajectory.client.display_name)
        assert row.count() == 1
        assert trajectory.first_contact_due.strftime("%d-%m-%Y") in row.inner_text()
