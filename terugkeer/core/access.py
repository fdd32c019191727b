"""The access scope: every query of personal data starts here (DESIGN.md section 5).

Deny by default: a request without an active organisation, or a role a model does not mention,
sees nothing. Objects outside the scope answer 404, never 403, so their existence is not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

from terugkeer.core.roles import Role

if TYPE_CHECKING:
    from terugkeer.accounts.models import Membership, Organisation, User

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Scope:
    """Who is asking: the user, the active organisation and the role held there."""

    user: User
    organisation: Organisation
    role: Role

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles


def scope_for(user: Any, membership: Membership | None) -> Scope | None:
    """Build the scope of a verified user acting through ``membership``; None means 'nothing'."""
    if user is None or not getattr(user, "is_authenticated", False) or membership is None:
        return None
    if membership.user_id != user.pk or not membership.is_active:
        return None
    return Scope(user=user, organisation=membership.organisation, role=Role(membership.role))


class ScopedQuerySet(models.QuerySet):
    """Base queryset for organisation-owned data.

    Subclasses name the path to the owning organisation (``organisation_field``) and widen
    ``for_role`` per role; the default answer for any role is the empty set.
    """

    organisation_field = "organisation"

    def visible_to(self, scope: Scope | None) -> ScopedQuerySet:
        if scope is None:
            return self.none()
        owned = self.filter(**{self.organisation_field: scope.organisation})
        return owned.for_role(scope)

    def for_role(self, scope: Scope) -> ScopedQuerySet:
        return self.none()


def get_visible_or_404(queryset: models.QuerySet[M], **lookup: Any) -> M:
    """Fetch one object from an already scoped queryset, or raise a Dutch 404."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Dit gegeven bestaat niet of u heeft er geen toegang toe.")) from exc
