"""The klantreis: everything that happened to a client, over time, by organisation (lane).

``client_journey`` collects detentions and meldingen (DJI / PI), status changes, contacts, plan
actions done and ZRM measurements (when the assessments app is installed) of all the client's
trajectories the scope may see. Every source is one query (the ZRM scores a second), so the
number of queries does not grow with the number of events.

Programme apps add their own events through ``cases.registry.register_event_source``: a dated
event in a lane (one of the four, or a lane of their own for a partner or an instantie), a short
description and an optional cost in euros. ``monthly_costs`` sums the costs per month.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from terugkeer.cases import registry
from terugkeer.cases.choices import ClosingReason, ContactKind
from terugkeer.cases.models import Action, Contact, StatusChange, Trajectory
from terugkeer.core.access import Scope
from terugkeer.detention.models import Detention, DetentionNotification

LANE_DJI = "dji"
LANE_OWN = "own"
LANE_PARTNER = "partner"
LANE_CLIENT = "client"
LANE_ORDER = (LANE_DJI, LANE_OWN, LANE_PARTNER, LANE_CLIENT)

# Order of kinds on the same day: the detention first, the melding, then the work.
KIND_ORDER = {
    "detention": 0,
    "notification": 1,
    "status": 2,
    "contact": 3,
    "action": 4,
    "measurement": 5,
}

CLIENT_OWNERS = ("cliënt", "client", "deelnemer")
OWN_OWNERS = ("", "coördinator", "coordinator", "casemanager", "nazorgcoördinator")


@dataclass(frozen=True)
class Lane:
    code: str
    label: str


@dataclass(frozen=True)
class Event:
    """One thing that happened: a point in time, or a period (``end``) such as a detention."""

    date: datetime.date
    lane: Lane
    kind: str
    label: str
    details: str = ""
    end: datetime.date | None = None
    end_is_expected: bool = False
    cost: Decimal | None = None  # in euros, for what was paid (an intervention, a gift)

    @property
    def sort_key(self) -> tuple:
        return (self.date, KIND_ORDER.get(self.kind, 9), self.label)

    @property
    def title(self) -> str:
        """The text of the event's ``<title>`` in the chart (and the row's summary)."""
        when = f"{self.date:%d-%m-%Y}"
        if self.kind == "detention":
            if self.end:
                suffix = _(" (verwacht)") if self.end_is_expected else ""
                when = f"{when} t/m {self.end:%d-%m-%Y}{suffix}"
            else:
                when = _("%(start)s, einde onbekend") % {"start": when}
        return f"{when} – {self.lane.label}: {self.label}"


def lanes_for(trajectory: Trajectory) -> dict[str, Lane]:
    return {
        LANE_DJI: Lane(LANE_DJI, _("DJI / PI")),
        LANE_OWN: Lane(LANE_OWN, trajectory.organisation.name),
        LANE_PARTNER: Lane(LANE_PARTNER, _("Ketenpartners en anderen")),
        LANE_CLIENT: Lane(LANE_CLIENT, _("Cliënt")),
    }


def _short(text: str, length: int = 80) -> str:
    return Truncator(" ".join(text.split())).chars(length)


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _action_lane(action: Action) -> str:
    owner = action.owner.strip().lower()
    if owner.startswith(CLIENT_OWNERS):
        return LANE_CLIENT
    if action.owner_user_id or owner in OWN_OWNERS:
        return LANE_OWN
    return LANE_PARTNER


def client_journey(*, scope: Scope | None, trajectory: Trajectory) -> list[Event]:
    """All events of the trajectory's client that ``scope`` may see, oldest first."""
    if scope is None:
        return []
    lanes = lanes_for(trajectory)
    client = trajectory.client
    trajectory_ids = list(
        Trajectory.objects.visible_to(scope).filter(client=client).values_list("pk", flat=True)
    )
    if trajectory.pk not in trajectory_ids:
        return []
    events: list[Event] = []

    for detention in (
        Detention.objects.visible_to(scope).filter(client=client).select_related("institution")
    ):
        end = detention.actual_end or detention.expected_end
        events.append(
            Event(
                date=detention.start_date,
                end=end,
                end_is_expected=detention.actual_end is None and end is not None,
                lane=lanes[LANE_DJI],
                kind="detention",
                label=_("Detentie %(pi)s")
                % {
                    "pi": detention.institution.name if detention.institution else _("onbekende PI")
                },
                details=detention.get_legal_title_display(),
            )
        )

    notifications = (
        DetentionNotification.objects.visible_to(scope)
        .filter(Q(client=client) | Q(trajectories__in=trajectory_ids))
        .distinct()
    )
    for notification in notifications:
        events.append(
            Event(
                date=notification.received_on,
                lane=lanes[LANE_DJI],
                kind="notification",
                label=_("Melding: %(kind)s") % {"kind": notification.get_kind_display()},
                details=_join(notification.institution_name, notification.get_source_display()),
            )
        )

    for change in StatusChange.objects.filter(trajectory_id__in=trajectory_ids).select_related(
        "changed_by"
    ):
        from_label = change.get_from_status_display() if change.from_status else "–"
        reason = ""
        if change.reason:
            reason = dict(ClosingReason.choices).get(change.reason, change.reason)
        events.append(
            Event(
                date=change.effective_on,
                lane=lanes[LANE_OWN],
                kind="status",
                label=_("Status: %(from)s → %(to)s")
                % {"from": from_label, "to": change.get_to_status_display()},
                details=_join(str(reason), _short(change.note)),
            )
        )

    for contact in Contact.objects.visible_to(scope).filter(trajectory_id__in=trajectory_ids):
        lane = LANE_PARTNER if contact.kind == ContactKind.PARTNER_MEETING else LANE_OWN
        with_whom = _("met %(who)s") % {"who": contact.participants} if contact.participants else ""
        events.append(
            Event(
                date=contact.date,
                lane=lanes[lane],
                kind="contact",
                label=_("Contact: %(kind)s") % {"kind": contact.get_kind_display()},
                details=_join(contact.place, with_whom),
            )
        )

    actions = (
        Action.objects.visible_to(scope)
        .filter(trajectory_id__in=trajectory_ids, done_on__isnull=False)
        .select_related("domain")
    )
    for action in actions:
        events.append(
            Event(
                date=action.done_on,
                lane=lanes[_action_lane(action)],
                kind="action",
                label=_("Actie gedaan: %(what)s") % {"what": _short(action.description, 60)},
                details=_join(
                    action.domain.name if action.domain else "",
                    _("wie: %(owner)s") % {"owner": action.owner} if action.owner else "",
                ),
            )
        )

    # Events of programme apps (ZRM measurements, ...), registered in cases.registry.
    for source in registry.event_sources():
        events += source(scope, trajectory_ids, lanes)
    return sorted(events, key=lambda e: e.sort_key)


