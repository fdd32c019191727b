"""Access policy of the activities pages (merged into the access matrix).

Everything is casework: the card list and sessions for coordinator and team chair (the chair
may read but not mark cards sent or record a session: 403 on POST); consent follows the
trajectory (another organisation's 404, the shielded case 404 for the unassigned coordinator).
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
READ_NOT_CHANGE = CASEWORK | {Role.TEAM_CHAIR: FORBIDDEN}

POLICY = {
    "activities:card_list": Rule(LOGIN, CASEWORK, post=READ_NOT_CHANGE),
    "activities:card_list_pdf": Rule(LOGIN, CASEWORK),
    "activities:card_labels_pdf": Rule(LOGIN, CASEWORK),
    "activities:trajectory": Rule(LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER),
    "activities:consent": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "activities:session_list": Rule(LOGIN, CASEWORK),
    "activities:session_create": Rule(LOGIN, CASEWORK, post=READ_NOT_CHANGE),
    "activities:session_detail": Rule(LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER),
}


def extend_world(world) -> None:
    from terugkeer.activities.tests.factories import (
        AttendanceFactory,
        CardMailingFactory,
        CardSubscriptionFactory,
    )

    own, other = world["own"], world["other"]
    attendances = tuple(AttendanceFactory(session__organisation=o) for o in (own, other))
    for attendance in attendances:
        CardSubscriptionFactory(trajectory=attendance.trajectory)
        CardMailingFactory(trajectory=attendance.trajectory)
    world["params"]["activities:session_pk"] = tuple(a.session_id for a in attendances)
    world["params"]["activities:trajectory_pk"] = tuple(a.trajectory_id for a in attendances)
