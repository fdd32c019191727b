"""The rules shared by requests and gifts: four eyes, row lookup for a service, a cost line.

Every refusal is a Dutch ``ValidationError`` naming the rule; a row outside the scope is a 404
(also at the service level: another organisation's colleague learns nothing).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from terugkeer.core.access import Action
from terugkeer.core.roles import Role
from terugkeer.interventions.access import APPROVER_ROLES
from terugkeer.interventions.choices import LineKind

if TYPE_CHECKING:
    from terugkeer.core.access import Scope

NOT_FOUND = "Dit gegeven bestaat niet of u heeft er geen toegang toe."


def locked_for(model, *, scope: Scope, pk: int, action: str = Action.CHANGE):
    """The row ``pk`` locked for update, if the scope may do ``action`` with it (else 404)."""
    if not model.objects.visible_to(scope, action=action).filter(pk=pk).exists():
        raise Http404(_(NOT_FOUND))
    return model._default_manager.select_for_update().get(pk=pk)


def check_approver(*, scope: Scope, requested_by_id: int | None) -> None:
    """The four-eyes rule: a coordinator or team chair, and not the one who signed the request."""
    if not APPROVER_ROLES.intersection(scope.roles):
        raise ValidationError(
            _(
                "Alleen een casemanager of teamvoorzitter van de organisatie mag een aanvraag "
                "goedkeuren of afwijzen (vier-ogenprincipe); uw rol (%(role)s) mag dat niet."
            )
            % {"role": Role(scope.role).label},
            code="approver_role",
        )
    if requested_by_id is not None and requested_by_id == scope.user.pk:
        raise ValidationError(
            _(
                "U heeft deze aanvraag zelf ondertekend. Volgens het vier-ogenprincipe keurt een "
                "collega hem goed of af, niet de aanvrager."
            ),
            code="four_eyes",
        )


def check_cost_line(*, scope: Scope, cost_line, on: datetime.date) -> None:
    """A payment is booked on an expense line of the own organisation, in the payment's year."""
    if cost_line is None:
        return
    if cost_line.organisation_id != scope.organisation.pk:
        raise Http404(_(NOT_FOUND))
    if cost_line.kind != LineKind.EXPENSE:
        raise ValidationError(
            {"cost_line": _("Een betaling hoort op een kostenpost voor uitgaven, niet op baten.")}
        )
    if cost_line.year != on.year:
        raise ValidationError(
            {
                "cost_line": _(
                    "De kostenpost hoort bij de begroting van %(line)s; de betaling is in %(paid)s."
                )
                % {"line": cost_line.year, "paid": on.year}
            }
        )
