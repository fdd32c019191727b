"""Writes of the activities app: consent changes, cards marked as sent, sessions.

Keyword-only, in ``transaction.atomic``, a Dutch ``ValidationError`` naming the field when a
rule is broken. Marking cards as sent checks consent again inside the transaction, so a card is
never recorded as sent to somebody without consent on the day it was sent.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from terugkeer.activities import selectors
from terugkeer.activities.choices import ActivityKind, ConsentChange
from terugkeer.activities.models import ActivitySession, Attendance, CardMailing, CardSubscription
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Action

if TYPE_CHECKING:
    from terugkeer.accounts.models import Organisation, User
    from terugkeer.core.access import Scope


@transaction.atomic
def consent_record(
    *, trajectory: Trajectory, user: User, change: str, on: datetime.date, note: str = ""
) -> CardSubscription:
    """Add a consent change (given or withdrawn); never before the latest change."""
    if change not in ConsentChange.values:
        raise ValidationError({"change": _("Kies: toestemming gegeven of ingetrokken.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("De datum ligt in de toekomst.")})
    # Serialise changes of one trajectory's consent (two colleagues at once).
    Trajectory.objects.select_for_update().filter(pk=trajectory.pk).first()
    latest = CardSubscription.objects.filter(trajectory=trajectory).order_by("-on", "-pk").first()
    if latest is not None and on < latest.on:
        raise ValidationError(
            {
                "on": _("De laatste wijziging is van %(date)s; een nieuwe kan niet eerder.")
                % {"date": date_format(latest.on, "d-m-Y")}
            }
        )
    current = latest.change if latest else ConsentChange.WITHDRAWN
    if current == change:
        message = (
            _("Er is al toestemming.")
            if change == ConsentChange.GIVEN
            else _("Er is geen toestemming om in te trekken.")
        )
        raise ValidationError({"change": message})
    return CardSubscription.objects.create(
        organisation=trajectory.organisation,
        trajectory=trajectory,
        change=change,
        on=on,
        note=note,
        recorded_by=user,
    )


@transaction.atomic
def cards_mark_sent(
    *,
    scope: Scope,
    month: datetime.date,
    trajectory_ids: Iterable[int],
    user: User,
    sent_on: datetime.date,
) -> list[CardMailing]:
    """Record the month's cards as sent to the chosen participants on the month's list.

    Who is not on the list on ``sent_on`` (no consent that day, or not visible) is skipped, and
    so is a card already recorded for the month; the address is stored as it was sent.
    """
    today = timezone.localdate()
    if sent_on > today:
        raise ValidationError({"sent_on": _("De datum ligt in de toekomst.")})
    if not month <= sent_on <= selectors.month_end(month):
        raise ValidationError({"sent_on": _("De verzenddatum valt niet in deze maand.")})
    # Recording a card is a change of the case: only where the scope may change it (a team
    # chair who is also a coordinator changes as a coordinator, not on shielded cases).
    chosen = set(
        Trajectory.objects.visible_to(scope, action=Action.CHANGE)
        .filter(pk__in=set(trajectory_ids))
        .values_list("pk", flat=True)
    )
    rows = selectors.card_list(scope=scope, month=month, today=sent_on)
    created = []
    for row in rows:
        if row.trajectory.pk not in chosen or row.mailing is not None:
            continue
        mailing, made = CardMailing.objects.get_or_create(
            trajectory=row.trajectory,
            month=month,
            defaults={
                "organisation": row.trajectory.organisation,
                "address": row.address_text,
                "sent_on": sent_on,
                "sent_by": user,
            },
        )
        if made:
            created.append(mailing)
    return created


@transaction.atomic
def session_record(
    *,
    organisation: Organisation,
    user: User,
    kind: str,
    held_on: datetime.date,
    participants: Iterable[Trajectory] = (),
    mentors: Iterable = (),
    title: str = "",
    place: str = "",
    partner: str = "",
    notes: str = "",
) -> ActivitySession:
    """A session held (or planned) with who was there: participants and mentors."""
    if kind not in ActivityKind.values:
        raise ValidationError({"kind": _("Kies de soort activiteit.")})
    participants, mentors = list(participants), list(mentors)
    if any(t.organisation_id != organisation.pk for t in participants):
        raise ValidationError({"participants": _("Kies deelnemers van de eigen organisatie.")})
    if any(m.organisation_id != organisation.pk for m in mentors):
        raise ValidationError({"mentors": _("Kies mentoren van de eigen organisatie.")})
    if participants and held_on > timezone.localdate():
        raise ValidationError(
            {"held_on": _("Aanwezigheid kan pas na de activiteit worden vastgelegd.")}
        )
    session = ActivitySession.objects.create(
        organisation=organisation,
        kind=kind,
        title=title,
        held_on=held_on,
        place=place,
        partner=partner,
        notes=notes,
        recorded_by=user,
    )
    session.mentors.set(mentors)
    Attendance.objects.bulk_create(Attendance(session=session, trajectory=t) for t in participants)
    return session
