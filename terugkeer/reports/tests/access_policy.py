"""Access policy of the report pages (merged into the access matrix).

Reports are aggregates of the active organisation: coordinators, team chairs, policy advisors and
functional admins read them; mentors and the privacy officer do not. The "other organisation"
variant of a report URL is the same URL (there is no object to belong elsewhere).
"""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import LOGIN, Rule, only

REPORTERS = only(Role.COORDINATOR, Role.TEAM_CHAIR, Role.POLICY_ADVISOR, Role.FUNCTIONAL_ADMIN)

POLICY = {
    "reports:index": Rule(LOGIN, REPORTERS),
    "reports:evaluation": Rule(LOGIN, REPORTERS),
    "reports:evaluation_pdf": Rule(LOGIN, REPORTERS),
    "reports:detail": Rule(LOGIN, REPORTERS, other_organisation=REPORTERS),
    "reports:export": Rule(LOGIN, REPORTERS, other_organisation=REPORTERS),
}


def extend_world(world) -> None:
    world["params"]["slug"] = ("bereik", "bereik")
    world["params"]["fmt"] = ("csv", "csv")
