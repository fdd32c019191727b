"""Writes of the organisation's reference data: the intervention catalogue and the budget.

For the functioneel beheerder and the team chair (``access.REFERENCE_MANAGERS``); edits use
optimistic locking.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from terugkeer.core.access import Action
from terugkeer.core.locking import save_versioned
from terugkeer.interventions.access import REFERENCE_MANAGERS
from terugkeer.interventions.models import BudgetLine, InterventionType
from terugkeer.interventions.rules import locked_for
from terugkeer.interventions.selectors import organisation_programmes

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
# Written by the services beside LINE_FIELDS; the forms show it as one field per programme.
BY_PROJECT = "manual_realisation_by_project"
CENT = Decimal("0.01")
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


def by_project_label(name: str) -> str:
    return _("Realisatie handmatig – %(programme)s (EUR)") % {"programme": name}


def clean_by_project(*, organisation, value) -> dict[str, str]:
    """The hand-made realisation per programme: only the organisation's programme codes, each
    an amount of at least 0 with at most two decimals; stored as text with two decimals."""
    if not isinstance(value, dict):
        raise ValidationError({BY_PROJECT: _("De realisatie per project is onleesbaar.")})
    names = dict(organisation_programmes(organisation))
    cleaned = {}
    for code, raw in value.items():
        if code not in names:
            raise ValidationError(
                {
                    BY_PROJECT: _(
                        "Realisatie handmatig per project: '%(code)s' is geen programma van "
                        "deze organisatie."
                    )
                    % {"code": code}
                }
            )
        label = by_project_label(names[code])
        try:
            amount = Decimal(str(raw))
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            raise ValidationError(
                {BY_PROJECT: _("%(field)s: vul een bedrag in.") % {"field": label}}
            )
        if amount < 0:
            raise ValidationError(
                {BY_PROJECT: _("%(field)s: het bedrag mag niet negatief zijn.") % {"field": label}}
            )
        if amount != amount.quantize(CENT):
            raise ValidationError(
                {
                    BY_PROJECT: _("%(field)s: ten hoogste twee cijfers achter de komma.")
                    % {"field": label}
                }
            )
        cleaned[code] = f"{amount.quantize(CENT):f}"
    return cleaned


def budget_line_create(*, scope: Scope, **data) -> BudgetLine:
    _require_manager(scope)
    if BY_PROJECT in data:
        data[BY_PROJECT] = clean_by_project(organisation=scope.organisation, value=data[BY_PROJECT])
    return _create(
        BudgetLine,
        scope=scope,
        fields=(*LINE_FIELDS, BY_PROJECT),
        data=data,
        duplicate=_("Deze kostenpost staat al in de begroting van dat jaar."),
    )


def budget_line_update(
    *, scope: Scope, line: BudgetLine, expected_version: int, changes: dict
) -> BudgetLine:
    _require_manager(scope)
    if BY_PROJECT in changes:
        changes = changes | {
            BY_PROJECT: clean_by_project(organisation=scope.organisation, value=changes[BY_PROJECT])
        }
    return _update(
        BudgetLine,
        scope=scope,
        row=line,
        fields=(*LINE_FIELDS, BY_PROJECT),
        expected_version=expected_version,
        changes=changes,
    )
