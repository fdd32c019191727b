"""Access rules of the mentoring models, registered with ``core.access.policy``.

Casework roles (coordinator, team chair) see the organisation's mentors, meetings, and the
matches and reports of trajectories they may see (``through("trajectory")``, so shielding covers
them as it covers the dossier). The functioneel beheerder manages mentors but sees no match or
report. A mentor sees their own mentor record, their own active matches and the reports on them
(read only; filing goes through the service), and the meeting dates. The mentor role gets
nothing from the cases or clients models: what a mentor may know of a participant is read by
``selectors.participants_for_mentor`` from the matches, as a whitelisted projection.
"""

from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.core.access import Action, all_of, for_roles, policy, through
from terugkeer.core.roles import CASEWORK_ROLES, Role
from terugkeer.mentoring.choices import MentorStatus

MENTOR_MANAGERS = frozenset({*CASEWORK_ROLES, Role.FUNCTIONAL_ADMIN})


def mentor_rule(queryset, scope, action):
    if scope.role in MENTOR_MANAGERS:
        return queryset
    if scope.role == Role.MENTOR and action == Action.VIEW:
        return queryset.filter(user=scope.user)
    return queryset.none()


_casework_through_trajectory = all_of(for_roles(*CASEWORK_ROLES), through("trajectory"))


def match_rule(queryset, scope, action):
    """Casework through the trajectory; a mentor only their own active matches (view, report)."""
    if scope.role in CASEWORK_ROLES:
        return _casework_through_trajectory(queryset, scope, action)
    if scope.role == Role.MENTOR and action in (Action.VIEW, Action.CHANGE):
        # Active: not ended, the mentor not stopped, and the trajectory still open (a closed
        # case ends what the mentor may see, even before the match is ended by hand).
        return (
            queryset.filter(
                mentor__user=scope.user,
                ended_on__isnull=True,
                mentor__organisation=scope.organisation,
            )
            .exclude(mentor__status=MentorStatus.STOPPED)
            .exclude(trajectory__status=TrajectoryStatus.CLOSED)
        )
    return queryset.none()


def report_rule(queryset, scope, action):
    """Visible with its match; a mentor only reads (reports are filed through the service)."""
    if scope.role == Role.MENTOR and action != Action.VIEW:
        return queryset.none()
    if scope.role not in CASEWORK_ROLES and scope.role != Role.MENTOR:
        return queryset.none()
    return through("match")(queryset, scope, action)


def register() -> None:
    policy.grant("mentoring.Mentor", mentor_rule)
    policy.grant(
        "mentoring.MentorStatusChange", all_of(for_roles(*MENTOR_MANAGERS), through("mentor"))
    )
    policy.grant("mentoring.MentorMatch", match_rule)
    policy.grant("mentoring.MentorReport", report_rule)
    policy.grant(
        "mentoring.MentorMeeting",
        lambda queryset, scope, action: (
            queryset
            if scope.role in CASEWORK_ROLES or (scope.role == Role.MENTOR and action == Action.VIEW)
            else queryset.none()
        ),
    )
