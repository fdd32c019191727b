"""Reads of the partners app, each starting from ``visible_to(scope)``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from terugkeer.accounts.models import Membership, Organisation, User
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import (
    Action,
    Scope,
    get_visible_or_404,
    require_stated_reason,
    scope_for,
)
from terugkeer.core.agenda_registry import AgendaItem, agenda_for
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.partners.choices import ReferralStatus
from terugkeer.partners.models import (
    DEFAULT_REFERRAL_ANSWER_DAYS,
    ContactPerson,
    Document,
    Involvement,
    MeetingDecision,
    Partner,
    PartnerSettings,
    Referral,
    TeamMeeting,
)

DEFAULT_MEETING_INTERVAL = datetime.timedelta(days=21)


def referral_answer_days(organisation: Organisation | int) -> int:
    organisation_id = getattr(organisation, "pk", organisation)
    found = PartnerSettings.objects.filter(organisation_id=organisation_id).first()
    return found.referral_answer_days if found else DEFAULT_REFERRAL_ANSWER_DAYS


# --- Partners ------------------------------------------------------------------------------


def partners_for(*, scope: Scope, active_only: bool = False) -> QuerySet[Partner]:
    found = Partner.objects.visible_to(scope)
    return found.filter(is_active=True) if active_only else found


def partner_for(*, scope: Scope, pk, action: str = Action.VIEW) -> Partner:
    return get_visible_or_404(Partner.objects.visible_to(scope, action=action), pk=pk)


def contact_for(*, scope: Scope, pk, action: str = Action.VIEW) -> ContactPerson:
    return get_visible_or_404(
        ContactPerson.objects.visible_to(scope, action=action).select_related("partner"), pk=pk
    )


def contacts_for(*, scope: Scope) -> QuerySet[ContactPerson]:
    return (
        ContactPerson.objects.visible_to(scope)
        .filter(is_active=True, partner__is_active=True)
        .select_related("partner")
    )


# --- On a trajectory -----------------------------------------------------------------------


def trajectory_involvements(*, scope: Scope, trajectory: Trajectory) -> QuerySet[Involvement]:
    return (
        Involvement.objects.visible_to(scope)
        .filter(trajectory=trajectory)
        .select_related("partner", "contact")
    )


def involvement_for(*, scope: Scope, pk, action: str = Action.VIEW) -> Involvement:
    return get_visible_or_404(
        Involvement.objects.visible_to(scope, action=action).select_related(
            "trajectory__client", "partner", "contact"
        ),
        pk=pk,
    )


def trajectory_referrals(*, scope: Scope, trajectory: Trajectory) -> QuerySet[Referral]:
    return (
        Referral.objects.visible_to(scope)
        .filter(trajectory=trajectory)
        .select_related("partner", "contact", "sent_by")
        .prefetch_related("changes__changed_by")
    )


def referral_for(
    *, scope: Scope, pk, action: str = Action.VIEW, check_reason: bool = True
) -> Referral:
    """The referral; ``check_reason=False`` leaves break the glass to the caller (a page that
    refuses a change first, so a refused POST stays a 403)."""
    referral = get_visible_or_404(
        Referral.objects.visible_to(scope, action=action).select_related(
            "trajectory__client", "partner", "contact"
        ),
        pk=pk,
    )
    if not check_reason:
        return referral
    return require_stated_reason(scope, referral)  # break the glass: a shielded person's row


def trajectory_documents(*, scope: Scope, trajectory: Trajectory) -> QuerySet[Document]:
    return (
        Document.objects.visible_to(scope)
        .filter(trajectory=trajectory)
        .select_related("uploaded_by", "removed_by")
    )


def document_for(*, scope: Scope, pk, check_reason: bool = True) -> Document:
    """The document, if it still has its file; ``check_reason=False`` leaves break the glass to
    the caller (a page that refuses a change first, so a refused change stays a 403)."""
    document = get_visible_or_404(
        Document.objects.visible_to(scope)
        .filter(removed_at__isnull=True)  # a removed one is a 404, as one outside the scope
        .select_related("trajectory__client"),
        pk=pk,
    )
    if not check_reason:
        return document
    return require_stated_reason(scope, document)  # break the glass: a shielded person's file


def unanswered_referrals(*, scope: Scope, today: datetime.date) -> list[tuple[Referral, int]]:
    """Referrals still ``verstuurd`` after the organisation's number of days (calendar days):
    sent on D with N days, the answer is due on D + N and the signal shows from D + N + 1.

    One query (the home page's signals share a query budget): the organisation's setting is
    a subquery, the date comparison is done here, over the referrals still waiting."""
    setting = PartnerSettings.objects.filter(organisation=OuterRef("organisation")).values(
        "referral_answer_days"
    )[:1]
    found = (
        Referral.objects.visible_to(scope)
        .filter(status=ReferralStatus.SENT, sent_on__lt=today)
        .annotate(
            answer_days=Coalesce(
                Subquery(setting, output_field=IntegerField()),
                Value(DEFAULT_REFERRAL_ANSWER_DAYS),
            )
        )
        .select_related("partner", "trajectory__client")
        .order_by("sent_on", "pk")
    )
    return [
        (referral, referral.answer_days)
        for referral in found
        if referral.sent_on + datetime.timedelta(days=referral.answer_days) < today
    ]


# --- Team meetings -------------------------------------------------------------------------


def meetings_for(*, scope: Scope) -> QuerySet[TeamMeeting]:
    return TeamMeeting.objects.visible_to(scope).select_related("chair")


def meeting_for(*, scope: Scope, pk, action: str = Action.VIEW) -> TeamMeeting:
    return get_visible_or_404(
        TeamMeeting.objects.visible_to(scope, action=action).select_related("chair"), pk=pk
    )


def previous_meeting(*, scope: Scope, meeting: TeamMeeting) -> TeamMeeting | None:
    return (
        TeamMeeting.objects.visible_to(scope)
        .filter(kind=meeting.kind, held_on__lt=meeting.held_on)
        .order_by("-held_on", "-pk")
        .first()
    )


def agenda_period(*, scope: Scope, meeting: TeamMeeting) -> tuple[datetime.date, datetime.date]:
    """Since the previous meeting of the same kind (exclusive) up to this one (inclusive);
    three weeks back for the first."""
    previous = previous_meeting(scope=scope, meeting=meeting)
    since = previous.held_on if previous else meeting.held_on - DEFAULT_MEETING_INTERVAL
    return since, meeting.held_on


def meeting_agenda(*, scope: Scope, meeting: TeamMeeting, today: datetime.date) -> list[AgendaItem]:
    since, until = agenda_period(scope=scope, meeting=meeting)
    return agenda_for(scope=scope, since=since, until=until, today=today)


def meeting_decisions(*, scope: Scope, meeting: TeamMeeting) -> QuerySet[MeetingDecision]:
    return (
        MeetingDecision.objects.visible_to(scope)
        .filter(meeting=meeting)
        .select_related("trajectory__client", "recorded_by")
    )


def casework_colleagues(*, organisation: Organisation) -> QuerySet[User]:
    return (
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__is_active=True,
            memberships__role__in=CASEWORK_ROLES,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def visible_to_all_attendees(*, meeting: TeamMeeting, trajectory_ids: set[int]) -> set[int]:
    """The trajectories every attendee and the chair may read: the minutes name only these.

    A shielded case is readable only by its assigned workers; an attendee who may not open it
    must not learn of it from the minutes. An attendee without an active casework membership
    sees nothing, so then no trajectory is named at all.
    """
    people = {meeting.chair_id, *meeting.attendees.values_list("pk", flat=True)}
    memberships = Membership.objects.filter(
        organisation_id=meeting.organisation_id, user_id__in=people, is_active=True
    ).select_related("user", "organisation")
    by_user = {m.user_id: m for m in memberships if m.role in CASEWORK_ROLES}
    remaining = set(trajectory_ids)
    for user_id in people:
        membership = by_user.get(user_id)
        if membership is None:
            return set()
        scope = scope_for(membership.user, membership)
        remaining &= set(
            Trajectory.objects.visible_to(scope)
            .filter(pk__in=remaining)
            .values_list("pk", flat=True)
        )
    return remaining


@dataclass(frozen=True)
class MinutesItem:
    item: AgendaItem | None
    subject: str
    title: str
    decisions: list[str]


def minutes(*, scope: Scope, meeting: TeamMeeting, today: datetime.date) -> dict:
    """What the minutes PDF shows: agenda items and decisions on trajectories every attendee
    may read; the rest only counted."""
    agenda = meeting_agenda(scope=scope, meeting=meeting, today=today)
    decisions = list(meeting_decisions(scope=scope, meeting=meeting))
    ids = {i.trajectory_id for i in agenda if i.trajectory_id} | {
        d.trajectory_id for d in decisions
    }
    shown = visible_to_all_attendees(meeting=meeting, trajectory_ids=ids)
    by_code: dict[str, list[str]] = {}
    for decision in decisions:
        if decision.trajectory_id in shown:  # a decision on a case not every attendee may read
            by_code.setdefault(decision.item_code, []).append(decision.text)
    items = [i for i in agenda if i.trajectory_id is None or i.trajectory_id in shown]
    agenda_codes = {i.code for i in agenda}
    loose = [d for d in decisions if d.item_code not in agenda_codes and d.trajectory_id in shown]
    hidden = len({i.trajectory_id for i in agenda if i.trajectory_id not in shown} - {None})
    return {
        "items": [(i, by_code.get(i.code, [])) for i in items],
        "loose_decisions": loose,
        "hidden_count": hidden,
    }
