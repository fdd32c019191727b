"""Access policy of the caseload handover (overdragen)."""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import LOGIN, Rule, only

POLICY = {
    "reassign:form": Rule(LOGIN, only(Role.COORDINATOR, Role.TEAM_CHAIR)),
}
