"""End-to-end: the dashboard, two reports, and an XLSX and a PDF download in a real browser."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.tests.test_e2e_intake import log_in
from terugkeer.core.roles import Role
from terugkeer.e2e_support import screenshot, serious_accessibility_violations
from terugkeer.reports.tests.scenario import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_team_chair_reads_the_dashboard_and_two_reports_and_downloads_them(page):
    world = build_world()
    chair = MembershipFactory(organisation=world.organisation, role=Role.TEAM_CHAIR).user

    log_in(page, chair)
    page.get_by_test_id("dashboard").wait_for()
    assert page.get_by_test_id("key-figure").count() == 6
    assert serious_accessibility_violations(page) == []
    screenshot(page, "reports-01-dashboard")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Rapportages").click()
    page.get_by_role("link", name="Bereik, tijdigheid en deelname").click()
    page.get_by_label("Van").fill("2025-01-01")
    page.get_by_label("Tot en met").fill("2025-12-31")
    page.get_by_role("button", name="Toon").click()
    table = page.get_by_test_id("report-table").first
    table.wait_for()
    first_row = table.locator("tbody tr").first.inner_text()
    assert first_row.split("\t")[:4] == ["Aastad", "3", "2", "66,7%"]
    assert page.get_by_test_id("report-chart").locator("svg").count() == 1
    assert serious_accessibility_violations(page) == []
    screenshot(page, "reports-02-bereik")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Excel (XLSX)").click()
    workbook = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    assert [c.value for c in workbook.worksheets[0][2]][:3] == ["Aastad", 3, 2]

    page.get_by_role("link", name="Alle rapportages").click()
    page.get_by_role("link", name="Casusregie en verwijzingen").click()
    page.get_by_label("Van").fill("2025-01-01")
    page.get_by_label("Tot en met").fill("2025-12-31")
    page.get_by_role("button", name="Toon").click()
    page.get_by_text("Reclassering Nederland").wait_for()
    screenshot(page, "reports-03-casusregie")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename == "casusregie-20250101-20251231.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
