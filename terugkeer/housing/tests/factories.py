"""Factories for houses, stays, weekly checks and allocations (one per model)."""

import datetime

import factory
from django.utils import timezone

from terugkeer.accounts.tests.factories import OrganisationFactory, UserFactory
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.housing.choices import TestResult, UnitKind
from terugkeer.housing.models import HouseCheck, HousingAllocation, HousingUnit, Stay
from terugkeer.housing.services import evaluation_date


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def trajectory_of(organisation):
    """A trajectory in aftercare of ``organisation`` (released, without a detention now)."""
    return TrajectoryFactory(
        client__organisation=organisation, status=TrajectoryStatus.AFTERCARE, detention=None
    )


class HousingUnitFactory(factory.django.DjangoModelFactory):
    """Kocon's Instapwoning: three places. Trait ``kocon=True``: a Koconwoning (one home)."""

    class Meta:
        model = HousingUnit

    organisation = factory.SubFactory(OrganisationFactory, foundation=True)
    name = factory.Sequence(lambda n: f"Instapwoning {n}")
    kind = UnitKind.INSTAPWONING
    address = "Voorstraat 12, Katwijk"
    capacity = 3
    house_rules = "Alleen mannen. Geen drugs of alcohol. Wekelijkse urinecontrole."

    class Params:
        kocon = factory.Trait(
            kind=UnitKind.KOCONWONING,
            capacity=1,
            name=factory.Sequence(lambda n: f"Koconwoning {n}"),
        )


class StayFactory(factory.django.DjangoModelFactory):
    """A resident who moved in three weeks ago. Trait ``ended=True``: left today."""

    class Meta:
        model = Stay

    unit = factory.SubFactory(HousingUnitFactory)
    organisation = factory.LazyAttribute(lambda o: o.unit.organisation)
    trajectory = factory.LazyAttribute(lambda o: trajectory_of(o.organisation))
    moved_in_on = factory.LazyFunction(lambda: days_ago(21))
    house_rules_signed_on = factory.LazyAttribute(lambda o: o.moved_in_on)
    moved_in_by = factory.SubFactory(UserFactory)

    class Params:
        ended = factory.Trait(
            ended_on=factory.LazyFunction(timezone.localdate), leaving_reason="woning_gevonden"
        )


class HouseCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseCheck

    stay = factory.SubFactory(StayFactory)
    checked_on = factory.LazyFunction(lambda: days_ago(2))
    urine_test = TestResult.NEGATIVE
    alcohol_test = TestResult.NEGATIVE
    support_note = "Kamer netjes; afspraak bij het Jobcenter gemaakt."
    checked_by = factory.SubFactory(UserFactory)


class HousingAllocationFactory(factory.django.DjangoModelFactory):
    """A Koconwoning let a year ago, evaluation two years after the start."""

    class Meta:
        model = HousingAllocation

    unit = factory.SubFactory(HousingUnitFactory, kocon=True)
    organisation = factory.LazyAttribute(lambda o: o.unit.organisation)
    trajectory = factory.LazyAttribute(lambda o: trajectory_of(o.organisation))
    corporation = "Dunavie"
    started_on = factory.LazyFunction(lambda: days_ago(365))
    conditions = "Begeleiding door Kocon; geen middelengebruik."
    treatment_plan = "Indicatieteam (De Brug, Brijder, GGZ Rivierduinen): wekelijks gesprek."
    evaluation_on = factory.LazyAttribute(lambda o: evaluation_date(o.started_on))
    allocated_by = factory.SubFactory(UserFactory)
