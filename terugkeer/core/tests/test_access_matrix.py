"""Every URL of the project against the declared policy (access_policy.POLICY)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from terugkeer.accounts.models import Membership, Organisation
from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
)
from terugkeer.core.roles import Role
from terugkeer.core.tests.access_policy import (
    APP_POLICY_MODULES,
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    POLICY,
    REDIRECT,
    REFUSALS,
    TWO_FACTOR,
)
from terugkeer.testing import login_verified

# Namespaces of third-party apps mounted outside our URL conf would go here; there are none.
IGNORED_PREFIXES: tuple[str, ...] = ()


def _walk(patterns, namespace="", inherited=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            child_ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            # Parameters captured by an include's prefix (e.g. trajecten/<trajectory_pk>/).
            prefix_params = tuple(entry.pattern.converters.keys())
            yield from _walk(entry.url_patterns, child_ns, inherited + prefix_params)
        elif isinstance(entry, URLPattern) and entry.name:
            regex = entry.pattern.regex
            named = list(entry.pattern.converters.keys()) or list(regex.groupindex.keys())
            # django-simple-history's detail URL uses unnamed groups: object_id, version_id.
            positional = ["object_id", "version_id"][: regex.groups] if not named else []
            yield f"{namespace}{entry.name}", [*inherited, *(named or positional)]


def all_url_names() -> dict[str, list[str]]:
    return dict(_walk(get_resolver().url_patterns))


def test_every_url_has_a_policy_entry():
    names = {n for n in all_url_names() if not n.startswith(IGNORED_PREFIXES)}
    missing = sorted(names - POLICY.keys())
    stale = sorted(POLICY.keys() - names)
    assert not missing, f"URLs without an access policy entry: {missing}"
    assert not stale, f"Policy entries for URLs that no longer exist: {stale}"


@pytest.fixture
def world(db):
    own = OrganisationFactory(name="Eigen organisatie")
    other = OrganisationFactory(name="Andere organisatie")
    members = {role: MembershipFactory(organisation=own, role=role).user for role in Role}
    other_member = MembershipFactory(organisation=other, role=Role.COORDINATOR)
    objects = {
        "accounts_organisation": (own, other),
        "accounts_user": (members[Role.COORDINATOR], other_member.user),
        "accounts_membership": (
            Membership.objects.get(user=members[Role.COORDINATOR]),
            other_member,
        ),
        "accounts_municipality": (MunicipalityFactory(), None),
    }
    world = {
        "own": own,
        "other": other,
        "members": members,
        "objects": objects,
        "params": {},
        "shielded": {},
    }
    # Each app's tests/access_policy.py may add objects (own and other organisation) to the world
    # and say how to fill its URL parameters: ``extend_world(world)`` fills
    # ``world["params"]["<namespace>:<param>"] = (own_value, other_value)`` for its own URLs (or
    # ``world["params"][param]`` shared by all), and ``world["shielded"][param]`` with a value on
    # the own organisation's shielded trajectory that the matrix's coordinator is not assigned to.
    for module in APP_POLICY_MODULES:
        if hasattr(module, "extend_world"):
            module.extend_world(world)
    return world


def _kwargs(name: str, params: list[str], world, which: int) -> dict | None:
    """URL kwargs for ``name``; which=0 own organisation, 1 another. None: no such variant."""
    if not params:
        return {} if which == 0 else None
    kwargs = {}
    # Admin object URLs: world["objects"]["<app>_<model>"] = (own object, other object or None).
    model_key = next((k for k in world["objects"] if name.startswith(f"admin:{k}_")), None)
    if model_key:
        obj = world["objects"][model_key][which]
        if obj is None:
            return None
        kwargs["object_id"] = obj.pk
        if "version_id" in params:
            kwargs["version_id"] = obj.history.latest("history_date").history_id
    elif name == "admin:app_list":
        if which:
            return None
        kwargs["app_label"] = "accounts"
    elif name == "admin:view_on_site":
        organisation = world["own"] if which == 0 else world["other"]
        kwargs["content_type_id"] = ContentType.objects.get_for_model(Organisation).pk
        kwargs["object_id"] = organisation.pk
    elif all(_param(world, name, p) is not None for p in params):
        for param in params:
            kwargs[param] = _param(world, name, param)[which]
    else:
        raise AssertionError(f"test does not know how to build {name} with {params}")
    return kwargs


def _param(world, name: str, param: str):
    """The (own, other) values of ``param`` for URL ``name``: its namespace's first."""
    namespace = name.rsplit(":", 1)[0] if ":" in name else ""
    return world["params"].get(f"{namespace}:{param}", world["params"].get(param))


