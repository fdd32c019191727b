"""The demo data: LV's measures of seed 001 and Kocon's Noodfonds and begroting of seed 000."""

from decimal import Decimal

import pytest
from django.utils import timezone

from terugkeer.accounts.demo import seed_organisations
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.interventions import demo
from terugkeer.interventions.choices import GiftStatus, MoneyForm, RequestStatus
from terugkeer.interventions.models import BudgetLine, EmergencyGift, InterventionRequest

pytestmark = pytest.mark.django_db


def test_demo_seeds_lv_measures_and_kocon_noodfonds():
    organisations = seed_organisations(seed=2026)
    for slug in ("lv", "kocon"):
        for _ in range(6):
            TrajectoryFactory(client=ClientFactory(organisation=organisations[slug]))
    demo.seed({"seed": 2026, "organisations": organisations})

    lv = InterventionRequest.objects.filter(trajectory__organisation=organisations["lv"])
    rents = lv.filter(intervention_type__name="Huur doorbetalen tijdens detentie")
    assert rents.filter(status=RequestStatus.COMPLETED).count() == 3
    assert lv.filter(status=RequestStatus.WITHDRAWN).count() == 2
    car = lv.get(money_form=MoneyForm.LOAN)
    assert (car.amount, car.status, car.loan_decision) == (
        Decimal("2500.00"),
        RequestStatus.RUNNING,
        "",
    )
    assert car.conditions.count() == 2
    assert all(r.decided_by_id != r.requested_by_id for r in lv.exclude(decided_by=None))

    gifts = EmergencyGift.objects.filter(trajectory__organisation=organisations["kocon"])
    assert sorted(gifts.values_list("status", flat=True)) == sorted(
        [GiftStatus.PAID, GiftStatus.PAID, GiftStatus.REQUESTED]
    )
    assert max(gifts.values_list("amount", flat=True)) == Decimal("750.00")
    kocon_2026 = BudgetLine.objects.filter(organisation=organisations["kocon"], year=2026)
    assert kocon_2026.get(name="Subsidie gemeente Katwijk ASV").budget_amount == Decimal("91728.26")
    assert (
        BudgetLine.objects.filter(
            organisation=organisations["lv"], year=timezone.localdate().year
        ).count()
        == 4
    )
