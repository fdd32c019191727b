"""Access policy of the interventions pages (merged into the access matrix).

Casework pages follow the trajectory: coordinator and team chair read (another organisation's
rows and, for the coordinator who is not assigned, the shielded case's: 404); pages that change
are the coordinator's (the team chair 403); the colleague's approval pages are open to both
casework roles (the four-eyes rule itself is the service's). Catalogue and budget are for the
functioneel beheerder and the team chair.
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

CASEWORK = only(Role.COORDINATOR, Role.TEAM_CHAIR)
CASEWORK_OTHER = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}
MANAGERS = only(Role.FUNCTIONAL_ADMIN, Role.TEAM_CHAIR)
MANAGERS_OTHER = everyone(FORBIDDEN) | {
    Role.FUNCTIONAL_ADMIN: NOT_FOUND,
    Role.TEAM_CHAIR: NOT_FOUND,
}


def _reads():
    return Rule(LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER)


def _changes():
    return Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER)


POLICY = {
    "interventions:trajectory": _reads(),
    "interventions:request_create": _changes(),
    "interventions:gift_create": _changes(),
    "interventions:request_detail": _reads(),
    "interventions:request_pdf": _reads(),
    "interventions:request_edit": _changes(),
    "interventions:request_submit": _changes(),
    "interventions:request_transition": _changes(),
    "interventions:request_new_version": _changes(),
    "interventions:condition_add": _changes(),
    "interventions:condition_check": _changes(),
    "interventions:payment_create": _changes(),
    "interventions:gift_pay": _changes(),
    # The colleague's signature: both casework roles may open it (the service applies four eyes).
    "interventions:request_decide": _reads(),
    "interventions:loan_decide": _reads(),
    "interventions:gift_decide": _reads(),
    "interventions:catalogue": Rule(LOGIN, MANAGERS),
    "interventions:type_edit": Rule(LOGIN, MANAGERS, other_organisation=MANAGERS_OTHER),
    "interventions:budget": Rule(LOGIN, MANAGERS),
    "interventions:line_edit": Rule(LOGIN, MANAGERS, other_organisation=MANAGERS_OTHER),
}


def extend_world(world) -> None:
    from terugkeer.cases.tests.access_policy_shielded import shielded_trajectory
    from terugkeer.cases.tests.factories import TrajectoryFactory
    from terugkeer.interventions.tests.factories import (
        BudgetLineFactory,
        ConditionFactory,
        EmergencyGiftFactory,
        InterventionRequestFactory,
        InterventionTypeFactory,
    )

    own, other = world["own"], world["other"]
    trajectories = tuple(TrajectoryFactory(client__organisation=o) for o in (own, other))
    requests = tuple(InterventionRequestFactory(trajectory=t) for t in trajectories)
    conditions = tuple(ConditionFactory(request=r) for r in requests)
    gifts = tuple(EmergencyGiftFactory(trajectory=t) for t in trajectories)
    types = tuple(r.intervention_type for r in requests)
    lines = tuple(BudgetLineFactory(organisation=o) for o in (own, other))
    params = world["params"]
    params["interventions:trajectory_pk"] = tuple(t.pk for t in trajectories)
    params["interventions:request_pk"] = tuple(r.pk for r in requests)
    params["interventions:condition_pk"] = tuple(c.pk for c in conditions)
    params["interventions:gift_pk"] = tuple(g.pk for g in gifts)
    params["interventions:type_pk"] = tuple(t.pk for t in types)
    params["interventions:line_pk"] = tuple(line.pk for line in lines)

    shielded = shielded_trajectory(world)
    shielded_request = InterventionRequestFactory(
        trajectory=shielded,
        intervention_type=InterventionTypeFactory(organisation=own, name="Jobcoach (afgeschermd)"),
    )
    world["shielded"]["request_pk"] = shielded_request.pk
    world["shielded"]["condition_pk"] = ConditionFactory(request=shielded_request).pk
    world["shielded"]["gift_pk"] = EmergencyGiftFactory(trajectory=shielded).pk