def _shielded_kwargs(name: str, params: list[str], world) -> dict | None:
    """URL kwargs naming the shielded case, for URLs with a parameter that can point at it."""
    if name.startswith("admin:") or not any(p in world["shielded"] for p in params):
        return None
    return {
        p: world["shielded"][p] if p in world["shielded"] else _param(world, name, p)[0]
        for p in params
    }


# Rows that a refused request may legitimately write: the access log, sessions, login attempts.
_DIGEST_SKIPPED = {"core.accesslogentry", "sessions.session", "admin.logentry"}


def _database_digest() -> list:
    """Every row of every table (but the request bookkeeping above), to prove nothing changed."""
    from django.apps import apps

    digest = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in _DIGEST_SKIPPED or model._meta.app_label in ("axes", "otp_totp"):
            continue
        digest.append((label, list(model._base_manager.order_by("pk").values_list())))
    return digest


def _reverse(name: str, kwargs: dict) -> str:
    if name.endswith("_simple_history"):
        return reverse(name, args=[kwargs["object_id"], kwargs["version_id"]])
    return reverse(name, kwargs=kwargs)


def _outcome(response) -> str:
    status = response.status_code
    if status == 302:
        location = response["Location"].split("?")[0]
        if location in (reverse("accounts:login"), reverse("admin:login")):
            return LOGIN
        if location == reverse("accounts:two_factor"):
            return TWO_FACTOR
        return REDIRECT
    return {200: OK, 403: FORBIDDEN, 404: NOT_FOUND, 405: NOT_ALLOWED}.get(status, str(status))


def _post_outcome(rule, who: str, get_outcome: str) -> str:
    """What a POST must get: refused where the GET is; else the rule's ``post`` for the role.

    ``post`` covers pages casework may read but only a coordinator may change (own organisation
    and shielded case; another organisation's object is refused on the GET already).
    """
    if get_outcome in REFUSALS or rule.post is None:
        return get_outcome
    role = next((r for r in Role if who in (r.value, f"{r.value} (shielded case)")), None)
    return rule.post.get(role, get_outcome) if role is not None else get_outcome


def _half_logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)  # password passed, second factor not yet
    return client


def test_access_matrix(world):
    """Every URL, GET and POST, as every role, on the own and another organisation and a shielded
    case; every refused POST together is proven to have changed no row of the database."""
    failures = []
    names = all_url_names()
    clients = {
        role: login_verified(Client(), user, world["own"])
        for role, user in world["members"].items()
    }
    anonymous = Client()
    half = _half_logged_in_client(world["members"][Role.COORDINATOR])
    refused_posts = []
    for name, params in sorted(names.items()):
        rule = POLICY[name]
        own_kwargs = _kwargs(name, params, world, 0)
        url = _reverse(name, own_kwargs)
        checks = [("anonymous", anonymous, url, rule.anonymous)]
        checks.append(("password only", half, url, rule.unverified))
        checks += [(role.value, clients[role], url, rule.roles[role]) for role in Role]
        other_kwargs = _kwargs(name, params, world, 1)
        if other_kwargs is not None:
            assert rule.other_organisation, f"{name}: object URL needs other_organisation outcomes"
            other_url = _reverse(name, other_kwargs)
            checks += [
                (f"{role.value} (other organisation)", clients[role], other_url, outcome)
                for role, outcome in rule.other_organisation.items()
            ]
        shielded_kwargs = _shielded_kwargs(name, params, world)
        if shielded_kwargs is not None:
            shielded_url = _reverse(name, shielded_kwargs)
            checks += [
                (f"{role.value} (shielded case)", clients[role], shielded_url, outcome)
                for role, outcome in rule.shielded_outcomes().items()
            ]
        for who, client, target, expected in checks:
            actual = _outcome(client.get(target))
            if actual != expected:
                failures.append(f"{name} {target} as {who}: expected {expected}, got {actual}")
            post_expected = _post_outcome(rule, who, expected)
            if post_expected in REFUSALS:
                refused_posts.append((name, who, client, target, post_expected))
    assert not failures, "\n".join(failures)

    before = _database_digest()
    for name, who, client, target, expected in refused_posts:
        # A view may refuse a POST it never accepts with 405 instead; it must never act on it.
        # A change the role may never make may be refused (403) before the object is looked up,
        # where the GET says 404: that tells nothing about the object either.
        actual = _outcome(client.post(target, {"version": "1", "confirm": "1"}))
        allowed = {expected, NOT_ALLOWED} | ({FORBIDDEN} if expected == NOT_FOUND else set())
        if actual not in allowed:
            failures.append(f"POST {name} {target} as {who}: expected {expected}, got {actual}")
    assert not failures, "\n".join(failures)
    assert _database_digest() == before, "a refused POST changed the database"
    assert len(refused_posts) > 500


