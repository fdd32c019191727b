"""The declared access policy: for every URL name, the outcome per kind of visitor.

The access-matrix test enumerates every URL pattern of the project and compares what really
happens with this table. A URL without an entry fails the test, so every new view must be added
here, with its outcome for anonymous visitors, half-logged-in users (password but no second
factor), each role of the own organisation, and objects of another organisation.
"""

from dataclasses import dataclass, field

from terugkeer.core.roles import Role

OK = "200 ok"
LOGIN = "302 to login"
TWO_FACTOR = "302 to second factor"
REDIRECT = "302 elsewhere"
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"


def everyone(outcome: str) -> dict[Role, str]:
    return dict.fromkeys(Role, outcome)


def only(*roles: Role, otherwise: str = FORBIDDEN) -> dict[Role, str]:
    return {role: OK if role in roles else otherwise for role in Role}


@dataclass(frozen=True)
class Rule:
    anonymous: str
    roles: dict[Role, str]
    # Outcome per role when the URL names an object of another organisation (object URLs only).
    other_organisation: dict[Role, str] = field(default_factory=dict)
    unverified: str = TWO_FACTOR
    # Outcome per role when the URL names a shielded case the coordinator is not assigned to;
    # None: as ``roles``, except that the coordinator gets 404 where the own case would open
    # and the team chair, who is not assigned either, is sent to state a reason first (break
    # the glass: 302 to ``cases:break_glass``) where the own case would open.
    shielded: dict[Role, str] | None = None
    # Outcome per role of a POST where it differs from the GET (a page everyone of casework may
    # read, but only a coordinator may change): the matrix POSTs these too, and a refused one
    # must change nothing. None: a POST is refused exactly where the GET is.
    post: dict[Role, str] | None = None

    def shielded_outcomes(self) -> dict[Role, str]:
        if self.shielded is not None:
            return self.shielded
        hidden = {OK, REDIRECT}
        outcomes = {}
        for role, outcome in self.roles.items():
            if role == Role.COORDINATOR and outcome in hidden:
                outcome = NOT_FOUND
            elif role == Role.TEAM_CHAIR and outcome == OK:
                outcome = REDIRECT
            outcomes[role] = outcome
        return outcomes


# Casework pages that change a trajectory: the coordinator's; the team chair reads but may not
# change (403, unless their membership says they are also a coordinator).
CHANGES_CASEWORK = only(Role.COORDINATOR)

# Outcomes that refuse a request: a POST that gets one of these must have changed nothing.
REFUSALS = frozenset({LOGIN, TWO_FACTOR, FORBIDDEN, NOT_FOUND})


ADMIN_ONLY = only(Role.FUNCTIONAL_ADMIN)
ADMIN_FORBIDDEN = everyone(FORBIDDEN)


POLICY: dict[str, Rule] = {
    "core:home": Rule(LOGIN, everyone(OK)),
    "core:health": Rule(OK, everyone(OK), unverified=OK),
    # Logged in already: on to the second factor (which sends verified users home).
    "accounts:login": Rule(OK, everyone(TWO_FACTOR), unverified=TWO_FACTOR),
    "accounts:logout": Rule(NOT_ALLOWED, everyone(NOT_ALLOWED), unverified=NOT_ALLOWED),
    "accounts:two_factor": Rule(LOGIN, everyone(REDIRECT), unverified=OK),
    # Users who already have a device are sent to enter its code.
    "accounts:two_factor_setup": Rule(LOGIN, everyone(TWO_FACTOR), unverified=TWO_FACTOR),
    "accounts:choose_organisation": Rule(LOGIN, everyone(OK)),
    "accounts:organisation_settings": Rule(LOGIN, only(Role.FUNCTIONAL_ADMIN)),
    "set_language": Rule(REDIRECT, everyone(REDIRECT), unverified=REDIRECT),
    # The admin ("beheer") is for the functioneel beheerder only.
    "admin:index": Rule(LOGIN, ADMIN_ONLY),
    "admin:login": Rule(LOGIN, everyone(LOGIN), unverified=TWO_FACTOR),
    "admin:logout": Rule(
        REDIRECT,
        only(Role.FUNCTIONAL_ADMIN, otherwise=FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: NOT_ALLOWED},
    ),
    "admin:password_change": Rule(LOGIN, ADMIN_ONLY),
    "admin:password_change_done": Rule(LOGIN, ADMIN_ONLY),
    "admin:autocomplete": Rule(LOGIN, ADMIN_FORBIDDEN),  # 403 without its query parameters
    "admin:jsi18n": Rule(LOGIN, ADMIN_ONLY),
    "admin:app_list": Rule(LOGIN, ADMIN_ONLY),
    "admin:view_on_site": Rule(
        LOGIN,
        only(Role.FUNCTIONAL_ADMIN, otherwise=FORBIDDEN) | {Role.FUNCTIONAL_ADMIN: NOT_FOUND},
        other_organisation=ADMIN_FORBIDDEN | {Role.FUNCTIONAL_ADMIN: NOT_FOUND},
    ),
}

