"""The access scope: every query of personal data starts here (DESIGN.md section 5).

Deny by default: a request without an active organisation, or a role a model does not mention,
sees nothing. Objects outside the scope answer 404, never 403, so their existence is not revealed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from terugkeer.core.roles import Role

if TYPE_CHECKING:
    from terugkeer.accounts.models import Membership, Organisation, User

M = TypeVar("M", bound=models.Model)


class Action(StrEnum):
    """What the scope wants to do with a row; rules may answer differently per action."""

    VIEW = "view"
    CHANGE = "change"
    APPROVE = "approve"
    EXPORT = "export"
    REOPEN = "reopen"  # a closed row (a trajectory) made changeable again, with a reason


@dataclass(frozen=True)
class Scope:
    """Who is asking: the user, the active organisation and the role held there.

    A team chair may also be a coordinator in the same organisation (``also_coordinator``):
    the chair reads every case and approves; changing casework needs the coordinator role.
    """

    user: User
    organisation: Organisation
    role: Role
    also_coordinator: bool = False

    @property
    def roles(self) -> frozenset[Role]:
        extra = (
            {Role.COORDINATOR} if self.also_coordinator and self.role == Role.TEAM_CHAIR else set()
        )
        return frozenset({Role(self.role), *extra})

    def has_role(self, *roles: Role) -> bool:
        return not self.roles.isdisjoint(roles)

    def can(self, action: str, obj: models.Model) -> bool:
        """Whether this scope may perform ``action`` on ``obj`` (the same policy as querysets)."""
        queryset = type(obj)._default_manager.filter(pk=obj.pk)
        return queryset.visible_to(self, action=action).exists()


def scope_for(user: Any, membership: Membership | None) -> Scope | None:
    """Build the scope of a verified user acting through ``membership``; None means 'nothing'."""
    if user is None or not getattr(user, "is_authenticated", False) or membership is None:
        return None
    if membership.user_id != user.pk or not membership.is_active:
        return None
    return Scope(
        user=user,
        organisation=membership.organisation,
        role=Role(membership.role),
        also_coordinator=membership.also_coordinator,
    )


# A rule narrows an organisation's rows to what ``scope`` may do with ``action``.
QueryRule = Callable[[models.QuerySet, Scope, str], models.QuerySet]


@dataclass(frozen=True)
class StatedReason:
    """A read beyond the reader's assignment (break the glass): where to state a reason, and
    the reason stated, if one is in force (empty: the read must wait for one)."""

    url: str
    reason: str = ""


# For one object the scope may read: None when no reason is needed, else a StatedReason.
ReasonCheck = Callable[[Scope, models.Model], "StatedReason | None"]


class ReasonRequired(Exception):
    """Reading this object needs a stated reason first; ``url`` is the page that asks for it.

    ``core.middleware.ReasonRequiredMiddleware`` turns it into a redirect to that page (with the
    page asked for as ``next``), so no data of the object reaches the response.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(url)


class AccessPolicy:
    """The one access policy (DESIGN.md section 5): every model of personal data registers here.

    The app that owns a model *grants* access with one rule; any app may *restrict* a model
    further (cases hides the clients of shielded trajectories), but no app can widen another's
    rule: restrictions only ever filter what the grant let through. A model without a grant
    is invisible to everyone (deny by default). Apps register from ``AppConfig.ready()``.
    """

    def __init__(self) -> None:
        self._grants: dict[str, QueryRule] = {}
        self._restrictions: dict[str, list[QueryRule]] = defaultdict(list)
        self._reason_checks: dict[str, ReasonCheck] = {}
        self._reason_roles: set[Role] = set()

    def grant(self, model_label: str, rule: QueryRule) -> None:
        label = model_label.lower()
        if label in self._grants:
            raise ImproperlyConfigured(f"{model_label} already has its access rule")
        self._grants[label] = rule

    def restrict(self, model_label: str, rule: QueryRule) -> None:
        self._restrictions[model_label.lower()].append(rule)

    def require_reason(
        self, model_label: str, check: ReasonCheck, *, roles: Iterable[Role]
    ) -> None:
        """Reads of ``model_label`` the grant allows to ``roles`` may still need a stated reason
        first (a shielded dossier read by someone not assigned). Idempotent for the same check."""
        label = model_label.lower()
        if self._reason_checks.get(label, check) is not check:
            raise ImproperlyConfigured(f"{model_label} already has its reason check")
        self._reason_checks[label] = check
        self._reason_roles.update(roles)

    def stated_reason(self, scope: Scope | None, obj: models.Model) -> StatedReason | None:
        """Whether reading ``obj`` (already visible to ``scope``) is beyond its assignment.

        A model without a check of its own follows its client (the personal-data registry's
        ``client_path``): a melding, a referral or a document of a shielded person asks as the
        person's dossier does. Roles no check names cost nothing (no query)."""
        if scope is None or scope.role not in self._reason_roles:
            return None
        check = self._reason_checks.get(obj._meta.label_lower)
        if check is None:
            obj = _client_of(obj)
            check = None if obj is None else self._reason_checks.get(obj._meta.label_lower)
            if check is None:
                return None
        return check(scope, obj)

    def is_registered(self, model: type[models.Model]) -> bool:
        return model._meta.label_lower in self._grants

    def apply(self, queryset: models.QuerySet, scope: Scope, action: str) -> models.QuerySet:
        label = queryset.model._meta.label_lower
        grant = self._grants.get(label)
        if grant is None:
            return queryset.none()
        queryset = grant(queryset, scope, action)
        for restriction in self._restrictions.get(label, ()):
            # Only rows the grant let through, so a restriction can never widen it. (Not
            # ``queryset & ...``: combining re-creates the joins of multi-valued filters.)
            narrowed = restriction(queryset, scope, action)
            queryset = queryset.filter(pk__in=narrowed.values("pk"))
        return queryset


