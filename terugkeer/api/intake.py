"""Meldingen pushed by a system: the checks of a file row, then the intake of a file, atomically.

Each melding is a JSON object with the fields of the file import (``kind``, ``bsn``, ``surname``,
``birth_date``, ``municipality``, ...; dates as ``jjjj-mm-dd`` or ``dd-mm-jjjj``). It is checked
exactly as a file row is (``detention.import_rows``), gets the same fingerprint (so a melding
pushed twice, or pushed and also imported from a file, is one melding), and all meldingen of one
request are registered by ``cases.intake.batch`` in one transaction: one refused melding and
nothing is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.cases.intake import IntakeRefused, IntakeResult, NotificationData, Outcome
from terugkeer.cases.intake.batch import notifications_register_batch
from terugkeer.detention.choices import NotificationSource
from terugkeer.detention.import_fields import FIELDS, label
from terugkeer.detention.import_rows import parse_fields

FIELD_NAMES = tuple(FIELDS)
MAX_NOTIFICATIONS = 1000


@dataclass
class RowError:
    index: int  # 0-based position in the request
    field: str | None
    detail: str

    def as_dict(self) -> dict:
        where = f"[{self.index}]"
        return {"field": f"{where}.{self.field}" if self.field else where, "detail": self.detail}


class NotificationsRefused(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(e.detail for e in errors))
        self.errors = errors


def _field_of(message: str) -> str | None:
    """The field a row message is about: the first field label it names."""
    best: tuple[int, str] | None = None
    for name in FIELD_NAMES:
        match = re.search(rf"(?<!\w){re.escape(label(name))}(?!\w)", message, re.IGNORECASE)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), name)
    return best[1] if best else None


def _as_melding(message: str, line: int) -> str:
    return message.replace(
        _("Regel %(line)s:") % {"line": line}, _("Melding %(n)s:") % {"n": line}, 1
    )


def parse_notifications(items: list) -> list[tuple[int, NotificationData]]:
    """``(number, data)`` per melding (numbered from 1); every problem raises, naming its field."""
    today = timezone.localdate()
    errors: list[RowError] = []
    entries: list[tuple[int, NotificationData]] = []
    seen: dict[str, int] = {}
    if len(items) > MAX_NOTIFICATIONS:
        message = _("Stuur ten hoogste %(n)s meldingen per verzoek.") % {"n": MAX_NOTIFICATIONS}
        raise NotificationsRefused([RowError(0, None, message)])
    for index, item in enumerate(items):
        number = index + 1
        if not isinstance(item, dict):
            errors.append(RowError(index, None, _("Een melding is een object met velden.")))
            continue
        unknown = sorted(set(item) - set(FIELD_NAMES))
        for name in unknown:
            errors.append(RowError(index, name, _("Onbekend veld '%(name)s'.") % {"name": name}))
        row = parse_fields(number, item, today)
        for message in row.errors:
            errors.append(RowError(index, _field_of(message), _as_melding(message, number)))
        first = seen.setdefault(row.fingerprint, number)
        if first != number:
            message = _("Melding %(n)s: deze melding staat al eerder in het verzoek (%(first)s).")
            errors.append(RowError(index, None, message % {"n": number, "first": first}))
        if not row.errors:
            data = NotificationData.from_parsed_row(row)
            entries.append((number, replace(data, raw={k: v for k, v in data.raw.items() if v})))
    if errors:
        raise NotificationsRefused(errors)
    return entries


def notifications_receive(
    *, organisation, entries: list[tuple[int, NotificationData]], registered_by
) -> list[tuple[int, IntakeResult]]:
    """Register every melding, or none: the first refusal rolls back the whole request."""
    with transaction.atomic():
        outcomes = notifications_register_batch(
            organisation=organisation,
            entries=entries,
            source=NotificationSource.IMPORT,
            registered_by=registered_by,
        )
        refused = [
            RowError(
                number - 1,
                None,
                _("Melding %(n)s: %(reason)s") % {"n": number, "reason": outcome.message},
            )
            for (number, _data), outcome in zip(entries, outcomes, strict=True)
            if isinstance(outcome, IntakeRefused)
        ]
        if refused:
            raise NotificationsRefused(refused)
    return [(number, outcome) for (number, _data), outcome in zip(entries, outcomes, strict=True)]


def outcome_json(number: int, result: IntakeResult) -> dict:
    notification = result.notification
    trajectory = result.trajectory
    return {
        "index": number - 1,
        "outcome": str(result.classification.outcome),
        "outcome_label": result.classification.label,
        "reason": result.classification.reason,
        "notification": notification.pk if notification is not None and notification.pk else None,
        "trajectory": trajectory.pk if trajectory is not None else None,
        "trajectory_created": result.trajectory_created,
        "created": result.classification.outcome != Outcome.DUPLICATE,
    }
