"""End-to-end (issue 12): triage card by card without losing the other cards' edits, and the
release and closing with their second look."""

import datetime

import pytest
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.models import Domain, DomainAssessment, Trajectory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.cases.tests.test_e2e_intake import log_in
from terugkeer.core.roles import Role
from terugkeer.e2e_support import screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_triage_card_by_card_then_release_and_close_with_confirmation(page):
    today = timezone.localdate()
    expected = today + datetime.timedelta(days=5)
    trajectory = TrajectoryFactory(in_contact=True, detention__expected_end=expected)
    user = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user
    Trajectory.objects.filter(pk=trajectory.pk).update(coordinator=user)
    housing = Domain.objects.get(programme__code="nazorg", code="huisvesting")
    care = Domain.objects.get(programme__code="nazorg", code="zorg")

    log_in(page, user)
    page.goto(f"/trajecten/{trajectory.pk}/basisvoorwaarden/")
    housing_card = page.locator(f"#triage-card-{housing.pk}")
    care_card = page.locator(f"#triage-card-{care.pk}")
    # An edit in one card, not saved, while another card is saved.
    housing_card.get_by_label("Status").select_option("hulpvraag")
    housing_card.get_by_label("Toelichting").fill("Zoekt een kamer")
    care_card.get_by_label("Status").select_option("geregeld")
    care_card.get_by_label("Zorgverzekering loopt").select_option("true")
    care_card.get_by_role("button", name="Zorg opslaan").click()
    page.locator(f"#triage-card-{care.pk} [data-testid=saved]").wait_for()

    assert housing_card.get_by_label("Status").input_value() == "hulpvraag"
    assert housing_card.get_by_label("Toelichting").input_value() == "Zoekt een kamer"
    assert serious_accessibility_violations(page) == []
    screenshot(page, "dossier-01-triage-card-saved")
    housing_card.get_by_role("button", name="Huisvesting opslaan").click()
    page.locator(f"#triage-card-{housing.pk} [data-testid=saved]").wait_for()
    # The care card, saved once, saves again from its refreshed version (no stale refusal).
    care_card.get_by_label("Toelichting").fill("Polis gezien")
    with page.expect_response(lambda r: r.request.method == "POST"):
        care_card.get_by_role("button", name="Zorg opslaan").click()
    page.locator(f"#triage-card-{care.pk} [data-testid=saved]").wait_for()

    saved = {
        a.domain_id: (a.status, a.note, a.health_insurance)
        for a in DomainAssessment.objects.filter(trajectory=trajectory)
    }
    assert saved == {
        housing.pk: ("hulpvraag", "Zoekt een kamer", None),
        care.pk: ("geregeld", "Polis gezien", True),
    }

    page.goto(f"/trajecten/{trajectory.pk}/")
    release_date = page.get_by_label("Datum vrijlating")
    assert release_date.input_value() == expected.isoformat()
    release_date.fill(today.isoformat())
    page.get_by_role("button", name="Vrijlating registreren").click()
    confirm = page.get_by_test_id("confirm")
    confirm.wait_for()
    assert "Niet geregeld: ID-bewijs, Huisvesting" in confirm.inner_text()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "dossier-02-release-confirm")
    trajectory.refresh_from_db()
    assert trajectory.released_on is None
    confirm.get_by_role("button", name="Ja, vrijlating registreren").click()
    page.get_by_text("De vrijlating is geregistreerd").wait_for()

    page.get_by_label("Reden van afsluiting").select_option("verhuisd")
    page.get_by_role("button", name="Traject afsluiten").click()
    confirm.wait_for()
    assert "De nazorg loopt nog tot" in confirm.inner_text()
    confirm.get_by_role("button", name="Ja, traject afsluiten").click()
    page.get_by_text("Het traject is afgesloten.").wait_for()
    page.get_by_role("heading", name="Traject heropenen").wait_for()
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.released_on) == ("afgesloten", today)
