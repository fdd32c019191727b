"""Access rules of the clients app, registered with the one policy (``core.access.policy``).

Coordinators and team chairs see the organisation's clients; every other role none (deny by
default). Apps above may narrow this: ``cases`` hides the clients of shielded trajectories.
"""

from terugkeer.core.access import for_roles, policy
from terugkeer.core.roles import CASEWORK_ROLES


def register() -> None:
    policy.grant("clients.Client", for_roles(*CASEWORK_ROLES))
