"""Registering one melding (a write): ``notification_register``, in one transaction."""

from __future__ import annotations

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from terugkeer.accounts.models import Organisation, User
from terugkeer.cases.choices import Programme, Source
from terugkeer.cases.intake.classify import classify_notification
from terugkeer.cases.intake.data import (
    IntakeRace,
    IntakeRefused,
    IntakeResult,
    NotificationData,
    Outcome,
)
from terugkeer.cases.lifecycle_services import trajectory_register_release
from terugkeer.cases.models import Trajectory
from terugkeer.cases.services import trajectory_create
from terugkeer.clients.models import Client
from terugkeer.clients.services import client_insert
from terugkeer.detention.choices import NotificationKind, NotificationSource, NotificationStatus
from terugkeer.detention.import_fields import DATE_FIELDS
from terugkeer.detention.importing import typed_fingerprint
from terugkeer.detention.models import DetentionNotification
from terugkeer.detention.services import detention_apply, detention_open


@transaction.atomic
def notification_register(
    *,
    organisation: Organisation,
    data: NotificationData,
    source: NotificationSource,
    registered_by: User | None = None,
    import_batch=None,
    import_line: int | None = None,
) -> IntakeResult:
    """Register one melding: match the client, open or update the detention, open the trajectory.

    A duplicate (same fingerprint) changes nothing; an error raises ``IntakeRefused``; a melding
    that cannot be matched sensibly is stored with status 'te beoordelen' and changes nothing else.
    The same melding registered twice at the same moment: both classify it as new, the unique
    constraints (fingerprint, BSN) let one win, and the other's work is rolled back to its
    savepoint and answered as the duplicate it now is.
    """
    if not data.fingerprint:  # typed in by hand: the same melding twice is a duplicate too
        data = replace(data, fingerprint=typed_fingerprint_of(data))
    classification = classify_notification(organisation=organisation, data=data)
    if classification.outcome == Outcome.DUPLICATE:
        return IntakeResult(classification)
    if classification.outcome == Outcome.ERROR:
        raise IntakeRefused(classification.reason)
    try:
        with transaction.atomic():
            return _register(
                organisation, data, classification, source, registered_by, import_batch, import_line
            )
    except ValidationError as refused:  # e.g. a release before the detention began
        raise IntakeRefused(" ".join(refused.messages)) from refused
    except IntegrityError as exc:
        again = classify_notification(organisation=organisation, data=data)
        if again.outcome == Outcome.DUPLICATE:
            return IntakeResult(again)
        raise IntakeRace(_("Deze melding is zojuist al door iemand anders verwerkt.")) from exc


def typed_fingerprint_of(data: NotificationData) -> str:
    return typed_fingerprint(
        kind=data.kind,
        bsn=data.bsn,
        dji_number=data.dji_number,
        dates={name: getattr(data, name) for name in DATE_FIELDS},
        institution=data.institution,
        municipality=data.municipality,
    )


def build_notification(
    organisation, data, classification, source, registered_by, import_batch, import_line
) -> DetentionNotification:
    """The melding as it is stored (unsaved), with its status set as ``classification`` says."""
    notification = DetentionNotification(
        organisation=organisation,
        kind=data.kind,
        received_on=data.notification_date,
        source=source,
        import_batch=import_batch,
        import_line=import_line,
        registered_by=registered_by,
        fingerprint=data.fingerprint,
        raw={k: str(v) for k, v in data.raw.items()},
        bsn=data.bsn,
        dji_number=data.dji_number,
        surname=data.surname,
        prefix=data.prefix,
        first_names=data.first_names,
        birth_date=data.birth_date,
        sex=data.sex,
        institution_name=data.institution,
        detention_start=data.detention_start,
        expected_release=data.expected_release,
        release_date=data.release_date,
        legal_title=data.legal_title,
        pi_casemanager=data.pi_casemanager,
        municipality=classification.municipality,
        client=classification.client,
    )
    if classification.outcome == Outcome.REVIEW:
        notification.status = NotificationStatus.REVIEW
        notification.review_reason = classification.reason[:300]
    else:
        notification.status = NotificationStatus.PROCESSED
        notification.review_reason = ""
    return notification


