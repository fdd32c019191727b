"""Access policy of the housing pages (merged into the access matrix).

Houses are read by casework and the functioneel beheerder, and kept by the beheerder only.
Stays, checks and allocations follow their trajectory: another organisation's answer 404, the
shielded case 404 for the coordinator who is not assigned; the team chair reads the tab but
may not move anyone in or record a check (403 with the reason).
"""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import (
    CHANGES_CASEWORK,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    Rule,
    everyone,
    only,
)

READERS = only(Role.COORDINATOR, Role.TEAM_CHAIR, Role.FUNCTIONAL_ADMIN)
READERS_OTHER = everyone(FORBIDDEN) | {
    Role.COORDINATOR: NOT_FOUND,
    Role.TEAM_CHAIR: NOT_FOUND,
    Role.FUNCTIONAL_ADMIN: NOT_FOUND,
}
ADMIN = only(Role.FUNCTIONAL_ADMIN)
ADMIN_OTHER = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: NOT_FOUND}
CASEWORK = only(Role.COORDINATOR, Role.TEAM_CHAIR)
CASEWORK_OTHER = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}

POLICY = {
    "housing:unit_list": Rule(LOGIN, READERS),
    "housing:unit_create": Rule(LOGIN, ADMIN),
    "housing:unit_detail": Rule(LOGIN, READERS, other_organisation=READERS_OTHER),
    "housing:unit_edit": Rule(LOGIN, ADMIN, other_organisation=ADMIN_OTHER),
    "housing:trajectory": Rule(LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER),
    "housing:move_in": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "housing:allocation_create": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "housing:stay_end": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "housing:check_create": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "housing:allocation_outcome": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
}


def extend_world(world) -> None:
    from terugkeer.cases.tests.access_policy_shielded import shielded_trajectory
    from terugkeer.housing.tests.factories import (
        HouseCheckFactory,
        HousingAllocationFactory,
        HousingUnitFactory,
        StayFactory,
    )

    own, other = world["own"], world["other"]
    units = tuple(HousingUnitFactory(organisation=o) for o in (own, other))
    stays = tuple(StayFactory(unit=u) for u in units)
    for stay in stays:
        HouseCheckFactory(stay=stay)
    allocations = tuple(HousingAllocationFactory(unit__organisation=o) for o in (own, other))
    world["params"]["housing:unit_pk"] = tuple(u.pk for u in units)
    world["params"]["housing:stay_pk"] = tuple(s.pk for s in stays)
    world["params"]["housing:allocation_pk"] = tuple(a.pk for a in allocations)
    world["params"]["housing:trajectory_pk"] = tuple(s.trajectory_id for s in stays)
    shielded = shielded_trajectory(world)
    world["shielded"]["stay_pk"] = StayFactory(unit=units[0], trajectory=shielded).pk
    world["shielded"]["allocation_pk"] = HousingAllocationFactory(
        unit__organisation=own, trajectory=shielded
    ).pk
