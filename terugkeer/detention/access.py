"""Access rules of detention data, registered with the one policy (``core.access.policy``).

Detentions and notifications are casework only (no mentors) and visible exactly when their client
is, so a client hidden by shielding hides their detentions and notifications too. A notification
not yet matched to a client is visible to the organisation's caseworkers (the intake queue).
"""

from terugkeer.core.access import all_of, for_roles, policy, through
from terugkeer.core.roles import CASEWORK_ROLES

casework = for_roles(*CASEWORK_ROLES)


def register() -> None:
    policy.grant("detention.Detention", all_of(casework, through("client")))
    policy.grant(
        "detention.DetentionNotification", all_of(casework, through("client", allow_null=True))
    )
    policy.grant("detention.ImportBatch", casework)
