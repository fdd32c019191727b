"""Factories for trajectories and default coordinators."""

import datetime

import factory
from django.utils import timezone

from terugkeer.cases.choices import Programme, TrajectoryStatus
from terugkeer.cases.models import BreakGlassAccess, DefaultCoordinator, Trajectory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.detention.tests.factories import DetentionFactory


def _days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class TrajectoryFactory(factory.django.DjangoModelFactory):
    """A fresh trajectory (aangemeld, first contact due in a week) with a running detention.

    Pass ``client=`` (or ``client__organisation=``) to choose the organisation; traits:
    ``overdue=True`` (first contact past due), ``in_contact=True``, ``closed=True``.
    """

    class Meta:
        model = Trajectory

    client = factory.SubFactory(ClientFactory)
    organisation = factory.LazyAttribute(lambda o: o.client.organisation)
    municipality = factory.LazyAttribute(lambda o: o.client.municipality)
    programme = Programme.AFTERCARE
    status = TrajectoryStatus.REGISTERED
    coordinator = None
    detention = factory.SubFactory(DetentionFactory, client=factory.SelfAttribute("..client"))
    opened_on = factory.LazyFunction(lambda: _days_from_today(-2))
    first_contact_due = factory.LazyAttribute(lambda o: o.opened_on + datetime.timedelta(days=7))
    first_contact_on = None

    class Params:
        overdue = factory.Trait(
            status=TrajectoryStatus.REGISTERED,
            opened_on=factory.LazyFunction(lambda: _days_from_today(-10)),
            first_contact_due=factory.LazyFunction(lambda: _days_from_today(-3)),
            first_contact_on=None,
        )
        in_contact = factory.Trait(
            status=TrajectoryStatus.IN_CONTACT,
            first_contact_on=factory.LazyAttribute(lambda o: o.opened_on),
        )
        closed = factory.Trait(
            status=TrajectoryStatus.CLOSED,
            first_contact_on=factory.LazyAttribute(lambda o: o.opened_on),
            closed_on=factory.LazyFunction(timezone.localdate),
        )


class DefaultCoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DefaultCoordinator

    organisation = factory.SubFactory("terugkeer.accounts.tests.factories.OrganisationFactory")
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipalities.first())
    coordinator = factory.SubFactory("terugkeer.accounts.tests.factories.UserFactory")


class BreakGlassAccessFactory(factory.django.DjangoModelFactory):
    """A reason stated to open a shielded dossier, in force for eight hours from now.

    Pass ``client=`` and ``user=``; ``expired=True`` gives one that ran out a minute ago.
    """

    class Meta:
        model = BreakGlassAccess

    client = factory.SubFactory(ClientFactory)
    organisation = factory.LazyAttribute(lambda o: o.client.organisation)
    user = factory.SubFactory("terugkeer.accounts.tests.factories.UserFactory")
    reason = "Teamoverleg: voorbereiding van de bespreking van deze casus."
    opened_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.opened_at + datetime.timedelta(hours=8))

    class Params:
        expired = factory.Trait(
            opened_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(hours=8, minutes=1)
            ),
        )
