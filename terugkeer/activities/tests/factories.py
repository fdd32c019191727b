"""Factories for consents, sent cards, sessions and attendance (one per model)."""

import datetime

import factory
from django.utils import timezone

from terugkeer.accounts.tests.factories import OrganisationFactory, UserFactory
from terugkeer.activities.choices import ActivityKind, ConsentChange
from terugkeer.activities.models import ActivitySession, Attendance, CardMailing, CardSubscription
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.tests.factories import TrajectoryFactory


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def participant(organisation, **kwargs):
    """An open trajectory in aftercare of ``organisation``, the client at home."""
    kwargs.setdefault("status", TrajectoryStatus.AFTERCARE)
    kwargs.setdefault("detention", None)
    return TrajectoryFactory(client__organisation=organisation, **kwargs)


class CardSubscriptionFactory(factory.django.DjangoModelFactory):
    """Consent given 40 days ago. Trait ``withdrawn=True``: a withdrawal (pass ``on``)."""

    class Meta:
        model = CardSubscription

    trajectory = factory.LazyAttribute(lambda o: participant(OrganisationFactory(foundation=True)))
    organisation = factory.LazyAttribute(lambda o: o.trajectory.organisation)
    change = ConsentChange.GIVEN
    on = factory.LazyFunction(lambda: days_ago(40))
    recorded_by = factory.SubFactory(UserFactory)

    class Params:
        withdrawn = factory.Trait(change=ConsentChange.WITHDRAWN)


class CardMailingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CardMailing

    trajectory = factory.LazyAttribute(lambda o: participant(OrganisationFactory(foundation=True)))
    organisation = factory.LazyAttribute(lambda o: o.trajectory.organisation)
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    address = "Dorpsstraat 1\n2261 AB Leidschendam"
    sent_on = factory.LazyFunction(timezone.localdate)
    sent_by = factory.SubFactory(UserFactory)


class ActivitySessionFactory(factory.django.DjangoModelFactory):
    """Last week's walk with the walking club."""

    class Meta:
        model = ActivitySession

    organisation = factory.SubFactory(OrganisationFactory, foundation=True)
    kind = ActivityKind.WALKING
    title = "Duinwandeling"
    held_on = factory.LazyFunction(lambda: days_ago(7))
    place = "Katwijk, Noordduinen"
    partner = "Wandelvereniging De Duinlopers"
    recorded_by = factory.SubFactory(UserFactory)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(ActivitySessionFactory)
    trajectory = factory.LazyAttribute(lambda o: participant(o.session.organisation))
