"""Access rules of the privacy app, registered with ``core.access.policy``.

Data-subject requests are the privacy officer's alone. The privacy officer reads no casework
through the casework rules (``clients`` grants clients to casework roles only); what this app
shows of a client (the access log about them, the inzage export) it reads through
:func:`privacy_officer_clients`, which admits exactly the privacy officer of the client's own
organisation. Every such page writes the access log.
"""

from terugkeer.core.access import Scope, for_roles, policy
from terugkeer.core.roles import Role


def privacy_officer_clients(scope: Scope | None):
    """The organisation's clients for its privacy officer; nothing for anyone else."""
    from terugkeer.clients.models import Client

    if scope is None or scope.role != Role.PRIVACY_OFFICER:
        return Client.objects.none()
    return Client.objects.filter(organisation=scope.organisation)


def register() -> None:
    policy.grant("privacy.SubjectRequest", for_roles(Role.PRIVACY_OFFICER))
    # The log of research exports: the privacy officer reviews who exported what and why.
    policy.grant("privacy.ResearchExport", for_roles(Role.PRIVACY_OFFICER))
    # Retention rules: proposed and confirmed by two of the privacy officers and functional admins.
    policy.grant("privacy.RetentionRule", for_roles(Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN))