def test_user_without_membership_reaches_no_organisation_page(db):
    user = UserFactory()
    client = login_verified(Client(), user)
    assert client.get(reverse("core:home")).url == reverse("accounts:choose_organisation")
    page = client.get(reverse("accounts:choose_organisation"))
    assert "geen lid van een organisatie" in page.content.decode()
    assert client.get(reverse("accounts:organisation_settings")).status_code == 302


def test_inactive_membership_gives_no_scope(db):
    membership = MembershipFactory(role=Role.FUNCTIONAL_ADMIN, inactive=True)
    client = login_verified(Client(), membership.user, membership.organisation)
    response = client.get(reverse("accounts:organisation_settings"))
    assert response.url == reverse("accounts:choose_organisation")


def _identifying_strings() -> dict[str, str]:
    """Each client's name and BSN as pages print them, keyed to the client's label."""
    from terugkeer.clients.models import Client as ClientRecord

    found = {}
    for client in ClientRecord.objects.all():
        found[str(client)] = str(client)
        if client.bsn:
            found[client.bsn] = str(client)
    return found


def test_every_render_that_shows_a_client_is_logged(world):
    """A page that prints a client's name or BSN writes the access log in the same request: the
    GET, and a POST that renders the page again (a refused form shows the same data; issue 11).

    Checked for every URL the coordinator (and the mentor) may open, with the matrix's world.
    """
    from terugkeer.core.models import AccessLogEntry

    identifying = _identifying_strings()
    assert len(identifying) >= 4, "the world should hold clients to look for"
    roles = (Role.COORDINATOR, Role.MENTOR)
    clients = {
        role: login_verified(
            Client(raise_request_exception=False), world["members"][role], world["own"]
        )
        for role in roles
    }
    missing, rendered = [], 0
    for name, params in sorted(all_url_names().items()):
        if name.startswith("admin:"):
            continue  # the admin is the functioneel beheerder's, and holds no dossier pages
        url = _reverse(name, _kwargs(name, params, world, 0))
        for role in roles:
            if POLICY[name].roles[role] != OK:
                continue
            for method in ("get", "post"):
                before = AccessLogEntry.objects.count()
                response = getattr(clients[role], method)(url, {"version": "0"})
                if response.status_code >= 500:
                    missing.append(f"{method.upper()} {name} as {role.value}: server error")
                if response.status_code != 200 or response.streaming:
                    continue
                if not response.get("Content-Type", "").startswith("text/"):
                    continue
                content = response.content.decode()
                shown = sorted({label for text, label in identifying.items() if text in content})
                if not shown:
                    continue
                rendered += 1
                if AccessLogEntry.objects.count() == before:
                    missing.append(f"{method.upper()} {name} as {role.value} shows {shown}")
    assert not missing, "pages that show a client without logging it:\n" + "\n".join(missing)
    assert rendered > 40
