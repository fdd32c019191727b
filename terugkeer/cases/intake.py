"""Intake: turning a notification (melding) into a client, a detention and a trajectory.

``classify_notification`` (a read) decides what a notification would do; the import preview shows
it. ``notification_register`` (a write) does it, in one transaction. Both work on
:class:`NotificationData`, which the manual form and the file import both produce.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.accounts.models import Municipality, Organisation, User
from terugkeer.cases.choices import Programme, Source
from terugkeer.cases.lifecycle_services import trajectory_register_release
from terugkeer.cases.models import Trajectory
from terugkeer.cases.services import trajectory_create
from terugkeer.clients.models import Client
from terugkeer.clients.services import client_insert
from terugkeer.core.locking import save_versioned
from terugkeer.detention.choices import (
    NotificationKind,
    NotificationSource,
    NotificationStatus,
)
from terugkeer.detention.import_fields import DATE_FIELDS
from terugkeer.detention.importing import typed_fingerprint
from terugkeer.detention.models import (
    Detention,
    DetentionNotification,
)
from terugkeer.detention.selectors import running_detention
from terugkeer.detention.services import detention_apply, detention_open


@dataclass(frozen=True)
class NotificationData:
    """The values of one melding, already parsed and normalised."""

    kind: str
    bsn: str
    surname: str
    birth_date: datetime.date | None
    municipality: str  # name or CBS code
    first_names: str = ""
    prefix: str = ""
    sex: str = ""
    dji_number: str = ""
    institution: str = ""
    detention_start: datetime.date | None = None
    expected_release: datetime.date | None = None
    release_date: datetime.date | None = None
    legal_title: str = ""
    pi_casemanager: str = ""
    received_on: datetime.date | None = None
    fingerprint: str = ""
    raw: dict = field(default_factory=dict)

    @classmethod
    def from_parsed_row(cls, row) -> NotificationData:
        return cls(
            kind=row.kind,
            bsn=row.bsn,
            surname=row.surname,
            birth_date=row.birth_date,
            municipality=row.municipality,
            first_names=row.first_names,
            prefix=row.prefix,
            sex=row.sex,
            dji_number=row.dji_number,
            institution=row.institution,
            detention_start=row.detention_start,
            expected_release=row.expected_release,
            release_date=row.release_date,
            legal_title=row.legal_title,
            pi_casemanager=row.pi_casemanager,
            fingerprint=row.fingerprint,
            raw=dict(row.raw),
        )

    @property
    def notification_date(self) -> datetime.date:
        """DJI notifies on day one of the detention; without a date, the day it arrives."""
        if self.received_on:
            return self.received_on
        if self.kind == NotificationKind.BEGIN and self.detention_start:
            return self.detention_start
        if self.kind == NotificationKind.END and self.release_date:
            return self.release_date
        return timezone.localdate()


class Outcome(StrEnum):
    NEW_CLIENT = "nieuwe_client"
    KNOWN_CLIENT = "bekende_client"
    DUPLICATE = "dubbel"
    REVIEW = "beoordelen"
    ERROR = "fout"


OUTCOME_LABELS = {  # lazy: evaluated per request language
    Outcome.NEW_CLIENT: gettext_lazy("nieuwe cliënt"),
    Outcome.KNOWN_CLIENT: gettext_lazy("bekende cliënt"),
    Outcome.DUPLICATE: gettext_lazy("al eerder ontvangen"),
    Outcome.REVIEW: gettext_lazy("wordt vastgehouden ter beoordeling"),
    Outcome.ERROR: gettext_lazy("fout"),
}


@dataclass
class Classification:
    outcome: Outcome
    reason: str = ""
    client: Client | None = None
    municipality: Municipality | None = None
    detention: Detention | None = None

    @property
    def label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])


def resolve_municipality(organisation: Organisation, value: str) -> Municipality | None:
    """The municipality named by ``value`` (CBS code or name) if the organisation serves it."""
    value = value.strip()
    if not value:
        return None
    return (
        organisation.municipalities.filter(Q(cbs_code__iexact=value) | Q(name__iexact=value))
        .order_by("pk")
        .first()
    )


def classify_notification(*, organisation: Organisation, data: NotificationData) -> Classification:
    """What registering ``data`` would do, without writing anything."""
    if (
        data.fingerprint
        and DetentionNotification.objects.filter(
            organisation=organisation, fingerprint=data.fingerprint
        ).exists()
    ):
        return Classification(
            Outcome.DUPLICATE, _("Deze melding is al eerder ontvangen en wordt overgeslagen.")
        )
    municipality = resolve_municipality(organisation, data.municipality)
    if municipality is None:
        return Classification(
            Outcome.ERROR,
            _("Gemeente '%(value)s' wordt niet door uw organisatie bediend.")
            % {"value": data.municipality},
        )
    client = Client.objects.filter(organisation=organisation, bsn=data.bsn).first()
    if client is not None and _identity_differs(client, data):
        return Classification(
            Outcome.REVIEW,
            # The reason is shown to whoever imports or reviews, who may not be allowed to see
            # this client (an afgeschermd case): it never names the known person.
            _(
                "Het BSN is al bekend bij een cliënt van uw organisatie, maar de melding noemt "
                "een andere naam of geboortedatum. De melding wordt niet samengevoegd en wacht op "
                "beoordeling."
            ),
            client=client,
            municipality=municipality,
        )
    if data.kind == NotificationKind.BEGIN:
        outcome = Outcome.KNOWN_CLIENT if client else Outcome.NEW_CLIENT
        return Classification(outcome, client=client, municipality=municipality)
    if client is None:
        return Classification(
            Outcome.REVIEW,
            _(
                "Er is geen cliënt met dit BSN; een %(kind)s-melding kan nergens aan gekoppeld "
                "worden."
            )
            % {"kind": NotificationKind(data.kind).label},
            municipality=municipality,
        )
    detention = running_detention(client, data.dji_number)
    if detention is None:
        return Classification(
            Outcome.REVIEW,
            _("De cliënt heeft geen lopende detentie waar deze melding bij hoort."),
            client=client,
            municipality=municipality,
        )
    return Classification(
        Outcome.KNOWN_CLIENT, client=client, municipality=municipality, detention=detention
    )


def _identity_differs(client: Client, data: NotificationData) -> bool:
    return client.surname.strip().lower() != data.surname.strip().lower() or (
        data.birth_date is not None and client.birth_date != data.birth_date
    )


@dataclass
class IntakeResult:
    classification: Classification
    notification: DetentionNotification | None = None
    trajectory: Trajectory | None = None
    trajectory_created: bool = False


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
        data = replace(data, fingerprint=_typed_fingerprint(data))
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


def _typed_fingerprint(data: NotificationData) -> str:
    return typed_fingerprint(
        kind=data.kind,
        bsn=data.bsn,
        dji_number=data.dji_number,
        dates={name: getattr(data, name) for name in DATE_FIELDS},
        institution=data.institution,
        municipality=data.municipality,
    )


def _register(
    organisation, data, classification, source, registered_by, import_batch, import_line
) -> IntakeResult:
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
    result = IntakeResult(classification, notification=notification)
    if classification.outcome == Outcome.REVIEW:
        notification.status = NotificationStatus.REVIEW
        notification.review_reason = classification.reason[:300]
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


class IntakeRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class IntakeRace(IntakeRefused):
    """Another request registered this melding at the same moment in another way."""


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
