"""Break the glass: reading a shielded person's dossier without being assigned needs a reason.

The team chair reads every case of the organisation (``cases/access.py``), shielded ones too. A
shielded (afgeschermd) dossier is still only its assigned workers' business, so a reader whose
plain casework view (what a coordinator without the assignment would see) leaves the person out
must first state why they open it. The reason is recorded (:class:`BreakGlassAccess`), opens
that person's dossier (every trajectory, the client page, the PDF, the klantreis, every tab) to
that user for ``BREAK_GLASS_HOURS``, is written into every access-log row of those reads, and
appears among the privacy officer's alerts.

The checks are registered with the one policy (``policy.require_reason``) for trajectories and
clients; ``trajectory_for`` and the client page call ``require_stated_reason`` on the one object
they read, so every route that shows the dossier asks, not each view on its own. Lists (worklists,
search, the meeting agenda) still name the person: they show that a case exists, not its dossier.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from terugkeer.cases.models import BreakGlassAccess, Trajectory
from terugkeer.core.access import Scope, StatedReason
from terugkeer.core.roles import Role

# How long one stated reason keeps the dossier open to its reader.
BREAK_GLASS_HOURS = 8
REASON_MIN_LENGTH = 15
REASON_MAX_LENGTH = BreakGlassAccess._meta.get_field("reason").max_length


def _assigned(scope: Scope) -> Q:
    return Q(coordinator=scope.user) | Q(substitute=scope.user)


def person_beyond_assignment(scope: Scope, client_id: int) -> bool:
    """Whether this person's dossier is shielded from ``scope``'s plain casework view: they have
    a shielded trajectory the user is not assigned to, and no open trajectory the user works on.

    Only a role that reads past shielding (the team chair) can meet this; a coordinator who is
    not assigned does not see the person at all (404, no reason can help)."""
    if scope.role != Role.TEAM_CHAIR:
        return False
    theirs = Trajectory.objects.filter(organisation=scope.organisation, client_id=client_id)
    if not theirs.filter(shielded=True).exclude(_assigned(scope)).exists():
        return False
    return not theirs.open().filter(_assigned(scope)).exists()


def trajectory_beyond_assignment(scope: Scope, trajectory: Trajectory) -> bool:
    """Whether this trajectory is outside what an unassigned coordinator would read: it is
    shielded, or its person is, and the user is not its coordinator or substitute."""
    if scope.role != Role.TEAM_CHAIR:
        return False
    if scope.user.pk in (trajectory.coordinator_id, trajectory.substitute_id):
        return False
    return trajectory.shielded or person_beyond_assignment(scope, trajectory.client_id)


def reason_in_force(scope: Scope, client_id: int, *, now=None) -> BreakGlassAccess | None:
    """The user's latest reason for this person that has not expired yet."""
    return (
        BreakGlassAccess.objects.in_force(
            user=scope.user, client_id=client_id, now=now or timezone.now()
        )
        .filter(organisation=scope.organisation)
        .order_by("-opened_at", "-pk")
        .first()
    )


def reason_url(client_id: int) -> str:
    return reverse("cases:break_glass", args=[client_id])


def _stated(scope: Scope, client_id: int) -> StatedReason:
    found = reason_in_force(scope, client_id)
    return StatedReason(url=reason_url(client_id), reason=found.reason if found else "")


def trajectory_reason(scope: Scope, trajectory) -> StatedReason | None:
    """``policy.require_reason`` check of ``cases.Trajectory``."""
    if not trajectory_beyond_assignment(scope, trajectory):
        return None
    return _stated(scope, trajectory.client_id)


def client_reason(scope: Scope, client) -> StatedReason | None:
    """``policy.require_reason`` check of ``clients.Client``."""
    if not person_beyond_assignment(scope, client.pk):
        return None
    return _stated(scope, client.pk)


def break_glass_open(*, scope: Scope, client, reason: str) -> BreakGlassAccess:
    """Record ``scope``'s reason to read ``client``'s shielded dossier; it opens it for
    ``BREAK_GLASS_HOURS``. Refused (ValueError) for a person who needs no reason or a reason
    shorter than ``REASON_MIN_LENGTH`` characters (the form says so in Dutch first)."""
    reason = " ".join(reason.split())
    if len(reason) < REASON_MIN_LENGTH or len(reason) > REASON_MAX_LENGTH:
        raise ValueError("the reason must be between the minimum and maximum length")
    if client.organisation_id != scope.organisation.pk or not person_beyond_assignment(
        scope, client.pk
    ):
        raise ValueError("this person's dossier needs no stated reason from this user")
    now = timezone.now()
    with transaction.atomic():
        return BreakGlassAccess.objects.create(
            organisation=scope.organisation,
            user=scope.user,
            client=client,
            reason=reason,
            opened_at=now,
            expires_at=now + datetime.timedelta(hours=BREAK_GLASS_HOURS),
        )
