"""Access rules of the activities models, registered with ``core.access.policy``.

Consents, sent cards and attendance are casework on a trajectory: visible exactly when the
trajectory is (``through("trajectory")``), so a shielded case's card and walks stay with it.
Sessions themselves (date, place, partner, mentors) are the organisation's casework; who was
there is read through ``Attendance`` and so through the policy again.
"""

from terugkeer.core.access import all_of, for_roles, policy, through
from terugkeer.core.roles import CASEWORK_ROLES

_casework_through_trajectory = all_of(for_roles(*CASEWORK_ROLES), through("trajectory"))


def register() -> None:
    policy.grant("activities.CardSubscription", _casework_through_trajectory)
    policy.grant("activities.CardMailing", _casework_through_trajectory)
    policy.grant("activities.ActivitySession", for_roles(*CASEWORK_ROLES))
    policy.grant("activities.Attendance", _casework_through_trajectory)
