"""Access policy of the mentoring pages (merged into the access matrix).

The mentor's own pages open only for the mentor role, and only on the mentor's own match: the
matrix's mentor is the mentor of the own organisation's match, another organisation's match and
the match on the shielded trajectory (another mentor's) answer 404. Casework pages follow the
trajectory (shielded: 404 for the coordinator who is not assigned); mentors are managed by
casework and the functioneel beheerder.
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

MENTOR = only(Role.MENTOR)
MENTOR_OTHER = everyone(FORBIDDEN) | {Role.MENTOR: NOT_FOUND}
CASEWORK = only(Role.COORDINATOR, Role.TEAM_CHAIR)
CASEWORK_OTHER = everyone(FORBIDDEN) | {Role.COORDINATOR: NOT_FOUND, Role.TEAM_CHAIR: NOT_FOUND}
MANAGERS = only(Role.COORDINATOR, Role.TEAM_CHAIR, Role.FUNCTIONAL_ADMIN)
MANAGERS_OTHER = CASEWORK_OTHER | {Role.FUNCTIONAL_ADMIN: NOT_FOUND}

POLICY = {
    "mentoring:my_participants": Rule(LOGIN, MENTOR),
    "mentoring:my_reports": Rule(LOGIN, MENTOR),
    # The shielded trajectory's match belongs to another mentor: 404 for the matrix's mentor.
    "mentoring:participant": Rule(
        LOGIN, MENTOR, other_organisation=MENTOR_OTHER, shielded=MENTOR_OTHER
    ),
    "mentoring:report_create": Rule(
        LOGIN, MENTOR, other_organisation=MENTOR_OTHER, shielded=MENTOR_OTHER
    ),
    "mentoring:mentor_list": Rule(LOGIN, MANAGERS),
    "mentoring:mentor_create": Rule(LOGIN, MANAGERS),
    "mentoring:mentor_detail": Rule(LOGIN, MANAGERS, other_organisation=MANAGERS_OTHER),
    "mentoring:mentor_edit": Rule(LOGIN, MANAGERS, other_organisation=MANAGERS_OTHER),
    "mentoring:mentor_transition": Rule(LOGIN, MANAGERS, other_organisation=MANAGERS_OTHER),
    "mentoring:trajectory": Rule(LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER),
    "mentoring:match_create": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "mentoring:match_end": Rule(LOGIN, CHANGES_CASEWORK, other_organisation=CASEWORK_OTHER),
    "mentoring:inbox": Rule(LOGIN, CASEWORK),
    "mentoring:report_detail": Rule(LOGIN, CASEWORK, other_organisation=CASEWORK_OTHER),
    "mentoring:meeting_list": Rule(LOGIN, CASEWORK),
    "mentoring:meeting_create": Rule(LOGIN, CASEWORK),
}


def extend_world(world) -> None:
    from terugkeer.cases.tests.access_policy_shielded import shielded_trajectory
    from terugkeer.mentoring.tests.factories import (
        MentorFactory,
        MentorMatchFactory,
        MentorMeetingFactory,
        MentorReportFactory,
    )

    own, other = world["own"], world["other"]
    mentors = (
        MentorFactory(organisation=own, user=world["members"][Role.MENTOR]),
        MentorFactory(organisation=other),
    )
    matches = tuple(MentorMatchFactory(mentor=m) for m in mentors)
    reports = tuple(MentorReportFactory(match=m) for m in matches)
    for organisation in (own, other):
        MentorMeetingFactory(organisation=organisation)
    # Namespaced: the mentoring URLs get these, other apps keep their own.
    world["params"]["mentoring:mentor_pk"] = tuple(m.pk for m in mentors)
    world["params"]["mentoring:match_pk"] = tuple(m.pk for m in matches)
    world["params"]["mentoring:report_pk"] = tuple(r.pk for r in reports)
    world["params"]["mentoring:trajectory_pk"] = tuple(m.trajectory_id for m in matches)
    shielded_match = MentorMatchFactory(
        mentor=MentorFactory(organisation=own), trajectory=shielded_trajectory(world)
    )
    world["shielded"]["match_pk"] = shielded_match.pk
    world["shielded"]["report_pk"] = MentorReportFactory(match=shielded_match).pk
