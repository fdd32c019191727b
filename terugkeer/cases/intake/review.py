"""Held meldingen: process again after a correction, resolve, correct by hand."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from terugkeer.cases.intake.classify import classify_notification
from terugkeer.cases.intake.data import IntakeRefused, IntakeResult, NotificationData, Outcome
from terugkeer.cases.intake.register import _apply
from terugkeer.core.locking import save_versioned
from terugkeer.detention.choices import NotificationStatus
from terugkeer.detention.models import DetentionNotification


def notification_data_from(notification: DetentionNotification) -> NotificationData:
    """The (possibly corrected) values of a stored melding, for processing it again."""
    return NotificationData(
        kind=notification.kind,
        bsn=notification.bsn,
        surname=notification.surname,
        birth_date=notification.birth_date,
        municipality=notification.municipality.cbs_code if notification.municipality else "",
        first_names=notification.first_names,
        prefix=notification.prefix,
        sex=notification.sex,
        dji_number=notification.dji_number,
        institution=notification.institution_name,
        detention_start=notification.detention_start,
        expected_release=notification.expected_release,
        release_date=notification.release_date,
        legal_title=notification.legal_title,
        pi_casemanager=notification.pi_casemanager,
        received_on=notification.received_on,
    )


@transaction.atomic
def notification_reprocess(*, notification: DetentionNotification) -> IntakeResult:
    """Process a held melding again after a correction; refused while it still does not match."""
    notification = DetentionNotification.objects.select_for_update().get(pk=notification.pk)
    if notification.status != NotificationStatus.REVIEW:
        raise IntakeRefused(_("Deze melding is al verwerkt."))
    data = notification_data_from(notification)
    classification = classify_notification(organisation=notification.organisation, data=data)
    if classification.outcome in (Outcome.REVIEW, Outcome.ERROR):
        raise IntakeRefused(classification.reason)
    notification.version += 1
    result = IntakeResult(classification, notification=notification)
    _apply(result, notification.organisation, data)
    return result


@transaction.atomic
def notification_resolve(*, notification: DetentionNotification, reason: str) -> None:
    """Close a held melding without processing it (e.g. a wrong or double melding)."""
    notification = DetentionNotification.objects.select_for_update().get(pk=notification.pk)
    if notification.status != NotificationStatus.REVIEW:
        raise IntakeRefused(_("Deze melding is al verwerkt."))
    notification.status = NotificationStatus.RESOLVED
    notification.review_reason = reason[:300]
    notification.version += 1
    notification.save()


def notification_correct(
    *, notification: DetentionNotification, expected_version: int, changes: dict
) -> DetentionNotification:
    """Correct a melding's values by hand (optimistic locking; history keeps old values)."""
    return save_versioned(notification, expected_version=expected_version, changes=changes)
