"""Access policy of the worklists and the default-coordinator admin (merged into the matrix)."""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    Rule,
    everyone,
    only,
)

CASEWORK = only(Role.COORDINATOR, Role.TEAM_CHAIR)


def _admin(own: str, other: str | None = None) -> Rule:
    roles = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: own}
    other_roles = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: other} if other else {}
    return Rule(LOGIN, roles, other_organisation=other_roles)


POLICY = {
    "cases:new": Rule(LOGIN, CASEWORK),
    "cases:mine": Rule(LOGIN, CASEWORK),
    "cases:all": Rule(LOGIN, CASEWORK),
    # Taking or giving queue trajectories: a POST from the worklist (a GET is not allowed).
    "cases:assign": Rule(
        LOGIN, everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_ALLOWED, Role.TEAM_CHAIR: NOT_ALLOWED}
    ),
    # Break the glass: casework that needs no reason for the own (unshielded) client is sent on;
    # the shielded person's page asks the team chair for a reason and stays 404 to the
    # coordinator who is not assigned (no reason opens what the policy does not grant).
    "cases:break_glass": Rule(
        LOGIN,
        everyone(FORBIDDEN) | {Role.COORDINATOR: REDIRECT, Role.TEAM_CHAIR: REDIRECT},
        other_organisation=everyone(FORBIDDEN)
        | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND},
        shielded=everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: OK},
    ),
    # Default coordinator per municipality: configuration, for the functional admin only.
    "admin:cases_defaultcoordinator_changelist": _admin(OK),
    "admin:cases_defaultcoordinator_add": _admin(OK),
    "admin:cases_defaultcoordinator_change": _admin(OK, NOT_FOUND),
    "admin:cases_defaultcoordinator_delete": _admin(OK, NOT_FOUND),
    "admin:cases_defaultcoordinator_history": _admin(OK, NOT_FOUND),
}


def extend_world(world) -> None:
    from terugkeer.cases.tests.factories import DefaultCoordinatorFactory, TrajectoryFactory
    from terugkeer.clients.tests.factories import ClientFactory

    own_coordinator = world["members"][Role.COORDINATOR]
    other_coordinator = world["objects"]["accounts_user"][1]
    for organisation, coordinator in (
        (world["own"], own_coordinator),
        (world["other"], other_coordinator),
    ):
        TrajectoryFactory(client=ClientFactory(organisation=organisation), coordinator=coordinator)
    own_default = DefaultCoordinatorFactory(organisation=world["own"], coordinator=own_coordinator)
    other_default = DefaultCoordinatorFactory(
        organisation=world["other"], coordinator=other_coordinator
    )
    world["objects"]["cases_defaultcoordinator"] = (own_default, other_default)
