"""Access policy of /api/v1/ (merged into the access matrix), as seen by people with a session.

The matrix logs people in; systems with a token are covered by the api app's own tests. Casework
(coordinator, team chair) reads every resource, every other role gets 403; anonymous visitors
401 (a bearer challenge, not the login page). Another organisation's object and the shielded case
answer 404 (the coordinator) as in the UI; the team chair, who must state a reason in the web pages
first (break the glass), gets 403 for the shielded person's details. A POST-only action answers
405 to a GET. The schema and its documentation are public; the token endpoints take only POST
(405).
"""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Rule,
    everyone,
)

UNAUTHORISED = "401"
CASEWORK = everyone(FORBIDDEN) | {Role.COORDINATOR: OK, Role.TEAM_CHAIR: OK}
CASEWORK_OTHER = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}
# Reports: the roles of the report pages; the "other organisation" URL is the same URL.
REPORTERS = everyone(FORBIDDEN) | {
    Role.COORDINATOR: OK,
    Role.TEAM_CHAIR: OK,
    Role.POLICY_ADVISOR: OK,
    Role.FUNCTIONAL_ADMIN: OK,
}
POST_ONLY = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_ALLOWED, Role.TEAM_CHAIR: NOT_ALLOWED}
# The shielded person's details: 404 for the coordinator who is not assigned, 403 for the team
# chair until a reason is in force (the API has no page to state one).
SHIELDED_DETAIL = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND}


def _list() -> Rule:
    return Rule(UNAUTHORISED, CASEWORK)


def _detail() -> Rule:
    return Rule(UNAUTHORISED, CASEWORK, other_organisation=CASEWORK_OTHER, shielded=SHIELDED_DETAIL)


def _admin(own: str, other: str | None = None) -> Rule:
    roles = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: own}
    other_roles = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: other} if other else {}
    return Rule(LOGIN, roles, other_organisation=other_roles)


POLICY = {
    "api:client-list": _list(),
    "api:client-detail": _detail(),
    "api:detention-list": _list(),
    "api:detention-detail": _detail(),
    "api:notification-list": _list(),
    "api:notification-detail": _detail(),
    "api:trajectory-list": _list(),
    "api:trajectory-detail": _detail(),
    "api:trajectory-transition": Rule(
        UNAUTHORISED, POST_ONLY, other_organisation=POST_ONLY, shielded=POST_ONLY
    ),
    "api:measurement-list": _list(),
    "api:measurement-detail": _detail(),
    "api:mentor-match-list": _list(),
    "api:mentor-match-detail": _detail(),
    "api:report-list": Rule(UNAUTHORISED, REPORTERS),
    "api:report-detail": Rule(UNAUTHORISED, REPORTERS, other_organisation=REPORTERS),
    "api:schema": Rule(OK, everyone(OK)),
    "api:docs": Rule(OK, everyone(OK)),
    "api:oauth:token": Rule(NOT_ALLOWED, everyone(NOT_ALLOWED)),
    "api:oauth:revoke": Rule(NOT_ALLOWED, everyone(NOT_ALLOWED)),
    # The organisation's API clients: the functional admin's; made by the command (no add).
    "admin:api_apiclient_changelist": _admin(OK),
    "admin:api_apiclient_add": _admin(FORBIDDEN),
    "admin:api_apiclient_change": _admin(OK, NOT_FOUND),
    "admin:api_apiclient_delete": _admin(FORBIDDEN, FORBIDDEN),
    "admin:api_apiclient_history": _admin(OK, NOT_FOUND),
}


def extend_world(world) -> None:
    from terugkeer.api.tests.factories import ApiClientFactory
    from terugkeer.assessments.tests.factories import MeasurementFactory
    from terugkeer.cases.tests.access_policy_shielded import shielded_trajectory
    from terugkeer.cases.tests.factories import TrajectoryFactory
    from terugkeer.clients.tests.factories import ClientFactory
    from terugkeer.detention.tests.factories import DetentionNotificationFactory
    from terugkeer.mentoring.tests.factories import MentorFactory, MentorMatchFactory

    own, other = world["own"], world["other"]
    trajectories = [TrajectoryFactory(client=ClientFactory(organisation=o)) for o in (own, other)]
    params = world["params"]
    params["api:trajectory_pk"] = tuple(t.pk for t in trajectories)
    params["api:client_pk"] = tuple(t.client_id for t in trajectories)
    params["api:detention_pk"] = tuple(t.detention_id for t in trajectories)
    params["api:notification_pk"] = tuple(
        DetentionNotificationFactory(detention=t.detention).pk for t in trajectories
    )
    params["api:report_slug"] = ("bereik", "bereik")
    params["api:measurement_pk"] = tuple(MeasurementFactory(trajectory=t).pk for t in trajectories)
    world["shielded"]["detention_pk"] = shielded_trajectory(world).detention_id
    matches = [
        MentorMatchFactory(mentor=MentorFactory(organisation=o), trajectory=t)
        for o, t in zip((own, other), trajectories, strict=True)
    ]
    params["api:mentor_match_pk"] = tuple(m.pk for m in matches)
    # Ended: mentoring's own world gives the shielded trajectory its one active match.
    shielded = shielded_trajectory(world)
    world["shielded"]["mentor_match_pk"] = MentorMatchFactory(
        mentor=MentorFactory(organisation=own),
        trajectory=shielded,
        started_on=shielded.opened_on,
        ended_on=shielded.opened_on,
        end_reason="anders",
    ).pk
    api_clients = tuple(ApiClientFactory(organisation=o) for o in (own, other))
    world["objects"]["api_apiclient"] = api_clients
