"""Access policy of the client pages (merged into the project's access matrix)."""

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
# Another organisation's client: casework roles get 404 (existence not revealed), others 403.
OTHER_CLIENT = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}

POLICY = {
    "clients:search": Rule(LOGIN, CASEWORK),
    "clients:detail": Rule(LOGIN, CASEWORK, other_organisation=OTHER_CLIENT),
    "clients:edit": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=OTHER_CLIENT),
}


def extend_world(world) -> None:
    from terugkeer.clients.tests.factories import ClientFactory

    own = ClientFactory(organisation=world["own"], surname="Eigenaar")
    other = ClientFactory(organisation=world["other"], surname="Vreemde")
    world["objects"]["clients_client"] = (own, other)
    world["params"]["client_pk"] = (own.pk, other.pk)
