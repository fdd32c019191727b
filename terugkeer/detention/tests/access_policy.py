"""Access policy of the detention admin (reference data: penitentiary institutions)."""

from terugkeer.core.tests.access_policy import FORBIDDEN, LOGIN, Rule, everyone

# National reference data is for platform administrators only: every tenant role gets 403.
_ACTIONS = ["changelist", "add", "change", "delete", "history", "simple_history"]

POLICY = {
    f"admin:detention_penitentiaryinstitution_{action}": Rule(LOGIN, everyone(FORBIDDEN))
    for action in _ACTIONS
}


def extend_world(world) -> None:
    from terugkeer.detention.models import PenitentiaryInstitution

    institution = PenitentiaryInstitution.objects.get(name="PI Zwaag")
    institution.save()  # a history row for the history detail page
    world["objects"]["detention_penitentiaryinstitution"] = (institution, None)
