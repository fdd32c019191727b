"""End-to-end: a coordinator writes a plan van aanpak and downloads it as a PDF to sign."""

from pathlib import Path

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.models import Action, Goal
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.cases.tests.test_e2e_intake import log_in
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.e2e_support import screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_coordinator_adds_a_goal_and_an_action_and_downloads_the_plan(page):
    membership = MembershipFactory(role=Role.COORDINATOR)
    trajectory = TrajectoryFactory(
        client=ClientFactory(
            organisation=membership.organisation, first_names="Karel", surname="Verbeek"
        ),
        coordinator=membership.user,
    )

    log_in(page, membership.user)
    page.goto(f"/trajecten/{trajectory.pk}/plan/")
    page.get_by_role("heading", name="Plan van aanpak").wait_for()

    goal_panel = page.locator("details", has=page.locator("summary", has_text="Doel toevoegen"))
    goal_panel.locator("summary").click()
    goal_panel.get_by_label("Domein").select_option(label="Huisvesting")
    goal_panel.get_by_label("Doel").fill("Een vaste woonplek na vrijlating")
    goal_panel.get_by_role("button", name="Doel toevoegen").click()
    page.get_by_text("Het doel is toegevoegd.").wait_for()

    action_panel = page.locator("details", has=page.locator("summary", has_text="Actie toevoegen"))
    action_panel.locator("summary").click()
    action_panel.get_by_label("Doel").select_option(label="Een vaste woonplek na vrijlating")
    action_panel.get_by_label("Actie").fill("Inschrijven bij woningnet")
    action_panel.get_by_label("Wie").fill("cliënt")
    action_panel.get_by_label("Uiterlijk").fill("2020-01-31")
    action_panel.get_by_role("button", name="Actie toevoegen").click()
    page.get_by_text("De actie is toegevoegd.").wait_for()

    row = page.get_by_test_id("plan-action").filter(has_text="Inschrijven bij woningnet")
    assert "31-01-2020" in row.inner_text()
    assert "Te laat" in row.inner_text()
    assert Goal.objects.get(trajectory=trajectory).domain.code == "huisvesting"
    assert Action.objects.get(trajectory=trajectory).owner == "cliënt"
    assert serious_accessibility_violations(page) == []
    screenshot(page, "plan-01-tab")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Plan afdrukken (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"plan-van-aanpak-{trajectory.pk}.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
