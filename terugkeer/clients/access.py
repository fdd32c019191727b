"""Access rules of the clients app, registered with the one policy (``core.access.policy``).

Coordinators and team chairs see the organisation's clients; every other role none (deny by
default). Changing a client's personal data is casework: the coordinator's (a team chair's only
where their membership says they are also a coordinator). Apps above may narrow this: ``cases``
hides the clients of shielded trajectories.

An app above may name one more role that *reads* the organisation's clients for its function
(:func:`register_reader`: ``privacy`` lets the privacy officer read them for the inzage export
and the access log per client). Such a reader never changes a client, and the pages of casework
keep refusing the role (their ``allowed_roles``); a role nobody registered still sees nothing.
"""

from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured

from terugkeer.core.access import Action, policy
from terugkeer.core.roles import CASEWORK_ROLES, Role

# Roles that read clients for a function of an app above, with the actions they may do.
_readers: dict[Role, frozenset[str]] = {}


def register_reader(role: Role, *, actions: Iterable[str]) -> None:
    """Let ``role`` read the organisation's clients for ``actions`` (never ``change``).

    Idempotent for the same actions; a second, different registration for a role is refused.
    """
    wanted = frozenset(str(a) for a in actions)
    if Action.CHANGE in wanted or Action.REOPEN in wanted:
        raise ImproperlyConfigured("a registered reader of clients never changes them")
    if role in CASEWORK_ROLES:
        raise ImproperlyConfigured(f"{role} already reads clients as casework")
    if _readers.get(role, wanted) != wanted:
        raise ImproperlyConfigured(f"{role} already reads clients for other actions")
    _readers[role] = wanted


def client_rule(queryset, scope, action):
    if action == Action.CHANGE:
        return queryset if Role.COORDINATOR in scope.roles else queryset.none()
    if scope.role in CASEWORK_ROLES:
        return queryset
    if str(action) in _readers.get(scope.role, frozenset()):
        return queryset
    return queryset.none()


def register() -> None:
    policy.grant("clients.Client", client_rule)
