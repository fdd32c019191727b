"""Writes of the organisation's reference data: the intervention catalogue and the budget.

For the functioneel beheerder and the team chair (``access.REFERENCE_MANAGERS``); edits use
optimistic locking.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from terugkeer.core.access import Action
from terugkeer.core.locking import save_versioned
from terugkeer.interventions.access import REFERENCE_MANAGERS
from terugkeer.interventions.models import BudgetLine, InterventionType
from terugkeer.interventions.rules import locked_for

if TYPE_CHECKING:
    from terugkeer.core.access import Scope

TYPE_FIELDS = ("name", "domain_code", "description", "active")
LINE_FIELDS = (
    "year",
    "name",
    "group",
    "kind",
    "budget_amount",
    "budget_fte",
    "manual_realisation",
    "realised_fte",
    "order",
)
MANAGERS_ONLY = (
    "De catalogus en de begroting worden beheerd door de functioneel beheerder of de "
    "teamvoorzitter."
)


def _require_manager(scope: Scope) -> None:
    if scope.role not in REFERENCE_MANAGERS:
        raise PermissionDenied(_(MANAGERS_ONLY))


def _create(model, *, scope: Scope, fields: tuple, data: dict, duplicate: str):
    _require_manager(scope)
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    row = model(organisation=scope.organisation, **data)
    row.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise ValidationError({"name": duplicate}) from exc
    return row


def _update(model, *, scope: Scope, row, fields: tuple, expected_version: int, changes: dict):
    _require_manager(scope)
    unknown = set(changes) - set(fields)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked_for(model, scope=scope, pk=row.pk, action=Action.CHANGE)
        return save_versioned(row, expected_version=expected_version, changes=changes)


def intervention_type_create(*, scope: Scope, **data) -> InterventionType:
    return _create(
        InterventionType,
        scope=scope,
        fields=TYPE_FIELDS,
        data=data,
        duplicate=_("Er is al een soort interventie met deze naam."),
    )


def intervention_type_update(
    *, scope: Scope, intervention_type: InterventionType, expected_version: int, changes: dict
) -> InterventionType:
    return _update(
        InterventionType,
        scope=scope,
        row=intervention_type,
        fields=TYPE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )


def budget_line_create(*, scope: Scope, **data) -> BudgetLine:
    return _create(
        BudgetLine,
        scope=scope,
        fields=LINE_FIELDS,
        data=data,
        duplicate=_("Deze kostenpost staat al in de begroting van dat jaar."),
    )


def budget_line_update(
    *, scope: Scope, line: BudgetLine, expected_version: int, changes: dict
) -> BudgetLine:
    return _update(
        BudgetLine,
        scope=scope,
        row=line,
        fields=LINE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )
