"""End-to-end: a coordinator opens the klantreis tab; it is accessible (axe) and screenshotted."""

import datetime

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.models import Contact, StatusChange
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.cases.tests.test_e2e_intake import log_in
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import DetentionFactory, DetentionNotificationFactory
from terugkeer.e2e_support import screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
D = datetime.date


def test_klantreis_tab_is_accessible(page):
    detention = DetentionFactory(start_date=D(2026, 3, 2), expected_end=D(2026, 9, 1))
    trajectory = TrajectoryFactory(
        client=detention.client, detention=detention, opened_on=D(2026, 3, 4)
    )
    user = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user
    DetentionNotificationFactory(detention=detention, received_on=D(2026, 3, 3))
    StatusChange.objects.create(
        trajectory=trajectory, to_status="aangemeld", effective_on=D(2026, 3, 4)
    )
    for day, kind in ((D(2026, 3, 6), "pi_bezoek"), (D(2026, 5, 12), "ketenpartner")):
        Contact.objects.create(trajectory=trajectory, kind=kind, date=day, registered_by=user)

    log_in(page, user)
    page.goto(f"/trajecten/{trajectory.pk}/klantreis/")
    page.get_by_test_id("klantreis-chart").wait_for()
    assert page.get_by_role("img", name="Klantreis van", exact=False).count() == 1
    assert page.get_by_test_id("klantreis-table").locator("tbody tr").count() == 5
    assert serious_accessibility_violations(page) == []
    screenshot(page, "klantreis")
