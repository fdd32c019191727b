"""What activities adds to other apps' pages through their registries (none imports us).

A dossier tab (Kaarten en activiteiten), klantreis events (each activity attended, each card
sent), a client-page section (the card consent and how many activities were attended), menu
items (Kaartenproject, Activiteiten) and a home tile for casework.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.cases import registry
from terugkeer.cases.timeline import LANE_CLIENT, LANE_OWN, Event
from terugkeer.clients.registry import ClientSection, register_section
from terugkeer.core.navigation import HomeTask, NavItem, register_nav_item, register_tiles
from terugkeer.core.roles import CASEWORK_ROLES

MENU = (
    NavItem(gettext_lazy("Kaartenproject"), "activities:card_list", CASEWORK_ROLES, order=76),
    NavItem(gettext_lazy("Activiteiten"), "activities:session_list", CASEWORK_ROLES, order=77),
)


def activity_events(scope, trajectory_ids, lanes) -> list[Event]:
    """Each activity the participant attended (client lane) and each card sent (own lane)."""
    from terugkeer.activities.models import Attendance, CardMailing

    attendances = (
        Attendance.objects.visible_to(scope)
        .filter(trajectory_id__in=trajectory_ids)
        .select_related("session")
        .order_by("session__held_on", "pk")
    )
    events = [
        Event(
            date=a.session.held_on,
            lane=lanes[LANE_CLIENT],
            kind="activity",
            label=_("Activiteit: %(kind)s") % {"kind": a.session.get_kind_display()},
            details=a.session.place,
        )
        for a in attendances
    ]
    mailings = CardMailing.objects.visible_to(scope).filter(trajectory_id__in=trajectory_ids)
    events += [
        Event(
            date=m.sent_on,
            lane=lanes[LANE_OWN],
            kind="card",
            label=_("Kaart van het kaartenproject verzonden"),
        )
        for m in mailings.order_by("sent_on", "pk")
    ]
    return events


def client_activities_section(scope, client) -> ClientSection | None:
    """Consent for the card and the activities attended, over the client's visible trajectories."""
    from terugkeer.activities.models import Attendance, CardSubscription

    consents = list(
        CardSubscription.objects.visible_to(scope)
        .filter(trajectory__client=client)
        .order_by("on", "pk")
    )
    attended = Attendance.objects.visible_to(scope).filter(trajectory__client=client).count()
    if not consents and not attended:
        return None
    return ClientSection(
        "activities/_client_section.html",
        order=55,
        context={"consent": consents[-1] if consents else None, "attended": attended},
    )


def activities_tiles(scope) -> list[HomeTask]:
    if scope.role not in CASEWORK_ROLES:
        return []
    return [
        HomeTask(
            title=_("Kaartenproject"),
            description=_("De kaarten van deze maand: lijst, adresetiketten en verzonden."),
            url=reverse("activities:card_list"),
            order=76,
        )
    ]


def register() -> None:
    registry.register_tab(
        "activities:trajectory", gettext_lazy("Kaarten en activiteiten"), order=76
    )
    registry.register_event_source(activity_events)
    register_section(client_activities_section)
    register_tiles(activities_tiles)
    for item in MENU:
        register_nav_item(item)
