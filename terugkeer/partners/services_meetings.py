"""Writes of the team meeting: the meeting itself, attendance, lessons, and decisions per item.

A decision is recorded against one agenda item of a trajectory the recorder may read; it shows
on that trajectory's klantreis (``extensions.meeting_decision_events``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terugkeer.accounts.models import Membership, Organisation, User
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Scope
from terugkeer.core.locking import save_versioned
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.partners.models import MeetingDecision, TeamMeeting

MEETING_FIELDS = ("kind", "held_on", "chair", "topic", "notes", "lessons")


def _members(organisation: Organisation, users: Iterable[User]) -> set[int]:
    ids = {u.pk for u in users}
    found = set(
        Membership.objects.filter(
            organisation=organisation, user_id__in=ids, is_active=True
        ).values_list("user_id", flat=True)
    )
    return ids - found


def _check_people(organisation: Organisation, chair: User, attendees: list[User]) -> None:
    chair_ok = Membership.objects.filter(
        organisation=organisation, user=chair, is_active=True, role__in=CASEWORK_ROLES
    ).exists()
    if not chair_ok:
        raise ValidationError(
            {"chair": _("De voorzitter moet een collega uit het casusteam zijn.")}
        )
    if _members(organisation, attendees):
        raise ValidationError({"attendees": _("Alleen collega's van de eigen organisatie.")})


@transaction.atomic
def meeting_create(
    *,
    organisation: Organisation,
    kind: str,
    held_on: datetime.date,
    chair: User,
    attendees: Iterable[User] = (),
    topic: str = "",
    notes: str = "",
    lessons: str = "",
) -> TeamMeeting:
    attendees = list(attendees)
    _check_people(organisation, chair, attendees)
    meeting = TeamMeeting(
        organisation=organisation,
        kind=kind,
        held_on=held_on,
        chair=chair,
        topic=topic.strip(),
        notes=notes,
        lessons=lessons,
    )
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: TeamMeeting,
    expected_version: int,
    changes: dict,
    attendees: Iterable[User] | None = None,
) -> TeamMeeting:
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    attendees = list(attendees) if attendees is not None else list(meeting.attendees.all())
    _check_people(meeting.organisation, changes.get("chair", meeting.chair), attendees)
    updated = save_versioned(meeting, expected_version=expected_version, changes=changes)
    updated.attendees.set(attendees)
    return updated


@transaction.atomic
def decision_record(
    *,
    scope: Scope,
    meeting: TeamMeeting,
    trajectory: Trajectory,
    item_code: str,
    text: str,
    user: User,
) -> MeetingDecision:
    """Record what the meeting decided on one item; it goes to the trajectory's klantreis."""
    if meeting.organisation_id != trajectory.organisation_id:
        raise ValidationError(_("Dit traject hoort niet bij de organisatie van het overleg."))
    if not Trajectory.objects.visible_to(scope).filter(pk=trajectory.pk).exists():
        raise ValidationError(_("U kunt dit traject niet inzien."))
    if not text.strip():
        raise ValidationError({"text": _("Schrijf het besluit of de notitie op.")})
    # An agenda item's code ends with its trajectory ("release:12"): a decision on one case is
    # never filed under another case's item (the minutes would print it there).
    if not item_code.endswith(f":{trajectory.pk}"):
        raise ValidationError(_("Dit besluit hoort niet bij dit agendapunt."))
    decision = MeetingDecision(
        meeting=meeting,
        trajectory=trajectory,
        item_code=item_code[:50],
        text=text.strip(),
        recorded_by=user,
    )
    decision.full_clean()
    decision.save()
    return decision
