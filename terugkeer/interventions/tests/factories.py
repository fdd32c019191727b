"""Factories for the interventions models (one per model)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.interventions.choices import (
    DomainCode,
    GiftStatus,
    LineKind,
    MoneyForm,
    RequestStatus,
)
from terugkeer.interventions.models import (
    BudgetLine,
    Condition,
    EmergencyGift,
    InterventionRequest,
    InterventionType,
    Payment,
    RequestStatusChange,
)


def member_scope(organisation, role: Role = Role.COORDINATOR, **membership) -> Scope:
    """A new user with ``role`` in ``organisation``, as the scope a request of theirs gets."""
    member = MembershipFactory(organisation=organisation, role=role, **membership)
    return Scope(
        user=member.user,
        organisation=organisation,
        role=role,
        also_coordinator=member.also_coordinator,
    )


class InterventionTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterventionType

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Huur doorbetalen tijdens detentie {n}")
    domain_code = DomainCode.HOUSING
    active = True


class InterventionRequestFactory(factory.django.DjangoModelFactory):
    """A concept request on a trajectory; traits ``requested=True``, ``approved=True``."""

    class Meta:
        model = InterventionRequest

    trajectory = factory.SubFactory(TrajectoryFactory)
    intervention_type = factory.SubFactory(
        InterventionTypeFactory, organisation=factory.SelfAttribute("..trajectory.organisation")
    )
    money_form = MoneyForm.THIRD_PARTY
    amount = Decimal("1500.00")
    client_name = factory.LazyAttribute(lambda o: o.trajectory.client.display_name)
    situation = "Korte detentie; de huur loopt door en de woning dreigt verloren te gaan."
    measure = "Huur drie maanden doorbetalen aan de verhuurder."
    reason = "Zonder woning geen nazorg; een ontruiming kost meer."
    created_by = factory.SubFactory(UserFactory)
    status = RequestStatus.CONCEPT

    class Params:
        requested = factory.Trait(
            status=RequestStatus.REQUESTED,
            requested_by=factory.SelfAttribute("created_by"),
            requested_at=factory.LazyFunction(timezone.now),
        )
        approved = factory.Trait(
            status=RequestStatus.APPROVED,
            requested_by=factory.SelfAttribute("created_by"),
            requested_at=factory.LazyFunction(timezone.now),
            decided_by=factory.SubFactory(UserFactory),
            decided_at=factory.LazyFunction(timezone.now),
            decision="goedgekeurd",
        )


class RequestStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequestStatusChange

    request = factory.SubFactory(InterventionRequestFactory)
    from_status = RequestStatus.CONCEPT
    to_status = RequestStatus.REQUESTED
    changed_by = factory.SelfAttribute("request.created_by")


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition

    request = factory.SubFactory(InterventionRequestFactory, approved=True)
    description = "Geen (verkeers)boetes"
    check_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    organisation = factory.SubFactory(OrganisationFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    name = factory.Sequence(lambda n: f"Alternatieve maatregelen {n}")
    kind = LineKind.EXPENSE
    budget_amount = Decimal("6667.00")


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    request = factory.SubFactory(InterventionRequestFactory, approved=True)
    amount = Decimal("500.00")
    paid_on = factory.LazyFunction(timezone.localdate)
    registered_by = factory.SelfAttribute("request.created_by")


class EmergencyGiftFactory(factory.django.DjangoModelFactory):
    """A requested gift for the trajectory's client, living in a municipality served."""

    class Meta:
        model = EmergencyGift

    trajectory = factory.SubFactory(TrajectoryFactory)
    client = factory.SelfAttribute("trajectory.client")
    municipality = factory.LazyAttribute(lambda o: o.trajectory.client.municipality)
    amount = Decimal("250.00")
    need = "Afsluiting energie dreigt; geen geld voor de eerste termijn."
    no_legal_provision = "Bijzondere bijstand loopt nog; de afsluiting is over drie dagen."
    requested_by = factory.SubFactory(UserFactory)
    requested_on = factory.LazyFunction(timezone.localdate)
    status = GiftStatus.REQUESTED
