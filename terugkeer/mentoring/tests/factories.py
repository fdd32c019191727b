"""Factories for mentors, matches, reports and meetings (one per model)."""

import datetime

import factory
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from terugkeer.cases.choices import Programme, TrajectoryStatus
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.mentoring.choices import ContactKind, ContactMood, MentorStatus
from terugkeer.mentoring.models import (
    Mentor,
    MentorMatch,
    MentorMeeting,
    MentorReport,
    MentorStatusChange,
)


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def mentor_user(organisation):
    """A user with the mentor role in ``organisation``."""
    return MembershipFactory(organisation=organisation, role=Role.MENTOR).user


class MentorFactory(factory.django.DjangoModelFactory):
    """An active mentor with a VOG and a signed agreement, logging in with a mentor membership.

    Traits: ``registered=True`` (just aangemeld, no VOG yet), ``stopped=True``.
    """

    class Meta:
        model = Mentor

    organisation = factory.SubFactory(OrganisationFactory, foundation=True)
    user = factory.LazyAttribute(lambda o: mentor_user(o.organisation))
    full_name = factory.Faker("name", locale="nl_NL")
    phone = "06-12345678"
    start_date = factory.LazyFunction(lambda: _days_ago(200))
    availability = "dinsdagavond"
    max_matches = 2
    status = MentorStatus.ACTIVE
    vog_date = factory.LazyFunction(lambda: _days_ago(220))
    agreement_signed_on = factory.LazyFunction(lambda: _days_ago(210))

    class Params:
        registered = factory.Trait(
            status=MentorStatus.REGISTERED, vog_date=None, agreement_signed_on=None
        )
        stopped = factory.Trait(
            status=MentorStatus.STOPPED,
            stopped_on=factory.LazyFunction(timezone.localdate),
            stop_reason="verhuisd",
        )


class MentorStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorStatusChange

    mentor = factory.SubFactory(MentorFactory)
    from_status = MentorStatus.IN_TRAINING
    to_status = MentorStatus.ACTIVE
    changed_on = factory.LazyFunction(timezone.localdate)
    changed_by = factory.SubFactory(UserFactory)


class MentorMatchFactory(factory.django.DjangoModelFactory):
    """An active match of a mentor with a re-integratie trajectory of the same organisation."""

    class Meta:
        model = MentorMatch

    mentor = factory.SubFactory(MentorFactory)
    organisation = factory.LazyAttribute(lambda o: o.mentor.organisation)
    trajectory = factory.LazyAttribute(
        lambda o: TrajectoryFactory(
            client__organisation=o.organisation,
            programme=Programme.REINTEGRATION,
            status=TrajectoryStatus.GUIDANCE,
            detention=None,
        )
    )
    started_on = factory.LazyFunction(lambda: _days_ago(30))
    shared_phone = "06-87654321"
    shared_contact_note = "liefst WhatsApp"
    started_by = factory.SubFactory(UserFactory)

    class Params:
        ended = factory.Trait(
            ended_on=factory.LazyFunction(timezone.localdate), end_reason="anders"
        )


class MentorReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorReport

    match = factory.SubFactory(MentorMatchFactory)
    organisation = factory.LazyAttribute(lambda o: o.match.organisation)
    met_on = factory.LazyFunction(lambda: _days_ago(3))
    contact_kind = ContactKind.MEETING
    mood = ContactMood.GOOD
    summary = "Samen koffie gedronken; hij heeft zich ingeschreven bij de bibliotheek."
    filed_by = factory.LazyAttribute(lambda o: o.match.mentor.user)


class MentorMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorMeeting
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory, foundation=True)
    held_on = factory.LazyFunction(lambda: _days_ago(14))
    topics = "Grenzen stellen"
    recorded_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.attendees.set(extracted)
