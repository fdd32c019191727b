"""Access rules of the housing models, registered with ``core.access.policy``.

Houses are the organisation's reference data: casework reads them (to move someone in), the
functioneel beheerder keeps them (the only one who changes a house, its places and house
rules). Stays, checks and allocations are casework on a trajectory: visible exactly when the
trajectory is (``through("trajectory")``), so shielding covers them as it covers the dossier.
The functioneel beheerder sees no resident: a house's page shows them only counts.
"""

from terugkeer.core.access import Action, all_of, for_roles, policy, through
from terugkeer.core.roles import CASEWORK_ROLES, Role

UNIT_READERS = frozenset({*CASEWORK_ROLES, Role.FUNCTIONAL_ADMIN})
UNIT_MANAGERS = frozenset({Role.FUNCTIONAL_ADMIN})


def unit_rule(queryset, scope, action):
    if action == Action.VIEW and scope.role in UNIT_READERS:
        return queryset
    if action == Action.CHANGE and scope.role in UNIT_MANAGERS:
        return queryset
    return queryset.none()


_casework_through_trajectory = all_of(for_roles(*CASEWORK_ROLES), through("trajectory"))

# Ending a stay frees the place: wind-down work that must stay possible after the trajectory
# closed (a closed trajectory takes no ``change``). A coordinator may end a stay on any
# trajectory they can read; housing's own action, so no other app's rule is widened.
END_STAY = "end_stay"


def stay_rule(queryset, scope, action):
    if action == END_STAY:
        if Role.COORDINATOR not in scope.roles:
            return queryset.none()
        return _casework_through_trajectory(queryset, scope, Action.VIEW)
    return _casework_through_trajectory(queryset, scope, action)


def register() -> None:
    policy.grant("housing.HousingUnit", unit_rule)
    policy.grant("housing.Stay", stay_rule)
    policy.grant("housing.HouseCheck", all_of(for_roles(*CASEWORK_ROLES), through("stay")))
    policy.grant("housing.HousingAllocation", _casework_through_trajectory)
