"""Unusual access, computed from one day of the access log (the privacy officer's alerts).

Three kinds, with the organisation's thresholds (:class:`PrivacySettings`):

- ``many_unassigned``: a user opened more than ``max_unassigned_per_day`` distinct clients'
  dossiers (the client page or one of its trajectories) to none of whose trajectories they are
  assigned (coordinator, substitute or mentor of a match);
- ``shielded``: a user read a shielded (afgeschermd) trajectory, or the client of one, without
  being assigned to that shielded trajectory: one alert per user and client;
- ``break_glass``: a user stated a reason to open a shielded dossier they are not assigned to
  (``cases.BreakGlassAccess``): one alert per reason stated, with the reason;
- ``after_hours``: a user read personal data before the start or from the end of working hours:
  one alert per user, with the number of reads and the first and last moment.

Assignment and shielding are taken as they are now, not as they were at the moment of reading.
The privacy officers' own reads (the pages of this app, the signals on their home page) are
their function's work: they stay in the log but raise no alert.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.privacy import selectors

MANY_UNASSIGNED = "many_unassigned"
SHIELDED = "shielded"
AFTER_HOURS = "after_hours"
BREAK_GLASS = "break_glass"


@dataclass(frozen=True)
class Alert:
    """One finding about one user on one day."""

    kind: str
    day: datetime.date
    user_id: int
    user_name: str
    count: int
    first_at: datetime.datetime
    last_at: datetime.datetime
    client_id: int | None = None
    client_label: str = ""
    reason: str = ""

    @property
    def title(self) -> str:
        if self.kind == MANY_UNASSIGNED:
            return _("%(n)s dossiers geopend zonder toewijzing") % {"n": self.count}
        if self.kind == SHIELDED:
            return _("Afgeschermd dossier gelezen zonder toewijzing: %(client)s") % {
                "client": self.client_label
            }
        if self.kind == BREAK_GLASS:
            return _("Afgeschermd dossier geopend met reden: %(client)s (reden: %(reason)s)") % {
                "client": self.client_label,
                "reason": self.reason,
            }
        return _("%(n)s keer gelezen buiten werktijd") % {"n": self.count}


def _assignments(client_ids: set[int]):
    """Per trajectory of these clients: its client, whether shielded, and who is assigned."""
    from terugkeer.cases.models import Trajectory
    from terugkeer.mentoring.models import MentorMatch

    trajectories = {
        row["pk"]: row
        for row in Trajectory.objects.filter(client_id__in=client_ids).values(
            "pk", "client_id", "shielded", "coordinator_id", "substitute_id"
        )
    }
    assigned: dict[int, set[int]] = defaultdict(set)
    for pk, row in trajectories.items():
        assigned[pk].update(u for u in (row["coordinator_id"], row["substitute_id"]) if u)
    matches = MentorMatch.objects.filter(trajectory_id__in=trajectories).values_list(
        "trajectory_id", "mentor__user_id"
    )
    for trajectory_id, user_id in matches:
        if user_id:
            assigned[trajectory_id].add(user_id)
    return trajectories, assigned


def alerts_for_day(*, scope: Scope, day: datetime.date) -> list[Alert]:
    """The alerts of ``day`` in the scope's organisation (none for any role but the privacy
    officer). A fixed number of queries, whatever the size of the log."""
    if scope.role != Role.PRIVACY_OFFICER:
        return []
    settings = selectors.settings_for(scope.organisation)
    start, end = selectors.day_bounds(day)
    entries = list(
        selectors.access_log_for(scope=scope)
        .filter(created_at__gte=start, created_at__lt=end)
        .exclude(user_id__in=_privacy_officers(scope))
        .order_by("created_at", "id")
        .values("user_id", "user__full_name", "subject_type_id", "subject_id", "created_at")
    )
    client_type, trajectory_type = selectors.client_type().pk, selectors.trajectory_type().pk
    from terugkeer.cases.models import Trajectory

    trajectory_ids = {
        int(e["subject_id"]) for e in entries if e["subject_type_id"] == trajectory_type
    }
    client_of = dict(
        Trajectory.objects.filter(
            pk__in=trajectory_ids, organisation=scope.organisation
        ).values_list("pk", "client_id")
    )
    client_ids = {int(e["subject_id"]) for e in entries if e["subject_type_id"] == client_type}
    client_ids |= set(client_of.values())
    from terugkeer.cases.models import BreakGlassAccess

    reasons = list(
        BreakGlassAccess.objects.visible_to(scope)
        .filter(opened_at__gte=start, opened_at__lt=end)
        .order_by("opened_at", "pk")
        .values("user_id", "user__full_name", "client_id", "reason", "opened_at")
    )
    client_ids |= {row["client_id"] for row in reasons}
    trajectories, assigned = _assignments(client_ids)
    labels = {
        c.pk: str(c) for c in selectors.privacy_officer_clients(scope).filter(pk__in=client_ids)
    }
    of_client: dict[int, list[dict]] = defaultdict(list)
    for row in trajectories.values():
        of_client[row["client_id"]].append(row)

    alerts: list[Alert] = []
    unassigned: dict[int, dict[int, list]] = defaultdict(dict)
    shielded: dict[tuple[int, int], list] = defaultdict(list)
    after_hours: dict[int, list] = defaultdict(list)
    names: dict[int, str] = {}
    for entry in entries:
        user_id, moment = entry["user_id"], entry["created_at"]
        names[user_id] = entry["user__full_name"]
        local = timezone.localtime(moment).time()
        if local < settings.working_hours_start or local >= settings.working_hours_end:
            after_hours[user_id].append(moment)
        if entry["subject_type_id"] == trajectory_type:
            trajectory = trajectories.get(int(entry["subject_id"]))
            if trajectory is None:
                continue
            client_id = trajectory["client_id"]
            read_shielded = trajectory["shielded"] and user_id not in assigned[trajectory["pk"]]
        elif entry["subject_type_id"] == client_type:
            client_id = int(entry["subject_id"])
            read_shielded = any(
                row["shielded"] and user_id not in assigned[row["pk"]]
                for row in of_client.get(client_id, [])
            )
        else:
            continue
        if not any(user_id in assigned[row["pk"]] for row in of_client.get(client_id, [])):
            unassigned[user_id].setdefault(client_id, []).append(moment)
        if read_shielded:
            shielded[(user_id, client_id)].append(moment)

    for user_id, opened in unassigned.items():
        if len(opened) > settings.max_unassigned_per_day:
            moments = sorted(m for ms in opened.values() for m in ms)
            alerts.append(
                Alert(MANY_UNASSIGNED, day, user_id, names[user_id], len(opened), *_span(moments))
            )
    for (user_id, client_id), moments in shielded.items():
        alerts.append(
            Alert(
                SHIELDED,
                day,
                user_id,
                names[user_id],
                len(moments),
                *_span(moments),
                client_id=client_id,
                client_label=labels.get(client_id, ""),
            )
        )
    for row in reasons:
        alerts.append(
            Alert(
                BREAK_GLASS,
                day,
                row["user_id"],
                row["user__full_name"],
                1,
                row["opened_at"],
                row["opened_at"],
                client_id=row["client_id"],
                client_label=labels.get(row["client_id"], ""),
                reason=row["reason"],
            )
        )
    for user_id, moments in after_hours.items():
        alerts.append(
            Alert(AFTER_HOURS, day, user_id, names[user_id], len(moments), *_span(moments))
        )
    order = {BREAK_GLASS: 0, SHIELDED: 1, MANY_UNASSIGNED: 2, AFTER_HOURS: 3}
    return sorted(alerts, key=lambda a: (order[a.kind], a.first_at, a.user_id, a.client_id or 0))


def _privacy_officers(scope: Scope):
    from terugkeer.accounts.models import Membership

    return Membership.objects.filter(
        organisation=scope.organisation, role=Role.PRIVACY_OFFICER
    ).values("user_id")


def _span(moments: list) -> tuple[datetime.datetime, datetime.datetime]:
    return moments[0], moments[-1]
