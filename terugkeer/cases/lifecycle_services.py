"""The steps that end a phase: the release (aftercare starts), the closing and the reopening.

Each holds the trajectory's row lock, checks the rules first (a Dutch message, nothing changed)
and writes an append-only ``StatusChange``.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.accounts.models import User
from terugkeer.cases import workflow
from terugkeer.cases.choices import (
    OPEN_NEED_TRIAGE,
    ClosingReason,
    Programme,
    SnapshotMoment,
    TrajectoryStatus,
)
from terugkeer.cases.models import DomainAssessment, StatusChange, Trajectory
from terugkeer.cases.services import TransitionRefused, _change_status, _locked, _snapshot


def open_need_names(trajectory: Trajectory) -> list[str]:
    """Names of the domains with an open help request (hulpvraag, in behandeling), in order."""
    return list(
        DomainAssessment.objects.filter(trajectory=trajectory, status__in=OPEN_NEED_TRIAGE)
        .order_by("domain__order")
        .values_list("domain__name", flat=True)
    )


def check_closing(*, trajectory: Trajectory, reason: str, note: str) -> None:
    """The rules of a closing, before anything changes (the confirmation step asks them too)."""
    if reason not in ClosingReason.values:
        raise TransitionRefused(
            _("Kies een reden om het traject af te sluiten."), code="closing_reason"
        )
    needs = open_need_names(trajectory) if reason == ClosingReason.GOALS_MET else []
    if needs and not (note or "").strip():
        raise TransitionRefused(
            _(
                "‘Doelen bereikt’ terwijl er nog een hulpvraag open staat (%(domains)s): licht "
                "dat toe in het veld Toelichting."
            )
            % {"domains": ", ".join(needs)},
            code="closing_note",
        )


@transaction.atomic
def trajectory_close(
    *,
    trajectory: Trajectory,
    reason: str,
    user: User | None,
    expected_version: int | None = None,
    closed_on: datetime.date | None = None,
    note: str = "",
) -> Trajectory:
    """Close a trajectory; a reason is required. The client may decline at any point."""
    check_closing(trajectory=trajectory, reason=reason, note=note)
    current = _locked(trajectory, expected_version)
    closed_on = closed_on or timezone.localdate()
    if current.released_on:
        _snapshot(current, SnapshotMoment.END, closed_on)
    _change_status(
        current,
        to_status=TrajectoryStatus.CLOSED,
        effective_on=closed_on,
        user=user,
        reason=reason,
        note=note,
    )
    current.closing_reason = reason
    current.closed_on = closed_on
    current.save()
    return current


REOPENED = "heropend"  # StatusChange.reason of a reopening


@transaction.atomic
def trajectory_reopen(
    *, trajectory: Trajectory, reason: str, user: User | None, expected_version: int | None = None
) -> Trajectory:
    """Reopen a closed trajectory at the step it was closed from; the reason is in the history.

    Refused while the client has another open trajectory in the programme (the database's
    one-open-trajectory constraint holds it under concurrent requests too).
    """
    reason = (reason or "").strip()
    if not reason:
        raise TransitionRefused(_("Geef een reden om het traject te heropenen."), code="reopen")
    current = _locked(trajectory, expected_version)
    if current.status != TrajectoryStatus.CLOSED:
        raise TransitionRefused(_("Dit traject is niet afgesloten."), code="reopen")
    already_open = _(
        "Deze cliënt heeft al een lopend traject in dit programma; heropenen kan niet."
    )
    others = Trajectory.objects.filter(client_id=current.client_id, programme=current.programme)
    if others.open().exclude(pk=current.pk).exists():
        raise TransitionRefused(already_open, code="reopen_open_trajectory")
    closing = current.status_changes.filter(to_status=TrajectoryStatus.CLOSED).last()
    back_to = (closing.from_status if closing else "") or TrajectoryStatus.REGISTERED
    StatusChange.objects.create(
        trajectory=current,
        from_status=TrajectoryStatus.CLOSED,
        to_status=back_to,
        effective_on=timezone.localdate(),
        changed_by=user,
        reason=REOPENED,
        note=reason,
    )
    current.status = back_to
    current.closing_reason = ""
    current.closed_on = None
    current.version += 1
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError as race:
        raise TransitionRefused(already_open, code="reopen_open_trajectory") from race
    return current


@transaction.atomic
def trajectory_register_release(
    *,
    trajectory: Trajectory,
    release_date: datetime.date,
    user: User | None,
    expected_version: int | None = None,
) -> Trajectory:
    """The client is released: aftercare starts and runs for the organisation's aftercare period.

    Sets the detention's actual end (if not yet set), the aftercare end date, captures the
    basisvoorwaarden at release, and moves a trajectory that was preparing to 'nazorg'.
    """
    current = _locked(trajectory, expected_version)
    if current.programme != Programme.AFTERCARE:
        raise TransitionRefused(_("Alleen een nazorgtraject kent een vrijlating."), code="release")
    if current.status == TrajectoryStatus.CLOSED:
        raise TransitionRefused(_("Dit traject is al afgesloten."), code="release")
    if current.detention and current.detention.start_date > release_date:
        raise TransitionRefused(
            _("De datum van vrijlating ligt vóór de datum van insluiting."), code="release_date"
        )
    detention = current.detention
    if detention and detention.actual_end != release_date:
        detention.actual_end = release_date
        detention.version += 1
        detention.save()
    months = current.organisation.aftercare_months
    current.released_on = release_date
    current.aftercare_end = release_date + relativedelta(months=months)
    _snapshot(current, SnapshotMoment.RELEASE, release_date)
    if current.status in workflow.PRE_RELEASE:
        _change_status(
            current, to_status=TrajectoryStatus.AFTERCARE, effective_on=release_date, user=user
        )
    else:
        current.version += 1
    current.save()
    return current
