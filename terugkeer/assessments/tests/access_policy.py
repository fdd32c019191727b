"""Access policy of the assessment pages and their admin (merged into the access matrix)."""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import (
    CHANGES_CASEWORK,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    Rule,
    everyone,
    only,
)

CASEWORK = only(Role.COORDINATOR, Role.TEAM_CHAIR)
# Another organisation's trajectory or measurement: 404 for casework roles, 403 for the rest.
OTHER = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}
AGGREGATES = only(Role.COORDINATOR, Role.TEAM_CHAIR, Role.POLICY_ADVISOR)


def _admin(own: str, other: str | None = None) -> Rule:
    roles = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: own}
    other_roles = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: other} if other else {}
    return Rule(LOGIN, roles, other_organisation=other_roles)


POLICY = {
    "assessments:trajectory": Rule(LOGIN, CASEWORK, other_organisation=OTHER),
    "assessments:measurement_create": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=OTHER),
    "assessments:measurement_edit": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=OTHER),
    "assessments:response_create": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=OTHER),
    # The empty questionnaire holds no personal data; the "other" variant is the same URL.
    "assessments:questionnaire_pdf": Rule(LOGIN, CASEWORK, other_organisation=CASEWORK),
    # Aggregates of the active organisation only; the "other" variant is the same URL.
    "assessments:satisfaction": Rule(LOGIN, AGGREGATES, other_organisation=AGGREGATES),
    "admin:assessments_assessmentsettings_changelist": _admin(OK),
    # One settings row per organisation and the own one exists already: no second one.
    "admin:assessments_assessmentsettings_add": _admin(FORBIDDEN),
    "admin:assessments_assessmentsettings_change": _admin(OK, NOT_FOUND),
    "admin:assessments_assessmentsettings_delete": _admin(FORBIDDEN, FORBIDDEN),
    "admin:assessments_assessmentsettings_history": _admin(OK, NOT_FOUND),
    "admin:assessments_optionaldomain_changelist": _admin(OK),
    "admin:assessments_optionaldomain_add": _admin(OK),
    "admin:assessments_optionaldomain_change": _admin(OK, NOT_FOUND),
    "admin:assessments_optionaldomain_delete": _admin(FORBIDDEN, FORBIDDEN),
    "admin:assessments_optionaldomain_history": _admin(OK, NOT_FOUND),
}


def extend_world(world) -> None:
    from terugkeer.assessments.choices import ItemKind
    from terugkeer.assessments.models import AssessmentSettings, Item
    from terugkeer.assessments.tests.factories import MeasurementFactory, zrm
    from terugkeer.cases.tests.factories import TrajectoryFactory
    from terugkeer.clients.tests.factories import ClientFactory

    own, other = world["own"], world["other"]
    trajectories = [TrajectoryFactory(client=ClientFactory(organisation=o)) for o in (own, other)]
    measurements = [MeasurementFactory(trajectory=t) for t in trajectories]
    # Namespaced: the assessments URLs get these trajectories, other apps keep their own.
    world["params"]["assessments:trajectory_pk"] = tuple(t.pk for t in trajectories)
    world["params"]["assessments:measurement_pk"] = tuple(m.pk for m in measurements)
    world["params"]["assessments:instrument_code"] = ("c-toets", "c-toets")
    from terugkeer.cases.tests.access_policy_shielded import shielded_trajectory

    shielded = MeasurementFactory(trajectory=shielded_trajectory(world))
    world["shielded"]["measurement_pk"] = shielded.pk
    world["objects"]["assessments_assessmentsettings"] = tuple(
        AssessmentSettings.objects.create(organisation=o) for o in (own, other)
    )
    world["objects"]["assessments_optionaldomain"] = tuple(
        Item.objects.create(
            instrument=zrm(),
            organisation=o,
            position=14,
            code="zingeving",
            text="Zingeving",
            kind=ItemKind.SCALE,
            optional=True,
        )
        for o in (own, other)
    )