def _register(
    organisation, data, classification, source, registered_by, import_batch, import_line
) -> IntakeResult:
    notification = build_notification(
        organisation, data, classification, source, registered_by, import_batch, import_line
    )
    result = IntakeResult(classification, notification=notification)
    if classification.outcome == Outcome.REVIEW:
        _save_notification(notification)
        return result
    _apply(result, organisation, data)
    return result


def _apply(result: IntakeResult, organisation: Organisation, data: NotificationData) -> None:
    """Carry out a matched melding: client, detention and trajectory (the notification is saved)."""
    notification, classification = result.notification, result.classification
    notification.status = NotificationStatus.PROCESSED
    notification.review_reason = ""
    if data.kind == NotificationKind.BEGIN:
        client = classification.client or _client_create(organisation, data, classification)
        detention = detention_open(
            organisation=organisation,
            client=client,
            institution_name=data.institution,
            dji_number=data.dji_number,
            start_date=data.detention_start,
            expected_end=data.expected_release,
            legal_title=data.legal_title,
            pi_casemanager=data.pi_casemanager,
        )
        notification.client = client
        notification.detention = detention
        _save_notification(notification)
        result.trajectory, result.trajectory_created = _attach_trajectory(
            organisation, client, notification, detention, classification.municipality
        )
    else:
        detention = classification.detention
        notification.client = detention.client
        notification.detention = detention
        _save_notification(notification)
        detention_apply(
            detention,
            kind=data.kind,
            release_date=data.release_date,
            institution_name=data.institution,
        )
        # A detention's meldingen belong to the nazorg trajectory (not a re-integratie one).
        result.trajectory = (
            Trajectory.objects.open()
            .filter(client=detention.client, programme=Programme.AFTERCARE)
            .order_by("-pk")
            .first()
        )
        if result.trajectory:
            result.trajectory.notifications.add(notification)
            if data.kind == NotificationKind.END and result.trajectory.released_on is None:
                # The release starts the aftercare period of the trajectory.
                result.trajectory = trajectory_register_release(
                    trajectory=result.trajectory,
                    release_date=data.release_date,
                    user=notification.registered_by,
                )


def _save_notification(notification: DetentionNotification) -> None:
    # A concurrent registration of the same melding fails the fingerprint constraint here; the
    # IntegrityError rolls notification_register back to its savepoint.
    notification.save()


def _client_create(organisation, data: NotificationData, classification) -> Client:
    return client_insert(
        organisation=organisation,
        bsn=data.bsn,
        surname=data.surname,
        prefix=data.prefix,
        first_names=data.first_names,
        birth_date=data.birth_date,
        sex=data.sex if data.sex in ("M", "V", "X") else "",
        municipality=classification.municipality,
    )


def _attach_trajectory(organisation, client, notification, detention, municipality):
    """Link to the client's open trajectory (re-detention) or open a new one."""
    trajectory = (
        Trajectory.objects.open()
        .filter(client=client, programme=Programme.AFTERCARE)
        .order_by("-pk")
        .first()
    )
    created = trajectory is None
    if created:
        trajectory = trajectory_create(
            organisation=organisation,
            client=client,
            programme=Programme.AFTERCARE,
            source=Source.NOTIFICATION,
            opened_on=notification.received_on,
            municipality_id=municipality.pk if municipality else None,
            user=notification.registered_by,
            detention=detention,
        )
    else:
        trajectory.detention = detention
        trajectory.version += 1
        trajectory.save(update_fields=["detention", "version", "updated_at"])
    trajectory.notifications.add(notification)
    return trajectory, created
