"""Access rules of trajectories and their rows, registered with ``core.access.policy``.

A team chair reads every trajectory of the organisation and approves; a coordinator reads every
one that is not afgeschermd (shielded), and the shielded ones where they are the coordinator or
substitute. Changing casework (``change``) is the coordinator's: a team chair changes only where
the membership says they are also a coordinator, and then as a coordinator would. A closed
trajectory takes no change until it is reopened (``reopen``, the same people).
Everything a trajectory owns is visible exactly when the trajectory is. Shielding is the
person's: a client with a shielded trajectory is hidden from a coordinator who is not assigned,
with all their other trajectories, unless the coordinator works on one of them; cases narrows the
clients app's rule for that (it never widens it).
"""

from django.db.models import Q

from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.core.access import Action, for_roles, policy, through
from terugkeer.core.roles import CASEWORK_ROLES, Role

TRAJECTORY_CHILDREN = (
    "cases.Contact",
    "cases.DomainAssessment",
    "cases.DomainSnapshot",
    "cases.Goal",
    "cases.Action",
)


def _assigned(scope) -> Q:
    return Q(coordinator=scope.user) | Q(substitute=scope.user)


def _hidden_clients(scope):
    """Clients with a shielded trajectory the user is not assigned to: shielding is the person's."""
    from terugkeer.cases.models import Trajectory

    return (
        Trajectory.objects.filter(organisation=scope.organisation, shielded=True)
        .exclude(_assigned(scope))
        .values("client_id")
    )


def _as_coordinator(queryset, scope):
    """What a coordinator reads and changes: their own cases, and every other case unless it is
    shielded or belongs to a person with a shielded case they are not assigned to."""
    return queryset.filter(
        _assigned(scope) | (Q(shielded=False) & ~Q(client_id__in=_hidden_clients(scope)))
    )


def trajectory_rule(queryset, scope, action):
    if action in (Action.CHANGE, Action.REOPEN):
        if Role.COORDINATOR not in scope.roles:
            return queryset.none()
        # A closed trajectory is read-only (for every app's rows ``through("trajectory")``);
        # reopening it, with a reason, is the one change it takes.
        closed = Q(status=TrajectoryStatus.CLOSED)
        return _as_coordinator(queryset, scope).filter(
            closed if action == Action.REOPEN else ~closed
        )
    if scope.role == Role.TEAM_CHAIR:
        return queryset
    if scope.role == Role.COORDINATOR:
        return _as_coordinator(queryset, scope)
    return queryset.none()


def hide_clients_of_shielded_trajectories(queryset, scope, action):
    """A person with a shielded case stays hidden unless the user works on one of their cases."""
    if scope.role == Role.TEAM_CHAIR and action != Action.CHANGE:
        return queryset
    if scope.role not in (Role.COORDINATOR, Role.TEAM_CHAIR):
        return queryset
    from terugkeer.cases.models import Trajectory

    # Open ones: an old, closed case does not keep a shielded person in view.
    own_cases = (
        Trajectory.objects.filter(organisation=scope.organisation).open().filter(_assigned(scope))
    )
    return queryset.exclude(
        Q(pk__in=_hidden_clients(scope)) & ~Q(pk__in=own_cases.values("client_id"))
    )


def register() -> None:
    from terugkeer.cases.break_glass import client_reason, trajectory_reason

    policy.grant("cases.Trajectory", trajectory_rule)
    # Break the glass: a shielded person's dossier read beyond the reader's assignment (the
    # team chair) needs a stated reason first (``cases/break_glass.py``).
    policy.require_reason("cases.Trajectory", trajectory_reason, roles=[Role.TEAM_CHAIR])
    policy.require_reason("clients.Client", client_reason, roles=[Role.TEAM_CHAIR])
    # The record of those reasons: the privacy officer reviews it (and sees it among the alerts).
    policy.grant("cases.BreakGlassAccess", for_roles(Role.PRIVACY_OFFICER, actions=[Action.VIEW]))
    for label in TRAJECTORY_CHILDREN:
        policy.grant(label, through("trajectory"))
    policy.grant("cases.PlanTemplate", for_roles(*CASEWORK_ROLES, Role.FUNCTIONAL_ADMIN))
    policy.restrict("clients.Client", hide_clients_of_shielded_trajectories)
