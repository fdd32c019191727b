"""Access policy of the retention pages (merged into the access matrix).

The privacy officer and the functional admin (the two who propose and confirm rules); every
other role 403. Another organisation's rule: 404 for them.
"""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import FORBIDDEN, LOGIN, NOT_FOUND, Rule, everyone, only

RULE_ROLES = only(Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN)
OTHER = everyone(FORBIDDEN) | {Role.PRIVACY_OFFICER: NOT_FOUND, Role.FUNCTIONAL_ADMIN: NOT_FOUND}

POLICY = {
    "privacy:retention": Rule(LOGIN, RULE_ROLES),
    "privacy:retention_rule_create": Rule(LOGIN, RULE_ROLES),
    "privacy:retention_rule": Rule(LOGIN, RULE_ROLES, other_organisation=OTHER),
    "privacy:retention_rule_confirm": Rule(LOGIN, RULE_ROLES, other_organisation=OTHER),
    "privacy:retention_rule_end": Rule(LOGIN, RULE_ROLES, other_organisation=OTHER),
}


def extend_world(world) -> None:
    from terugkeer.accounts.tests.factories import MembershipFactory
    from terugkeer.privacy.models_retention import RetentionRule

    rules = []
    for organisation in (world["own"], world["other"]):
        proposer = MembershipFactory(organisation=organisation, role=Role.PRIVACY_OFFICER).user
        rules.append(
            RetentionRule.objects.create(
                organisation=organisation, kind="dossier", months=60, created_by=proposer
            )
        )
    world["params"]["privacy:rule_pk"] = tuple(rule.pk for rule in rules)
