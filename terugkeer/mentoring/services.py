"""Writes of the mentoring app: the mentor pipeline, matches, reports, feedback and meetings.

Every service is keyword-only, runs in ``transaction.atomic`` and raises a Dutch
``ValidationError`` when a rule is broken. Edits use optimistic locking (``save_versioned``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.accounts.models import Membership
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.core.locking import save_versioned
from terugkeer.core.roles import Role
from terugkeer.mentoring.choices import PIPELINE, MentorStatus
from terugkeer.mentoring.models import (
    Mentor,
    MentorMatch,
    MentorMeeting,
    MentorReport,
    MentorStatusChange,
)

if TYPE_CHECKING:
    from terugkeer.accounts.models import Organisation, User
    from terugkeer.cases.models import Trajectory

# Fields of a mentor a casemanager or functioneel beheerder edits on the form (not the status).
MENTOR_EDITABLE_FIELDS = (
    "full_name",
    "registered_on",
    "user",
    "phone",
    "email",
    "start_date",
    "availability",
    "max_matches",
    "vog_date",
    "agreement_signed_on",
    "trainings",
)


def _check_mentor_user(
    *, organisation: Organisation, user: User | None, mentor: Mentor | None = None
) -> None:
    if user is None:
        return
    taken = Mentor.objects.filter(organisation=organisation, user=user)
    if mentor is not None:
        taken = taken.exclude(pk=mentor.pk)
    if taken.exists():
        raise ValidationError({"user": _("Deze gebruiker is al aan een andere mentor gekoppeld.")})
    has_role = Membership.objects.filter(
        user=user, organisation=organisation, role=Role.MENTOR, is_active=True
    ).exists()
    if not has_role:
        raise ValidationError(
            {"user": _("Deze gebruiker heeft in deze organisatie niet de rol mentor.")}
        )


@transaction.atomic
def mentor_create(*, organisation: Organisation, full_name: str, **fields) -> Mentor:
    """Register a new volunteer (status aangemeld)."""
    unknown = set(fields) - set(MENTOR_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    _check_mentor_user(organisation=organisation, user=fields.get("user"))
    mentor = Mentor(organisation=organisation, full_name=full_name, **fields)
    mentor.full_clean()
    mentor.save()
    return mentor


def mentor_update(*, mentor: Mentor, expected_version: int, changes: dict) -> Mentor:
    unknown = set(changes) - set(MENTOR_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if "user" in changes:
        _check_mentor_user(organisation=mentor.organisation, user=changes["user"], mentor=mentor)
    return save_versioned(mentor, expected_version=expected_version, changes=changes)


def allowed_transitions(status: str) -> list[str]:
    """Forward steps of the pipeline from ``status``, and stopping (from any step but gestopt)."""
    if status == MentorStatus.STOPPED:
        return []
    position = PIPELINE.index(status)
    return [*PIPELINE[position + 1 :], MentorStatus.STOPPED]


@transaction.atomic
def mentor_transition(
    *,
    mentor: Mentor,
    to_status: str,
    user: User,
    expected_version: int,
    on: datetime.date | None = None,
    reason: str = "",
) -> Mentor:
    """Move a mentor forward in the pipeline, or stop them (with a reason).

    Becoming actief needs a VOG date and a signed volunteer agreement; a mentor with active
    matches cannot stop until those are ended.
    """
    on = on or timezone.localdate()
    current = Mentor.objects.select_for_update().get(pk=mentor.pk)
    if to_status not in allowed_transitions(current.status):
        raise ValidationError(
            _("Van '%(from)s' kan een mentor niet naar '%(to)s'.")
            % {
                "from": MentorStatus(current.status).label,
                "to": MentorStatus(to_status).label if to_status in MentorStatus else to_status,
            },
            code="transition",
        )
    changes: dict = {"status": to_status}
    if to_status == MentorStatus.ACTIVE:
        if current.vog_date is None or current.agreement_signed_on is None:
            raise ValidationError(
                _(
                    "Een mentor wordt pas actief met een VOG-datum en een getekende "
                    "vrijwilligersovereenkomst."
                ),
                code="not_ready",
            )
        if current.start_date is None:
            changes["start_date"] = on
    if to_status == MentorStatus.STOPPED:
        if not reason.strip():
            raise ValidationError({"reason": _("Geef de reden van stoppen op.")}, code="reason")
        if current.matches.filter(ended_on__isnull=True).exists():
            raise ValidationError(
                _("Deze mentor heeft nog actieve koppelingen; beëindig die eerst."),
                code="active_matches",
            )
        changes.update(stopped_on=on, stop_reason=reason.strip())
    from_status = current.status
    updated = save_versioned(current, expected_version=expected_version, changes=changes)
    MentorStatusChange.objects.create(
        mentor=updated,
        from_status=from_status,
        to_status=to_status,
        changed_on=on,
        changed_by=user,
        reason=reason.strip(),
    )
    return updated


ONE_ACTIVE_MATCH_MESSAGE = gettext_lazy(
    "Dit traject heeft al een actieve mentor. Beëindig die koppeling eerst."
)


def match_start(
    *,
    mentor: Mentor,
    trajectory: Trajectory,
    user: User,
    started_on: datetime.date | None = None,
    shared_phone: str = "",
    shared_email: str = "",
    shared_contact_note: str = "",
) -> MentorMatch:
    """Match an active mentor to an open trajectory; one active match per trajectory.

    The partial unique constraint decides a race between two casemanagers: the loser's insert
    fails and gets the same Dutch message as the early check.
    """
    started_on = started_on or timezone.localdate()
    if mentor.organisation_id != trajectory.organisation_id:
        raise ValidationError(_("Mentor en traject horen niet bij dezelfde organisatie."))
    if mentor.status != MentorStatus.ACTIVE:
        raise ValidationError(_("Alleen een actieve mentor kan worden gekoppeld."), code="mentor")
    if trajectory.status == TrajectoryStatus.CLOSED:
        raise ValidationError(_("Een afgesloten traject krijgt geen mentor meer."), code="closed")
    if started_on > timezone.localdate():
        raise ValidationError(_("Een koppeling kan niet in de toekomst starten."), code="date")
    match = MentorMatch(
        organisation=trajectory.organisation,
        mentor=mentor,
        trajectory=trajectory,
        started_on=started_on,
        shared_phone=shared_phone,
        shared_email=shared_email,
        shared_contact_note=shared_contact_note,
        started_by=user,
    )
    match.full_clean(validate_constraints=False)
    if MentorMatch.objects.filter(trajectory=trajectory, ended_on__isnull=True).exists():
        raise ValidationError(str(ONE_ACTIVE_MATCH_MESSAGE), code="one_active_match")
    try:
        with transaction.atomic():
            match.save()
    except IntegrityError as exc:  # a colleague matched this trajectory between check and insert
        raise ValidationError(str(ONE_ACTIVE_MATCH_MESSAGE), code="one_active_match") from exc
    return match


def match_end(
    *,
    match: MentorMatch,
    expected_version: int,
    reason: str,
    ended_on: datetime.date | None = None,
) -> MentorMatch:
    ended_on = ended_on or timezone.localdate()
    if match.ended_on is not None:
        raise ValidationError(_("Deze koppeling is al beëindigd."), code="ended")
    if not reason:
        raise ValidationError({"end_reason": _("Geef de reden van beëindigen op.")})
    if ended_on < match.started_on:
        raise ValidationError(
            {"ended_on": _("De einddatum ligt vóór de start van de koppeling.")}, code="date"
        )
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("De einddatum kan niet in de toekomst liggen.")})
    return save_versioned(
        match,
        expected_version=expected_version,
        changes={"ended_on": ended_on, "end_reason": reason},
    )


@transaction.atomic
def report_file(
    *,
    match: MentorMatch,
    user: User,
    met_on: datetime.date,
    contact_kind: str,
    mood: str,
    summary: str = "",
    goal_progress: str = "",
    worries: str = "",
    wants_casemanager_contact: bool = False,
) -> MentorReport:
    """The mentor of an active match files a gespreksverslag."""
    current = MentorMatch.objects.select_for_update().select_related("mentor").get(pk=match.pk)
    if current.mentor.user_id != user.pk:
        raise ValidationError(
            _("Alleen de mentor van deze koppeling kan een verslag indienen."), code="not_mentor"
        )
    if current.ended_on is not None or current.mentor.status == MentorStatus.STOPPED:
        raise ValidationError(_("Deze koppeling is beëindigd."), code="ended")
    if met_on > timezone.localdate():
        raise ValidationError({"met_on": _("De datum van het contact ligt in de toekomst.")})
    if met_on < current.started_on:
        raise ValidationError({"met_on": _("De datum ligt vóór de start van de koppeling.")})
    report = MentorReport(
        organisation=current.organisation,
        match=current,
        met_on=met_on,
        contact_kind=contact_kind,
        mood=mood,
        summary=summary,
        goal_progress=goal_progress,
        worries=worries,
        wants_casemanager_contact=wants_casemanager_contact,
        filed_by=user,
    )
    report.full_clean()
    report.save()
    return report


def report_feedback(
    *,
    report: MentorReport,
    user: User,
    expected_version: int,
    feedback: str,
    for_team_meeting: bool,
) -> MentorReport:
    """The casemanager reacts to a report (the mentor sees it) and may flag it for the team."""
    if report.filed_by_id == user.pk:
        raise ValidationError(_("Op uw eigen verslag kunt u geen reactie geven."))
    changes: dict = {"for_team_meeting": for_team_meeting}
    if feedback.strip() != report.feedback:
        changes.update(feedback=feedback.strip(), feedback_by=user, feedback_at=timezone.now())
    return save_versioned(report, expected_version=expected_version, changes=changes)


@transaction.atomic
def meeting_record(
    *,
    organisation: Organisation,
    user: User,
    held_on: datetime.date,
    attendees: Iterable[Mentor] = (),
    topics: str = "",
    notes: str = "",
    follow_ups: str = "",
) -> MentorMeeting:
    """Record (or schedule, with a date ahead) a mentorenvergadering."""
    attendees = list(attendees)
    if any(m.organisation_id != organisation.pk for m in attendees):
        raise ValidationError({"attendees": _("Alleen mentoren van de eigen organisatie.")})
    if attendees and held_on > timezone.localdate():
        raise ValidationError(
            {"attendees": _("Aanwezigheid registreert u na de vergadering, niet ervoor.")}
        )
    meeting = MentorMeeting(
        organisation=organisation,
        held_on=held_on,
        topics=topics,
        notes=notes,
        follow_ups=follow_ups,
        recorded_by=user,
    )
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting
