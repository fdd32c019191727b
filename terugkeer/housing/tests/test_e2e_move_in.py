"""End-to-end in the browser: a coordinator moves a participant into the Instapwoning, records
the weekly check, and downloads the month's card labels; axe finds no serious violations."""

from pathlib import Path

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.activities.tests.factories import CardSubscriptionFactory
from terugkeer.core.roles import Role
from terugkeer.e2e_support import screenshot, serious_accessibility_violations
from terugkeer.housing.models import HouseCheck, Stay
from terugkeer.housing.tests.factories import HousingUnitFactory, StayFactory, trajectory_of
from terugkeer.mentoring.tests.test_e2e_phone import _log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_move_in_weekly_check_and_card_labels(page, live_server):
    unit = HousingUnitFactory(name="Instapwoning Katwijk", capacity=3)
    StayFactory(unit=unit)
    trajectory = trajectory_of(unit.organisation)
    client = trajectory.client
    client.first_names, client.surname = "Dennis", "Verhoef"
    client.save()
    CardSubscriptionFactory(trajectory=trajectory)
    coordinator = MembershipFactory(organisation=unit.organisation, role=Role.COORDINATOR).user

    _log_in(page, coordinator)
    page.goto(f"/wonen/traject/{trajectory.pk}/")
    page.get_by_role("link", name="Intrekken in de Instapwoning").click()
    page.get_by_label("Woning").select_option(str(unit.pk))
    page.get_by_label("De bewoner heeft de huisregels getekend").check()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Intrekken").click()
    page.get_by_text("De bewoner is ingetrokken.").wait_for()
    stay = Stay.objects.get(trajectory=trajectory)
    assert stay.unit == unit

    page.get_by_role("link", name="Controle vastleggen").click()
    page.get_by_label("Urinetest").select_option("negatief")
    page.get_by_label("Alcoholtest").select_option("negatief")
    page.get_by_label("Woonbegeleiding").fill("Eerste week, kamer ingericht.")
    page.get_by_role("button", name="Controle vastleggen").click()
    page.get_by_text("De controle is vastgelegd.").wait_for()
    assert HouseCheck.objects.get().stay == stay
    page.get_by_text("Eerste week, kamer ingericht.").wait_for()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "housing-01-tab-after-check")

    page.goto("/activiteiten/kaarten/")
    page.get_by_text("Dennis Verhoef").first.wait_for()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "activities-01-card-list")
    with page.expect_download() as download:
        page.get_by_test_id("labels-pdf").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