# Admin pages per model: (own organisation, other organisation) outcome for the functional admin.
# Every other role gets 403 on all of them, anonymous visitors the login page.
ADMIN_MODEL_ACTIONS: dict[str, dict[str, tuple[str, str | None]]] = {
    "accounts_organisation": {
        "changelist": (OK, None),
        "add": (FORBIDDEN, None),
        "change": (OK, NOT_FOUND),
        "delete": (FORBIDDEN, FORBIDDEN),
        "history": (OK, NOT_FOUND),
        "simple_history": (OK, NOT_FOUND),
    },
    "accounts_user": {
        "changelist": (OK, None),
        "add": (FORBIDDEN, None),  # a functional admin invites (accounts:invite) instead
        "change": (OK, NOT_FOUND),
        "delete": (FORBIDDEN, FORBIDDEN),
        "history": (OK, NOT_FOUND),
        "simple_history": (OK, NOT_FOUND),
    },
    "accounts_membership": {
        "changelist": (OK, None),
        "add": (FORBIDDEN, None),  # people join through a new account, never by another's id
        "change": (OK, NOT_FOUND),
        "delete": (FORBIDDEN, FORBIDDEN),
        "history": (OK, NOT_FOUND),
        "simple_history": (OK, NOT_FOUND),
    },
    # National reference data: for platform administrators only (its history names other
    # tenants' admins).
    "accounts_municipality": {
        "changelist": (FORBIDDEN, None),
        "add": (FORBIDDEN, None),
        "change": (FORBIDDEN, None),
        "delete": (FORBIDDEN, None),
        "history": (FORBIDDEN, None),
        "simple_history": (FORBIDDEN, None),
    },
}

for _model, _actions in ADMIN_MODEL_ACTIONS.items():
    for _action, (_own, _other) in _actions.items():
        _roles = ADMIN_FORBIDDEN | {Role.FUNCTIONAL_ADMIN: _own}
        _other_roles = ADMIN_FORBIDDEN | {Role.FUNCTIONAL_ADMIN: _other} if _other else {}
        POLICY[f"admin:{_model}_{_action}"] = Rule(LOGIN, _roles, other_organisation=_other_roles)


def _collect_app_policies() -> None:
    """Merge ``POLICY`` from each app's ``tests/access_policy*.py`` (each app declares its own)."""
    import pkgutil
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        ours = config.name.startswith("terugkeer.") and config.name != "terugkeer.core"
        if not (ours and find_spec(f"{config.name}.tests")):
            continue
        tests_package = import_module(f"{config.name}.tests")
        for info in pkgutil.iter_modules(tests_package.__path__):
            if not info.name.startswith("access_policy"):
                continue
            module_name = f"{config.name}.tests.{info.name}"
            module = import_module(module_name)
            overlap = POLICY.keys() & module.POLICY.keys()
            assert not overlap, f"{module_name} redeclares {sorted(overlap)}"
            POLICY.update(module.POLICY)
            APP_POLICY_MODULES.append(module)


APP_POLICY_MODULES: list = []
_collect_app_policies()
