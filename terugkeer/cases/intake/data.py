"""The values an intake works on: a melding's data, its classification and result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext_lazy

from terugkeer.accounts.models import Municipality
from terugkeer.cases.models import Trajectory
from terugkeer.clients.models import Client
from terugkeer.detention.choices import NotificationKind
from terugkeer.detention.models import Detention, DetentionNotification


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


@dataclass
class IntakeResult:
    classification: Classification
    notification: DetentionNotification | None = None
    trajectory: Trajectory | None = None
    trajectory_created: bool = False


class IntakeRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class IntakeRace(IntakeRefused):
    """Another request registered this melding at the same moment in another way."""
