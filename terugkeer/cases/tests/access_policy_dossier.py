"""Access policy of the dossier tabs (overview, basisvoorwaarden, contacts)."""

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

CASEWORK = only(Role.COORDINATOR, Role.TEAM_CHAIR)
OTHER_ORG = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}

POLICY = {
    # Read by casework; the forms on them post back to the same URL: the coordinator's only.
    name: Rule(LOGIN, CASEWORK, other_organisation=OTHER_ORG, post=CHANGES_CASEWORK)
    for name in ["dossier:overview", "dossier:triage", "dossier:contacts"]
}


def extend_world(world) -> None:
    if "trajectory_pk" in world["params"]:
        return
    from terugkeer.cases.tests.factories import TrajectoryFactory
    from terugkeer.clients.tests.factories import ClientFactory

    own = TrajectoryFactory(client=ClientFactory(organisation=world["own"]))
    other = TrajectoryFactory(client=ClientFactory(organisation=world["other"]))
    world["params"]["trajectory_pk"] = (own.pk, other.pk)
