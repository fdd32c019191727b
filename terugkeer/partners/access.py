"""Access rules of the partners models, registered with ``core.access.policy``.

- Partners and contact persons are the organisation's reference data: the functioneel beheerder
  manages them (view, change); casework (coordinator, team chair) reads them.
- What belongs to a trajectory (involvement, referrals and their steps, meeting decisions,
  documents) follows the trajectory for casework (``through("trajectory")``): a shielded
  trajectory's referrals are hidden exactly like its dossier, and changing them is the
  coordinator's, like every change of a trajectory.
- Team meetings and their decisions: casework reads and records them (the team chair runs
  the meeting, so a decision needs reading the trajectory, not changing it).
Mentors, policy advisors, privacy officers get nothing.
"""

from terugkeer.core.access import Action, all_of, for_roles, policy, through
from terugkeer.core.roles import CASEWORK_ROLES, Role

PARTNER_MANAGERS = frozenset({Role.FUNCTIONAL_ADMIN})
PARTNER_READERS = frozenset({*CASEWORK_ROLES, Role.FUNCTIONAL_ADMIN})


def partner_rule(queryset, scope, action):
    if scope.role in PARTNER_MANAGERS:
        return queryset
    if scope.role in CASEWORK_ROLES and action == Action.VIEW:
        return queryset
    return queryset.none()


_casework_through_trajectory = all_of(for_roles(*CASEWORK_ROLES), through("trajectory"))


def decision_rule(queryset, scope, action):
    """Meeting work, not casework: whoever of casework may read the trajectory records the
    meeting's decision on it (the team chair runs the meeting); shielding still hides it."""
    if scope.role not in CASEWORK_ROLES:
        return queryset.none()
    return through("trajectory")(queryset, scope, Action.VIEW)


def register() -> None:
    policy.grant("partners.Partner", partner_rule)
    policy.grant("partners.ContactPerson", all_of(partner_rule, through("partner")))
    policy.grant("partners.MeetingDecision", decision_rule)
    for model in ("Involvement", "Referral", "Document", "DetentionTask", "LeftBehind"):
        policy.grant(f"partners.{model}", _casework_through_trajectory)
    policy.grant(
        "partners.ReferralStatusChange",
        all_of(for_roles(*CASEWORK_ROLES), through("referral")),
    )
    policy.grant("partners.TeamMeeting", for_roles(*CASEWORK_ROLES))
