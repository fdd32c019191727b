"""Intake: turning a notification (melding) into a client, a detention and a trajectory.

``classify_notification`` (a read) decides what a notification would do; the import preview shows
it. ``notification_register`` (a write) does it, in one transaction. Both work on
:class:`NotificationData`, which the manual form and the file import both produce. A file's rows
are registered in chunks by :mod:`terugkeer.cases.intake.batch` (same rules, fewer queries).

Modules: ``data`` (values), ``classify`` (the read), ``register`` (one melding), ``batch`` (a
file's rows), ``review`` (held meldingen).
"""

from terugkeer.cases.intake.classify import classify_notification, resolve_municipality
from terugkeer.cases.intake.data import (
    OUTCOME_LABELS,
    Classification,
    IntakeRace,
    IntakeRefused,
    IntakeResult,
    NotificationData,
    Outcome,
)
from terugkeer.cases.intake.register import notification_register
from terugkeer.cases.intake.review import (
    notification_correct,
    notification_data_from,
    notification_reprocess,
    notification_resolve,
)

__all__ = [
    "OUTCOME_LABELS",
    "Classification",
    "IntakeRace",
    "IntakeRefused",
    "IntakeResult",
    "NotificationData",
    "Outcome",
    "classify_notification",
    "notification_correct",
    "notification_data_from",
    "notification_register",
    "notification_reprocess",
    "notification_resolve",
    "resolve_municipality",
]
