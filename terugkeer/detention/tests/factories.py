"""Factories for penitentiary institutions, detentions and notifications (meldingen)."""

import datetime

import factory
from django.utils import timezone

from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.detention.choices import (
    LegalTitle,
    NotificationKind,
    NotificationSource,
    NotificationStatus,
)
from terugkeer.detention.models import Detention, DetentionNotification, PenitentiaryInstitution


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class PenitentiaryInstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PenitentiaryInstitution
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"PI Testoord {n}")
    place = factory.Faker("city", locale="nl_NL")

    class Params:
        inactive = factory.Trait(is_active=False)


class DetentionFactory(factory.django.DjangoModelFactory):
    """A running detention that started a month ago; ``released=True`` ends it yesterday."""

    class Meta:
        model = Detention

    client = factory.SubFactory(ClientFactory)
    organisation = factory.LazyAttribute(lambda o: o.client.organisation)
    institution = factory.SubFactory(PenitentiaryInstitutionFactory)
    dji_number = factory.Sequence(lambda n: f"DJI{100000 + n}")
    start_date = factory.LazyFunction(lambda: _days_ago(30))
    expected_end = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=90))
    legal_title = LegalTitle.PRE_TRIAL
    pi_casemanager_name = factory.Faker("name", locale="nl_NL")
    pi_casemanager_phone = "088 123 45 67"

    class Params:
        released = factory.Trait(actual_end=factory.LazyFunction(lambda: _days_ago(1)))


class DetentionNotificationFactory(factory.django.DjangoModelFactory):
    """A processed begin-melding matching its client and detention."""

    class Meta:
        model = DetentionNotification

    detention = factory.SubFactory(DetentionFactory)
    client = factory.LazyAttribute(lambda o: o.detention.client if o.detention else None)
    organisation = factory.LazyAttribute(
        lambda o: o.client.organisation if o.client else o.detention.organisation
    )
    kind = NotificationKind.BEGIN
    source = NotificationSource.IMPORT
    received_on = factory.LazyAttribute(
        lambda o: o.detention.start_date if o.detention else timezone.localdate()
    )
    status = NotificationStatus.PROCESSED
    bsn = factory.LazyAttribute(lambda o: o.client.bsn if o.client else "111222333")
    surname = factory.LazyAttribute(lambda o: o.client.surname if o.client else "Onbekend")
    prefix = factory.LazyAttribute(lambda o: o.client.prefix if o.client else "")
    first_names = factory.LazyAttribute(lambda o: o.client.first_names if o.client else "")
    birth_date = factory.LazyAttribute(lambda o: o.client.birth_date if o.client else None)
    institution_name = factory.LazyAttribute(
        lambda o: o.detention.institution.name if o.detention and o.detention.institution else ""
    )
    detention_start = factory.LazyAttribute(
        lambda o: o.detention.start_date if o.detention else None
    )
    expected_release = factory.LazyAttribute(
        lambda o: o.detention.expected_end if o.detention else None
    )
    municipality = factory.LazyAttribute(lambda o: o.client.municipality if o.client else None)

    class Params:
        review = factory.Trait(
            status=NotificationStatus.REVIEW,
            review_reason="Handmatig te beoordelen",
        )
