"""The demo data: Kocon's Instapwoning with a year of stays and checks, two Koconwoningen, the
card lists and a season of walks, seeded after mentoring's demo (as seed_demo runs them) on
Kocon trajectories from the factories, without breaking a rule (the services refuse a fourth
resident)."""

import datetime

import pytest
from django.utils import timezone

from terugkeer.accounts.demo import seed_organisations
from terugkeer.activities import demo as activities_demo
from terugkeer.activities.models import ActivitySession, CardMailing, CardSubscription
from terugkeer.cases.choices import Programme, TrajectoryStatus
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.housing import demo, selectors
from terugkeer.housing.models import HouseCheck, HousingAllocation, HousingUnit, Stay
from terugkeer.mentoring import demo as mentoring_demo

pytestmark = pytest.mark.django_db


def test_demo_seeds_kocon_houses_cards_and_walks():
    context = {"seed": 2026, "organisations": seed_organisations(seed=2026)}
    kocon = context["organisations"]["kocon"]
    for index in range(16):
        TrajectoryFactory(
            client=ClientFactory(organisation=kocon),
            programme=Programme.REINTEGRATION if index % 2 else Programme.AFTERCARE,
            status=TrajectoryStatus.AFTERCARE if index % 2 == 0 else TrajectoryStatus.GUIDANCE,
            detention=None,
        )
    mentoring_demo.seed(context)
    demo.seed(context)
    activities_demo.seed(context)
    today = timezone.localdate()

    house = HousingUnit.objects.get(name="Instapwoning Katwijk")
    stays = Stay.objects.filter(unit=house)
    assert stays.filter(moved_in_on__lte=today - datetime.timedelta(days=300)).exists()
    assert selectors.occupancy_now(unit=house, today=today) <= 3
    months = selectors.occupancy_by_month(unit=house, today=today)
    assert max(m.occupied_days for m in months) <= max(m.place_days for m in months)
    assert HouseCheck.objects.filter(stay__unit=house).count() > 20
    assert HousingAllocation.objects.count() == 2
    assert CardSubscription.objects.filter(change="ingetrokken").count() == 1
    assert CardMailing.objects.values("month").distinct().count() >= 2
    assert ActivitySession.objects.filter(kind="wandelproject").count() == 12
