"""What partners adds to other apps' pages through their registries (none imports us).

Two dossier tabs (Ketenpartners: involvement and referrals; Documenten), klantreis events in
a lane of each partner's own (involvement as a period, each referral step) and in the own
organisation's lane (meeting decisions, documents), and the menu items: *Ketenpartners* for
casework and the functioneel beheerder, *Teamoverleg* for casework.
"""

from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.cases import registry
from terugkeer.cases.timeline import LANE_OWN, Event, Lane
from terugkeer.core.navigation import NavItem, register_nav_item
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.partners.access import PARTNER_READERS
from terugkeer.partners.choices import ReferralStatus

MENU = (
    NavItem(
        gettext_lazy("Ketenpartners"),
        "partners:partner_list",
        PARTNER_READERS,
        order=78,
    ),
    NavItem(
        gettext_lazy("Teamoverleg"),
        "partners:meeting_list",
        CASEWORK_ROLES,
        order=79,
    ),
)


def partner_lane(partner) -> Lane:
    return Lane(f"partner-{partner.pk}", partner.name)


def involvement_events(scope, trajectory_ids, lanes) -> list[Event]:
    from terugkeer.partners.models import Involvement

    found = (
        Involvement.objects.visible_to(scope)
        .filter(trajectory_id__in=trajectory_ids)
        .select_related("partner")
        .order_by("started_on", "pk")
    )
    return [
        Event(
            date=involvement.started_on,
            end=involvement.ended_on,
            lane=partner_lane(involvement.partner),
            kind="involvement",
            label=_("Betrokken: %(role)s") % {"role": involvement.role},
            details=Truncator(involvement.conditions).chars(120),
        )
        for involvement in found
    ]


def referral_events(scope, trajectory_ids, lanes) -> list[Event]:
    """Each step of each referral: sent, answered, started, finished (with the outcome)."""
    from terugkeer.partners.models import ReferralStatusChange

    found = (
        ReferralStatusChange.objects.visible_to(scope)
        .filter(referral__trajectory_id__in=trajectory_ids)
        .select_related("referral__partner")
        .order_by("effective_on", "pk")
    )
    events = []
    for change in found:
        referral = change.referral
        details = ""
        if change.to_status == ReferralStatus.SENT:
            details = _("Casusregie bij acceptatie: %(lead)s") % {
                "lead": referral.get_lead_display()
            }
        elif change.to_status == ReferralStatus.ACCEPTED:
            details = _("Casusregie: %(lead)s") % {"lead": referral.get_lead_display()}
        elif change.to_status == ReferralStatus.FINISHED:
            details = referral.get_outcome_display()
        events.append(
            Event(
                date=change.effective_on,
                lane=partner_lane(referral.partner),
                kind="referral",
                label=_("Verwijzing %(status)s") % {"status": change.get_to_status_display()},
                details=details,
            )
        )
    return events


def meeting_decision_events(scope, trajectory_ids, lanes) -> list[Event]:
    from terugkeer.partners.models import MeetingDecision

    found = (
        MeetingDecision.objects.visible_to(scope)
        .filter(trajectory_id__in=trajectory_ids)
        .select_related("meeting")
        .order_by("meeting__held_on", "pk")
    )
    return [
        Event(
            date=decision.meeting.held_on,
            lane=lanes[LANE_OWN],
            kind="meeting_decision",
            label=_("Besluit %(kind)s %(date)s")
            % {
                "kind": decision.meeting.get_kind_display(),
                "date": date_format(decision.meeting.held_on, "d-m-Y"),
            },
            details=Truncator(decision.text).chars(160),
        )
        for decision in found
    ]


def document_events(scope, trajectory_ids, lanes) -> list[Event]:
    from terugkeer.partners.models import Document

    found = Document.objects.visible_to(scope).filter(
        trajectory_id__in=trajectory_ids, removed_at__isnull=True
    )
    return [
        Event(
            date=document.received_on,
            lane=lanes[LANE_OWN],
            kind="document",
            label=_("Document: %(type)s") % {"type": document.get_doc_type_display()},
            details=document.title,
        )
        for document in found.order_by("received_on", "pk")
    ]


def register() -> None:
    registry.register_tab("partners:trajectory", gettext_lazy("Ketenpartners"), order=80)
    registry.register_tab("partners:documents", gettext_lazy("Documenten"), order=85)
    registry.register_tab(
        "partners:detention_tasks", gettext_lazy("Werk tijdens detentie"), order=82
    )
    for source in (
        involvement_events,
        referral_events,
        meeting_decision_events,
        document_events,
    ):
        registry.register_event_source(source)
    for item in MENU:
        register_nav_item(item)
