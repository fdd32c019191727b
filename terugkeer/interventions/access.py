"""Access rules of the interventions models, registered with ``core.access.policy``.

Requests and Noodfonds gifts are casework: visible exactly when their trajectory is, for the
same action (``through("trajectory")``: another organisation's or a shielded case's are hidden).
Changing is the coordinator's (the trajectory's rule); approving (``approve``) is for casework
roles that may read the trajectory, a coordinator or team chair; the service adds the four-eyes
rule on top. Conditions, payments and the course follow their request. The catalogue and budget
are reference data of the organisation: casework and the functioneel beheerder read them,
the functioneel beheerder and the team chair change them. Mentors and policy advisors get none
of it (the policy advisor sees the reports' aggregates only).
"""

from terugkeer.core.access import Action, all_of, for_roles, policy, through
from terugkeer.core.roles import CASEWORK_ROLES, Role

# Who manages the catalogue and the budget (issue 14: functioneel beheerder and team chair).
REFERENCE_MANAGERS = frozenset({Role.FUNCTIONAL_ADMIN, Role.TEAM_CHAIR})
REFERENCE_READERS = frozenset({*CASEWORK_ROLES, Role.FUNCTIONAL_ADMIN})
# Who may sign as the colleague (the second pair of eyes).
APPROVER_ROLES = frozenset({Role.COORDINATOR, Role.TEAM_CHAIR})


def reference_rule(queryset, scope, action):
    if action == Action.VIEW and scope.role in REFERENCE_READERS:
        return queryset
    if action == Action.CHANGE and scope.role in REFERENCE_MANAGERS:
        return queryset
    return queryset.none()


_casework_through_trajectory = all_of(for_roles(*CASEWORK_ROLES), through("trajectory"))
_through_request = all_of(for_roles(*CASEWORK_ROLES), through("request"))

# Checking a loan's conditions outlives the aftercare (the seed's car: a year, aftercare three
# months), so it must stay possible after the trajectory closed, which takes no ``change``: a
# coordinator checks a condition on any request they can read. This app's own action.
FOLLOW_UP = "follow_up"


def condition_rule(queryset, scope, action):
    if action == FOLLOW_UP:
        if Role.COORDINATOR not in scope.roles:
            return queryset.none()
        return _through_request(queryset, scope, Action.VIEW)
    return _through_request(queryset, scope, action)


def register() -> None:
    policy.grant("interventions.InterventionType", reference_rule)
    policy.grant("interventions.BudgetLine", reference_rule)
    policy.grant("interventions.InterventionRequest", _casework_through_trajectory)
    policy.grant("interventions.EmergencyGift", _casework_through_trajectory)
    for child in ("RequestStatusChange", "Payment"):
        policy.grant(f"interventions.{child}", _through_request)
    policy.grant("interventions.Condition", condition_rule)
