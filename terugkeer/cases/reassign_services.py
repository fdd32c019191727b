"""Who works on a trajectory: handing a caseload over (e.g. during leave, seed 002) and taking
or giving trajectories from the queue (the new notifications without a coordinator).

The receiver must be able to change the cases: a coordinator, or a team chair who is also one.
Each write locks the rows it changes and raises their version.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terugkeer.accounts.models import User
from terugkeer.cases.models import Trajectory
from terugkeer.cases.selectors import assignable_coordinators
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role


def _receives(scope: Scope, user: User) -> bool:
    return assignable_coordinators(scope=scope).filter(pk=user.pk).exists()


@transaction.atomic
def trajectories_reassign(
    *,
    scope: Scope,
    from_user: User,
    to_user: User,
    trajectory_ids: list[int] | None = None,
) -> int:
    """Hand a caseload (or part of it) to another coordinator, e.g. during leave; versioned.

    A team chair hands over anybody's caseload, a coordinator only their own; the receiver is
    a casework colleague of the organisation; only trajectories the scope may see move, and
    naming one of someone else is a refusal, not a silent skip.
    """
    may_hand_over = scope.role == Role.TEAM_CHAIR or (
        Role.COORDINATOR in scope.roles and from_user.pk == scope.user.pk
    )
    if not may_hand_over:
        raise ValidationError(_("U kunt alleen uw eigen trajecten overdragen."), code="from_user")
    if from_user.pk == to_user.pk:
        raise ValidationError(_("Kies een andere coördinator dan de huidige."), code="to_user")
    # Whoever receives cases must be able to change them: a coordinator (or a team chair who is
    # also one), with an active account.
    if not _receives(scope, to_user):
        raise ValidationError(
            _("%(name)s is geen coördinator van uw organisatie.") % {"name": to_user},
            code="to_user",
        )
    queryset = Trajectory.objects.visible_to(scope).open().filter(coordinator=from_user)
    if trajectory_ids is not None:
        chosen = set(trajectory_ids)
        queryset = queryset.filter(pk__in=chosen)
        if set(queryset.values_list("pk", flat=True)) != chosen:
            raise ValidationError(
                _("Kies alleen trajecten van de coördinator van wie u overdraagt."),
                code="trajectories",
            )
    count = 0
    for trajectory in queryset.select_for_update():
        trajectory.coordinator = to_user
        trajectory.version += 1
        trajectory.save()  # through save(): the history records who had it before
        count += 1
    return count


@transaction.atomic
def trajectories_assign(*, scope: Scope, to_user: User, trajectory_ids: list[int]) -> int:
    """Give trajectories from the queue (no coordinator yet) to ``to_user``: several at once.

    A coordinator takes them for themselves or gives them to a colleague; a team chair
    distributes the queue. A trajectory a colleague took in the meantime is a refusal with its
    name (the rows are locked, so two at the same moment cannot both take it).
    """
    may_assign = scope.role == Role.TEAM_CHAIR or Role.COORDINATOR in scope.roles
    if not may_assign:
        raise ValidationError(_("U kunt geen trajecten toewijzen."), code="scope")
    if not trajectory_ids:
        raise ValidationError(_("Kies ten minste één traject."), code="trajectories")
    if not _receives(scope, to_user):
        raise ValidationError(
            _("%(name)s is geen coördinator van uw organisatie.") % {"name": to_user},
            code="to_user",
        )
    chosen = set(trajectory_ids)
    rows = list(
        Trajectory.objects.visible_to(scope)
        .open()
        .filter(pk__in=chosen)
        .select_for_update(of=("self",))
        .select_related("client")
    )
    if {t.pk for t in rows} != chosen:
        raise ValidationError(_("Een gekozen traject bestaat niet (meer)."), code="trajectories")
    taken = [t for t in rows if t.coordinator_id is not None]
    if taken:
        raise ValidationError(
            _("Al toegewezen, kies opnieuw: %(names)s.")
            % {"names": ", ".join(t.client.display_name for t in taken)},
            code="taken",
        )
    for trajectory in rows:
        trajectory.coordinator = to_user
        trajectory.version += 1
        trajectory.save()  # through save(): the history records the assignment
    return len(rows)
