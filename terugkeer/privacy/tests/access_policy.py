"""Access policy of the privacy pages and their admin (merged into the access matrix).

Every page is the privacy officer's: every other role 403. Another organisation's client or
request: 404 for the privacy officer (403 for the rest, refused by role first).
"""

from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    Rule,
    everyone,
    only,
)

OFFICER = only(Role.PRIVACY_OFFICER)
OTHER = everyone(FORBIDDEN) | {Role.PRIVACY_OFFICER: NOT_FOUND}
# Lookup without a BSN: back to the privacy start page with a message.
REDIRECTS = everyone(FORBIDDEN) | {Role.PRIVACY_OFFICER: "302 elsewhere"}


def _admin(own: str, other: str | None = None) -> Rule:
    roles = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: own}
    other_roles = everyone(FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: other} if other else {}
    return Rule(LOGIN, roles, other_organisation=other_roles)


POLICY = {
    "privacy:index": Rule(LOGIN, OFFICER),
    "privacy:access_log": Rule(LOGIN, OFFICER),
    "privacy:alerts": Rule(LOGIN, OFFICER),
    "privacy:access_log_csv": Rule(LOGIN, OFFICER),
    "privacy:access_log_xlsx": Rule(LOGIN, OFFICER),
    "privacy:client_lookup": Rule(LOGIN, REDIRECTS),
    "privacy:client_log": Rule(LOGIN, OFFICER, other_organisation=OTHER),
    "privacy:request_list": Rule(LOGIN, OFFICER),
    # The research export: policy advisor and privacy officer; the page shows no person.
    "privacy:research_export": Rule(LOGIN, only(Role.POLICY_ADVISOR, Role.PRIVACY_OFFICER)),
    "privacy:request_create": Rule(LOGIN, OFFICER),
    "privacy:request_detail": Rule(LOGIN, OFFICER, other_organisation=OTHER),
    "privacy:request_extend": Rule(LOGIN, OFFICER, other_organisation=OTHER),
    "privacy:request_decide": Rule(LOGIN, OFFICER, other_organisation=OTHER),
    # The inzage export of the request (the world's requests are of kind inzage).
    "privacy:inzage_pdf": Rule(LOGIN, OFFICER, other_organisation=OTHER),
    "privacy:inzage_json": Rule(LOGIN, OFFICER, other_organisation=OTHER),
    "admin:privacy_privacysettings_changelist": _admin(OK),
    # One settings row per organisation and the own one exists already: no second one.
    "admin:privacy_privacysettings_add": _admin(FORBIDDEN),
    "admin:privacy_privacysettings_change": _admin(OK, NOT_FOUND),
    "admin:privacy_privacysettings_delete": _admin(FORBIDDEN, FORBIDDEN),
    "admin:privacy_privacysettings_history": _admin(OK, NOT_FOUND),
}


def extend_world(world) -> None:
    from terugkeer.clients.tests.factories import ClientFactory
    from terugkeer.privacy.tests.factories import PrivacySettingsFactory, SubjectRequestFactory

    own, other = world["own"], world["other"]
    clients = tuple(ClientFactory(organisation=o) for o in (own, other))
    world["params"]["privacy:client_pk"] = tuple(c.pk for c in clients)
    world["params"]["privacy:pk"] = tuple(SubjectRequestFactory(client=c).pk for c in clients)
    world["objects"]["privacy_privacysettings"] = tuple(
        PrivacySettingsFactory(organisation=o) for o in (own, other)
    )
