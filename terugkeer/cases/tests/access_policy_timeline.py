"""Access policy of the klantreis tab and the dossier PDF (trajectory_pk comes from the dossier)."""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import FORBIDDEN, LOGIN, NOT_FOUND, Rule, everyone, only

CASEWORK = only(Role.COORDINATOR, Role.TEAM_CHAIR)
OTHER_ORG = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}

POLICY = {
    name: Rule(LOGIN, CASEWORK, other_organisation=OTHER_ORG)
    for name in ["dossier:timeline", "dossier:pdf"]
}
