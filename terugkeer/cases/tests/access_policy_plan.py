"""Access policy of the plan van aanpak URLs and the plan template admin."""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import (
    CHANGES_CASEWORK,
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
OTHER_ORG = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}
# POST-only: a GET is refused with 405 for casework roles (before any lookup), 403 for the rest.
POST_ONLY = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_ALLOWED, Role.TEAM_CHAIR: NOT_ALLOWED}


def _casework() -> Rule:
    return Rule(LOGIN, CASEWORK, other_organisation=OTHER_ORG)


def _changes() -> Rule:
    """A form page of the plan: the coordinator's (the team chair reads the plan, 403 here)."""
    return Rule(LOGIN, CHANGES_CASEWORK, other_organisation=OTHER_ORG)


def _admin(own: str, other: str | None = None) -> Rule:
    roles = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: own}
    other_roles = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: other} if other else {}
    return Rule(LOGIN, roles, other_organisation=other_roles)


POLICY = {
    "plan:detail": _casework(),
    "plan:pdf": _casework(),
    "plan:goal_create": _changes(),
    "plan:goal_update": _changes(),
    "plan:goal_delete": _changes(),
    "plan:action_create": _changes(),
    "plan:action_update": _changes(),
    "plan:action_delete": _changes(),
    "plan:action_complete": Rule(
        LOGIN,
        POST_ONLY,
        other_organisation=POST_ONLY,
        post=everyone(FORBIDDEN) | {Role.COORDINATOR: REDIRECT},
    ),
    "plan:template_apply": _changes(),
    "plan:agree": _changes(),
    # Plan templates: configuration of the organisation, for the functional admin only.
    "admin:cases_plantemplate_changelist": _admin(OK),
    "admin:cases_plantemplate_add": _admin(OK),
    "admin:cases_plantemplate_change": _admin(OK, NOT_FOUND),
    "admin:cases_plantemplate_delete": _admin(OK, NOT_FOUND),
    "admin:cases_plantemplate_history": _admin(OK, NOT_FOUND),
}


class _OnCurrentTrajectory:
    """A (own, other) pair of goal or action pks, made on demand on the trajectories the world
    finally uses: another app's ``extend_world`` may replace ``trajectory_pk`` after ours, and a
    goal must belong to the trajectory in its URL."""

    def __init__(self, world, make) -> None:
        self.world, self.make, self.made = world, make, {}

    def __getitem__(self, which: int) -> int:
        from terugkeer.cases.models import Trajectory

        trajectory_pk = self.world["params"]["trajectory_pk"][which]
        if trajectory_pk not in self.made:
            self.made[trajectory_pk] = self.make(Trajectory.objects.get(pk=trajectory_pk)).pk
        return self.made[trajectory_pk]


def extend_world(world) -> None:
    from terugkeer.cases.models import PlanTemplate
    from terugkeer.cases.plan_demo import seed_plan_templates
    from terugkeer.cases.plan_services import action_create, goal_create
    from terugkeer.cases.tests.factories import TrajectoryFactory
    from terugkeer.clients.tests.factories import ClientFactory

    if "trajectory_pk" not in world["params"]:
        world["params"]["trajectory_pk"] = tuple(
            TrajectoryFactory(client=ClientFactory(organisation=o)).pk
            for o in (world["own"], world["other"])
        )
    world["params"]["goal_pk"] = _OnCurrentTrajectory(
        world, lambda t: goal_create(trajectory=t, description="Doel voor de matrix")
    )
    world["params"]["action_pk"] = _OnCurrentTrajectory(
        world, lambda t: action_create(trajectory=t, description="Actie voor de matrix")
    )
    for organisation in (world["own"], world["other"]):
        seed_plan_templates(organisation)
    world["objects"]["cases_plantemplate"] = tuple(
        PlanTemplate.objects.get(organisation=o, programme="nazorg")
        for o in (world["own"], world["other"])
    )
