"""Access rules of the privacy app, registered with ``core.access.policy``.

Data-subject requests are the privacy officer's alone. The privacy officer reads no casework
(``clients`` grants clients to casework roles); for this app's function, the access log about a
client and the inzage export, ``clients`` lets the privacy officer *read* the organisation's
clients through its reader registry (:func:`terugkeer.clients.access.register_reader`), never
change them. So every read of a client here goes through ``Client.objects.visible_to`` like any
other, another organisation's client stays invisible, and every such page writes the access log.
"""

from terugkeer.clients.access import register_reader
from terugkeer.core.access import Action, for_roles, policy
from terugkeer.core.roles import Role


def register() -> None:
    policy.grant("privacy.SubjectRequest", for_roles(Role.PRIVACY_OFFICER))
    # The log of research exports: the privacy officer reviews who exported what and why.
    policy.grant("privacy.ResearchExport", for_roles(Role.PRIVACY_OFFICER))
    # Retention rules: proposed and confirmed by two of the privacy officers and functional admins.
    policy.grant("privacy.RetentionRule", for_roles(Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN))
    register_reader(Role.PRIVACY_OFFICER, actions=(Action.VIEW, Action.EXPORT))
