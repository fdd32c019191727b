"""What interventions adds to other apps' pages through their registries (none imports us).

A dossier tab (Interventies), klantreis events (every payment and paid Noodfonds gift as a cost,
the decisions without cost), a client-page section, and menu items for the catalogue and the
budget (functioneel beheerder, team chair).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.cases import registry
from terugkeer.cases.timeline import LANE_OWN, Event
from terugkeer.clients.registry import ClientSection, register_section
from terugkeer.core import agenda_registry
from terugkeer.core.agenda_registry import AgendaItem
from terugkeer.core.navigation import NavItem, register_nav_item
from terugkeer.interventions.access import REFERENCE_MANAGERS

MENU = (
    NavItem(
        gettext_lazy("Catalogus interventies"),
        "interventions:catalogue",
        REFERENCE_MANAGERS,
        order=73,
    ),
    NavItem(gettext_lazy("Begroting"), "interventions:budget", REFERENCE_MANAGERS, order=74),
)


def intervention_events(scope, trajectory_ids, lanes) -> list[Event]:
    """Payments and paid gifts with their cost; approvals and rejections as events (2 queries
    for payments and decisions, one for gifts)."""
    from terugkeer.interventions.choices import GiftStatus
    from terugkeer.interventions.models import EmergencyGift, Payment
    from terugkeer.interventions.selectors import trajectory_requests

    ids = list(trajectory_ids)
    events = []
    payments = (
        Payment.objects.visible_to(scope)
        .filter(request__trajectory_id__in=ids)
        .select_related("request__intervention_type")
    )
    for payment in payments:
        events.append(
            Event(
                date=payment.paid_on,
                lane=lanes[LANE_OWN],
                kind="intervention_payment",
                label=_("Betaling: %(type)s") % {"type": payment.request.intervention_type},
                details=payment.payee,
                cost=payment.amount,
            )
        )
    for request in trajectory_requests(scope=scope, trajectory_ids=ids):
        if request.decided_at:
            events.append(
                Event(
                    date=request.decided_at.date(),
                    lane=lanes[LANE_OWN],
                    kind="intervention_decision",
                    label=_("Alternatieve maatregel %(decision)s: %(type)s")
                    % {
                        "decision": request.get_decision_display(),
                        "type": request.intervention_type,
                    },
                )
            )
    gifts = EmergencyGift.objects.visible_to(scope).filter(
        trajectory_id__in=ids, status=GiftStatus.PAID
    )
    for gift in gifts:
        events.append(
            Event(
                date=gift.paid_on,
                lane=lanes[LANE_OWN],
                kind="emergency_gift",
                label=_("Gift Noodfonds"),
                cost=gift.amount,
            )
        )
    return events


def client_section(scope, client) -> ClientSection | None:
    """The client's requests and gifts on the trajectories the scope may see (two queries)."""
    from terugkeer.interventions.models import EmergencyGift, InterventionRequest
    from terugkeer.interventions.selectors import with_paid

    requests = list(
        with_paid(InterventionRequest.objects.visible_to(scope).filter(trajectory__client=client))
    )
    gifts = list(EmergencyGift.objects.visible_to(scope).filter(client=client))
    if not requests and not gifts:
        return None
    return ClientSection(
        "interventions/_client_section.html",
        order=50,
        context={"client": client, "requests": requests, "gifts": gifts},
    )


def pdf_section(scope, trajectory) -> registry.PdfSection | None:
    """The trajectory's requests and gifts in the dossier PDF (nothing when there are none)."""
    from terugkeer.interventions.selectors import trajectory_gifts, trajectory_requests

    requests = list(trajectory_requests(scope=scope, trajectory_ids=[trajectory.pk]))
    gifts = list(trajectory_gifts(scope=scope, trajectory_ids=[trajectory.pk]))
    if not requests and not gifts:
        return None
    return registry.PdfSection(
        "interventions/_pdf_section.html", {"requests": requests, "gifts": gifts}
    )


def awaiting_approval_agenda(scope, since, until, today) -> list[AgendaItem]:
    """Team-meeting agenda: requests signed by the casemanager that still await a colleague's
    second signature on the day of the meeting (whenever they were signed)."""
    from terugkeer.interventions.choices import RequestStatus
    from terugkeer.interventions.models import InterventionRequest

    waiting = (
        InterventionRequest.objects.visible_to(scope)
        .filter(status=RequestStatus.REQUESTED, requested_at__date__lte=until)
        .select_related("trajectory__client", "intervention_type")
        .order_by("requested_at", "pk")
    )
    return [
        AgendaItem(
            section="interventie",
            section_title=_("Interventies die op goedkeuring wachten"),
            section_order=60,
            title=_("%(type)s, aangevraagd op %(date)s")
            % {
                "type": request.intervention_type or _("Interventie"),
                "date": f"{timezone.localtime(request.requested_at):%d-%m-%Y}",
            },
            subject=request.trajectory.client.display_name,
            url=reverse("interventions:request_detail", args=[request.pk]),
            date=timezone.localtime(request.requested_at).date(),
            trajectory_id=request.trajectory_id,
            client_id=request.trajectory.client_id,
        )
        for request in waiting
    ]


def register() -> None:
    agenda_registry.register(awaiting_approval_agenda)
    registry.register_tab("interventions:trajectory", gettext_lazy("Interventies"), order=75)
    registry.register_event_source(intervention_events)
    registry.register_pdf_section(pdf_section)
    register_section(client_section)
    for item in MENU:
        register_nav_item(item)
