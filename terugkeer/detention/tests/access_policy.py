"""Access policy of the detention admin (reference data: penitentiary institutions)."""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import FORBIDDEN, LOGIN, OK, Rule, everyone

_ACTIONS = {
    "changelist": OK,
    "add": OK,  # functional admins maintain the list of institutions
    "change": OK,
    "delete": FORBIDDEN,  # detentions point to institutions: only platform superusers delete
    "history": OK,
    "simple_history": OK,
}

POLICY = {
    f"admin:detention_penitentiaryinstitution_{action}": Rule(
        LOGIN, everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: outcome}
    )
    for action, outcome in _ACTIONS.items()
}


def extend_world(world) -> None:
    from terugkeer.detention.models import PenitentiaryInstitution

    institution = PenitentiaryInstitution.objects.get(name="PI Zwaag")
    institution.save()  # a history row for the history detail page
    world["objects"]["detention_penitentiaryinstitution"] = (institution, None)
