"""Access rules of trajectories and their rows, registered with ``core.access.policy``.

A team chair reads every trajectory of the organisation and approves; a coordinator reads every
one that is not afgeschermd (shielded), and the shielded ones where they are the coordinator or
substitute. Changing casework (``change``) is the coordinator's: a team chair changes only where
the membership says they are also a coordinator, and then as a coordinator would.
Everything a trajectory owns is visible exactly when the trajectory is. Shielding reaches the
client too: cases narrows the clients app's rule (it never widens it).
"""

from django.db.models import Q

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


def trajectory_rule(queryset, scope, action):
    if action == Action.CHANGE:
        if Role.COORDINATOR in scope.roles:
            return queryset.filter(Q(shielded=False) | _assigned(scope))
        return queryset.none()
    if scope.role == Role.TEAM_CHAIR:
        return queryset
    if scope.role == Role.COORDINATOR:
        return queryset.filter(Q(shielded=False) | _assigned(scope))
    return queryset.none()


def hide_clients_of_shielded_trajectories(queryset, scope, action):
    if scope.role != Role.COORDINATOR:
        return queryset
    from terugkeer.cases.models import Trajectory

    shielded = (
        Trajectory.objects.filter(organisation=scope.organisation, shielded=True)
        .exclude(_assigned(scope))
        .values("client_id")
    )
    return queryset.exclude(pk__in=shielded)


def register() -> None:
    policy.grant("cases.Trajectory", trajectory_rule)
    for label in TRAJECTORY_CHILDREN:
        policy.grant(label, through("trajectory"))
    policy.grant("cases.PlanTemplate", for_roles(*CASEWORK_ROLES, Role.FUNCTIONAL_ADMIN))
    policy.restrict("clients.Client", hide_clients_of_shielded_trajectories)