def journey_lanes(events: list[Event], trajectory: Trajectory) -> list[Lane]:
    """The lanes to draw: DJI / PI and the own organisation always, the others when used.

    A lane an app brings (a partner, a housing corporation) comes after the chain partners, in
    the order its first event happened; the client's own lane stays last.
    """
    lanes = lanes_for(trajectory)
    used = {e.lane.code for e in events}
    extra: dict[str, Lane] = {}
    for event in events:
        if event.lane.code not in lanes:
            extra.setdefault(event.lane.code, event.lane)
    standard = [lanes[c] for c in LANE_ORDER if c in (LANE_DJI, LANE_OWN) or c in used]
    if standard[-1].code == LANE_CLIENT:
        return [*standard[:-1], *extra.values(), standard[-1]]
    return [*standard, *extra.values()]


@dataclass(frozen=True)
class MonthCost:
    month: datetime.date  # the first day of the month
    total: Decimal
    count: int


def monthly_costs(events: list[Event]) -> list[MonthCost]:
    """The events' costs per calendar month, oldest first; months without costs are left out."""
    totals: dict[datetime.date, Decimal] = defaultdict(Decimal)
    counts: dict[datetime.date, int] = defaultdict(int)
    for event in events:
        if event.cost is not None:
            month = event.date.replace(day=1)
            totals[month] += event.cost
            counts[month] += 1
    return [MonthCost(month, totals[month], counts[month]) for month in sorted(totals)]
