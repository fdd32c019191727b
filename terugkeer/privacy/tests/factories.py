"""Factories for the privacy app: access-log rows, thresholds, data-subject requests."""

import datetime

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from terugkeer.accounts.tests.factories import OrganisationFactory, UserFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.models import AccessLogEntry
from terugkeer.privacy.choices import RequestKind
from terugkeer.privacy.deadlines import request_deadline
from terugkeer.privacy.models import PrivacySettings, ResearchExport, SubjectRequest


def log_read(user, organisation, subject, *, at: datetime.datetime, purpose="dossier bekijken"):
    """A hand-made access-log row: ``user`` read ``subject`` at ``at`` (aware datetime)."""
    entry = AccessLogEntry.objects.create(
        user=user,
        organisation=organisation,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        subject_label=str(subject)[:200],
        page="clients:detail",
        path=f"/pagina/{subject.pk}/",
        purpose=purpose,
    )
    # created_at is auto_now_add: set the hand-made moment afterwards.
    AccessLogEntry.objects.filter(pk=entry.pk).update(created_at=at)
    entry.refresh_from_db()
    return entry


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """``day`` at ``hour:minute`` local (Amsterdam) time."""
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


class PrivacySettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrivacySettings

    organisation = factory.SubFactory(OrganisationFactory)
    max_unassigned_per_day = 20
    working_hours_start = datetime.time(7, 0)
    working_hours_end = datetime.time(19, 0)


class SubjectRequestFactory(factory.django.DjangoModelFactory):
    """An inzage request received a week ago (deadline one calendar month after receipt)."""

    class Meta:
        model = SubjectRequest

    client = factory.SubFactory(ClientFactory)
    organisation = factory.LazyAttribute(lambda o: o.client.organisation)
    kind = RequestKind.ACCESS
    received_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    deadline = factory.LazyAttribute(lambda o: request_deadline(o.received_on, o.extension_months))
    extension_months = 0
    description = "Verzoek om inzage in alle gegevens, per brief."
    registered_by = factory.SubFactory(UserFactory)


class ResearchExportFactory(factory.django.DjangoModelFactory):
    """A log row of a research export (the rows themselves are never stored)."""

    class Meta:
        model = ResearchExport

    organisation = factory.SubFactory(OrganisationFactory)
    exported_by = factory.SubFactory(UserFactory)
    purpose = "evaluatie nazorg"
    start = datetime.date(2026, 1, 1)
    end = datetime.date(2026, 3, 10)
    row_count = 0
