"""Access rules of the clients app, registered with the one policy (``core.access.policy``).

Coordinators and team chairs see the organisation's clients; every other role none (deny by
default). Changing a client's personal data is casework: the coordinator's (a team chair's only
where their membership says they are also a coordinator). Apps above may narrow this: ``cases``
hides the clients of shielded trajectories.
"""

from terugkeer.core.access import Action, policy
from terugkeer.core.roles import CASEWORK_ROLES, Role


def client_rule(queryset, scope, action):
    if action == Action.CHANGE:
        return queryset if Role.COORDINATOR in scope.roles else queryset.none()
    return queryset if scope.role in CASEWORK_ROLES else queryset.none()


def register() -> None:
    policy.grant("clients.Client", client_rule)
