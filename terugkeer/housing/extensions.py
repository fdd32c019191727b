"""What housing adds to other apps' pages through their registries (none imports us).

A dossier tab (Wonen), klantreis events (each stay as a period, each allocation and its
outcome), a client-page section (stays and allocations over the client's visible trajectories),
a menu item and a home tile (Woningen) for casework and the functioneel beheerder. Its signals
(weekly check overdue, evaluation due) are in ``signal_providers``.

The cost of urine and alcohol tests on a budget line waits for the interventions app (merge).
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.cases import registry
from terugkeer.cases.timeline import LANE_OWN, Event
from terugkeer.clients.registry import ClientSection, register_section
from terugkeer.core.navigation import HomeTask, NavItem, register_nav_item, register_tiles
from terugkeer.housing.access import UNIT_READERS

MENU = (NavItem(gettext_lazy("Woningen"), "housing:unit_list", UNIT_READERS, order=75),)


def housing_events(scope, trajectory_ids, lanes) -> list[Event]:
    """A stay is a period on the klantreis; an allocation starts one, with its outcome."""
    from terugkeer.housing.models import HousingAllocation, Stay

    events = []
    stays = (
        Stay.objects.visible_to(scope)
        .filter(trajectory_id__in=trajectory_ids)
        .select_related("unit")
        .order_by("moved_in_on", "pk")
    )
    for stay in stays:
        events.append(
            Event(
                date=stay.moved_in_on,
                end=stay.ended_on or stay.planned_end,
                end_is_expected=stay.ended_on is None and stay.planned_end is not None,
                lane=lanes[LANE_OWN],
                kind="housing_stay",
                label=_("Wonen: %(unit)s") % {"unit": stay.unit.name},
                details=stay.get_leaving_reason_display() if stay.leaving_reason else "",
            )
        )
    allocations = (
        HousingAllocation.objects.visible_to(scope)
        .filter(trajectory_id__in=trajectory_ids)
        .select_related("unit")
        .order_by("started_on", "pk")
    )
    for allocation in allocations:
        events.append(
            Event(
                date=allocation.started_on,
                lane=lanes[LANE_OWN],
                kind="housing_allocation",
                label=_("%(kind)s toegewezen (%(corporation)s)")
                % {
                    "kind": allocation.unit.get_kind_display(),
                    "corporation": allocation.corporation,
                },
                details=_("evaluatie %(date)s") % {"date": date_format(allocation.evaluation_on)},
            )
        )
        if allocation.outcome_on:
            events.append(
                Event(
                    date=allocation.outcome_on,
                    lane=lanes[LANE_OWN],
                    kind="housing_allocation",
                    label=_("Evaluatie woning: %(outcome)s")
                    % {"outcome": allocation.get_outcome_display()},
                )
            )
    return events


def client_housing_section(scope, client) -> ClientSection | None:
    from terugkeer.housing.models import HousingAllocation, Stay

    stays = list(
        Stay.objects.visible_to(scope).filter(trajectory__client=client).select_related("unit")
    )
    allocations = list(
        HousingAllocation.objects.visible_to(scope)
        .filter(trajectory__client=client)
        .select_related("unit")
    )
    if not stays and not allocations:
        return None
    return ClientSection(
        "housing/_client_section.html",
        order=50,
        context={"stays": stays, "allocations": allocations},
    )


def housing_tiles(scope) -> list[HomeTask]:
    if scope.role not in UNIT_READERS:
        return []
    return [
        HomeTask(
            title=_("Woningen"),
            description=_("De Instapwoning en de Koconwoningen: bezetting en bewoners."),
            url=reverse("housing:unit_list"),
            order=75,
        )
    ]


def register() -> None:
    registry.register_tab("housing:trajectory", gettext_lazy("Wonen"), order=75)
    registry.register_event_source(housing_events)
    register_section(client_housing_section)
    register_tiles(housing_tiles)
    for item in MENU:
        register_nav_item(item)
