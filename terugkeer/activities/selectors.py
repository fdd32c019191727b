"""Reads of the activities app, through ``visible_to(scope)``.

The monthly card list: who has consent on the list's day (the latest change on or before it
is "gegeven"), with the postal address the card goes to: the penitentiary institution while the
participant is detained, else the participant's own address.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from terugkeer.activities.choices import ConsentChange
from terugkeer.activities.models import ActivitySession, Attendance, CardMailing, CardSubscription
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Scope, get_visible_or_404
from terugkeer.detention.models import Detention


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def list_day(month: datetime.date, today: datetime.date) -> datetime.date:
    """The day whose consent decides a month's list: its last day, or today in this month."""
    return min(month_end(month), today)


def consent_history(*, scope: Scope, trajectory) -> QuerySet[CardSubscription]:
    return (
        CardSubscription.objects.visible_to(scope)
        .filter(trajectory=trajectory)
        .select_related("recorded_by")
        .order_by("on", "pk")
    )


def latest_changes(trajectory_ids, day: datetime.date) -> dict[int, CardSubscription]:
    """The latest consent change on or before ``day`` per trajectory (ties: the later row)."""
    latest: dict[int, CardSubscription] = {}
    changes = CardSubscription.objects.filter(trajectory_id__in=trajectory_ids, on__lte=day)
    for change in changes.order_by("on", "pk"):
        latest[change.trajectory_id] = change
    return latest


def has_consent(trajectory_id: int, day: datetime.date) -> bool:
    change = latest_changes([trajectory_id], day).get(trajectory_id)
    return change is not None and change.change == ConsentChange.GIVEN


@dataclass
class CardRow:
    trajectory: Trajectory
    address: list[str]
    detained: bool
    mailing: CardMailing | None = None
    missing: list[str] = field(default_factory=list)

    @property
    def address_text(self) -> str:
        return "\n".join(self.address)


def postal_address(client, detention: Detention | None) -> list[str]:
    """Where the card goes: the PI while detained (its place; the DJI number for the post
    room), otherwise the participant's own address. Empty lines are left out."""
    name = client.display_name
    if detention is not None:
        institution = detention.institution
        lines = [name]
        if detention.dji_number:
            lines.append(f"DJI-nr. {detention.dji_number}")
        if institution is not None:
            lines += [institution.name, institution.place]
        return lines
    city = " ".join(part for part in (client.postcode, client.city) if part)
    return [line for line in (name, client.address, city) if line]


def card_list(*, scope: Scope, month: datetime.date, today: datetime.date) -> list[CardRow]:
    """The month's card list: open trajectories the scope may see with consent on the list's
    day. Nobody without consent on that day is in it, whatever was sent before."""
    day = list_day(month, today)
    trajectories = list(
        Trajectory.objects.visible_to(scope)
        .exclude(status=TrajectoryStatus.CLOSED)
        .select_related("client")
    )
    latest = latest_changes([t.pk for t in trajectories], day)
    consenting = [
        t for t in trajectories if (c := latest.get(t.pk)) and c.change == ConsentChange.GIVEN
    ]
    ids = [t.pk for t in consenting]
    detentions: dict[int, Detention] = {}
    running = (
        Detention.objects.visible_to(scope)
        .filter(client_id__in=[t.client_id for t in consenting], start_date__lte=day)
        .filter(Q(actual_end__isnull=True) | Q(actual_end__gt=day))
        .select_related("institution")
        .order_by("start_date", "pk")
    )
    for detention in running:
        detentions[detention.client_id] = detention
    mailings = {
        m.trajectory_id: m
        for m in CardMailing.objects.visible_to(scope).filter(trajectory_id__in=ids, month=month)
    }
    rows = []
    for trajectory in sorted(consenting, key=lambda t: (t.client.surname, t.pk)):
        detention = detentions.get(trajectory.client_id)
        address = postal_address(trajectory.client, detention)
        missing = [] if len(address) >= 3 else ["adres"]
        rows.append(
            CardRow(
                trajectory=trajectory,
                address=address,
                detained=detention is not None,
                mailing=mailings.get(trajectory.pk),
                missing=missing,
            )
        )
    return rows


def trajectory_mailings(*, scope: Scope, trajectory) -> QuerySet[CardMailing]:
    return CardMailing.objects.visible_to(scope).filter(trajectory=trajectory)


def sessions_for(*, scope: Scope) -> QuerySet[ActivitySession]:
    return ActivitySession.objects.visible_to(scope).annotate(
        participant_count=Count("attendances", distinct=True),
        mentor_count=Count("mentors", distinct=True),
    )


def session_for(*, scope: Scope, pk) -> ActivitySession:
    return get_visible_or_404(sessions_for(scope=scope), pk=pk)


def session_attendance(*, scope: Scope, session) -> QuerySet[Attendance]:
    return (
        Attendance.objects.visible_to(scope)
        .filter(session=session)
        .select_related("trajectory__client")
        .order_by("trajectory__client__surname", "pk")
    )


def trajectory_attendance(*, scope: Scope, trajectory) -> QuerySet[Attendance]:
    return (
        Attendance.objects.visible_to(scope)
        .filter(trajectory=trajectory)
        .select_related("session")
        .order_by("-session__held_on", "-pk")
    )


def participant_choices(*, scope: Scope) -> QuerySet[Trajectory]:
    """Open trajectories the scope may change: who can be registered as present."""
    from terugkeer.core.access import Action

    return (
        Trajectory.objects.visible_to(scope, action=Action.CHANGE)
        .exclude(status=TrajectoryStatus.CLOSED)
        .select_related("client")
        .order_by("client__surname", "pk")
    )