policy = AccessPolicy()


def _client_of(obj: models.Model) -> models.Model | None:
    """The client a row of personal data belongs to (``core.personal_data``), if any."""
    from terugkeer.core.personal_data import spec_for

    spec = spec_for(obj._meta.label)
    if spec is None or not spec.client_path:
        return None
    target: Any = obj
    for step in spec.client_path.split("__"):
        target = getattr(target, step, None)
        if target is None:
            return None
    return target


def for_roles(*roles: Role, actions: Iterable[str] | None = None) -> QueryRule:
    """Rule: the organisation's rows for ``roles`` (and only ``actions``, if given)."""
    allowed_roles = frozenset(roles)
    allowed_actions = None if actions is None else frozenset(actions)

    def rule(queryset, scope, action):
        if scope.role not in allowed_roles:
            return queryset.none()
        if allowed_actions is not None and action not in allowed_actions:
            return queryset.none()
        return queryset

    return rule


def through(field: str, *, allow_null: bool = False) -> QueryRule:
    """Rule: a row is visible exactly when the row its ``field`` points to is, for the action.

    ``allow_null`` keeps rows that point nowhere yet (an unmatched notification has no client).
    """

    def rule(queryset, scope, action):
        related = queryset.model._meta.get_field(field).related_model
        visible = related._default_manager.all().visible_to(scope, action=action)
        condition = models.Q(**{f"{field}__in": visible.values("pk")})
        if allow_null:
            condition |= models.Q(**{f"{field}__isnull": True})
        return queryset.filter(condition)

    return rule


def all_of(*rules: QueryRule) -> QueryRule:
    """Rule: what every one of ``rules`` lets through."""

    def rule(queryset, scope, action):
        for each in rules:
            queryset = each(queryset, scope, action)
        return queryset

    return rule


class ScopedQuerySet(models.QuerySet):
    """Base queryset for organisation-owned data: ``visible_to(scope, action=...)``.

    Subclasses name the path to the owning organisation (``organisation_field``); what a role
    may do with the organisation's rows is the rule registered with ``policy``.
    """

    organisation_field = "organisation"

    def visible_to(self, scope: Scope | None, action: str = Action.VIEW) -> ScopedQuerySet:
        if scope is None:
            return self.none()
        owned = self.filter(**{self.organisation_field: scope.organisation})
        return policy.apply(owned, scope, str(action))


def require_stated_reason(scope: Scope | None, obj: M) -> M:
    """``obj`` if ``scope`` may read it now; :class:`ReasonRequired` while a reason is needed
    and none is in force. Call it where one object's data is read (the dossier, the client page)."""
    stated = policy.stated_reason(scope, obj)
    if stated is not None and not stated.reason:
        raise ReasonRequired(stated.url)
    return obj


def get_visible_or_404(queryset: models.QuerySet[M], **lookup: Any) -> M:
    """Fetch one object from an already scoped queryset, or raise a Dutch 404."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Dit gegeven bestaat niet of u heeft er geen toegang toe.")) from exc
