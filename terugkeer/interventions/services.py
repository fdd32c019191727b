"""Writes of intervention requests: create, sign, four-eyes decision, course, payments, loans.

Every service is keyword-only, takes the acting ``scope``, runs in ``transaction.atomic`` and
raises a Dutch ``ValidationError`` naming the rule when it refuses (nothing is changed then).
Rows outside the scope are a 404, also here. The history of the course is append-only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Action
from terugkeer.core.locking import StaleObjectError
from terugkeer.interventions.choices import (
    LOCKED_STATUSES,
    TRANSITIONS,
    Decision,
    MoneyForm,
    RequestStatus,
)
from terugkeer.interventions.models import (
    InterventionRequest,
    InterventionType,
    RequestStatusChange,
)
from terugkeer.interventions.rules import NOT_FOUND, check_approver, locked_for

if TYPE_CHECKING:
    from terugkeer.core.access import Scope

# The Bijlage 1 fields a casemanager fills in (casuïstiek and situatie) plus type, form, amount.
REQUEST_FIELDS = (
    "intervention_type",
    "money_form",
    "amount",
    "loan_until",
    "client_name",
    "client_age",
    "detention_start",
    "detention_end",
    "household",
    "minor_children",
    "housing",
    "income_source",
    "income_amount",
    "debts",
    "debt_amount",
    "debt_arrangement",
    "valid_id",
    "care_need",
    "particulars",
    "partners_involved",
    "situation",
    "guidance_given",
    "measure",
    "reason",
    "obstacles",
    "cost_without_solution",
    "cost_of_solution",
    "client_wish",
)


def _check_fields(data: dict) -> None:
    unknown = set(data) - set(REQUEST_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")


def _check_type(*, scope: Scope, intervention_type: InterventionType) -> None:
    if intervention_type.organisation_id != scope.organisation.pk:
        raise Http404(_(NOT_FOUND))
    if not intervention_type.active:
        raise ValidationError(
            {"intervention_type": _("Deze soort interventie staat niet (meer) in de catalogus.")}
        )


def _check_loan(data: dict) -> None:
    if data.get("money_form") == MoneyForm.LOAN and not data.get("loan_until"):
        raise ValidationError(
            {"loan_until": _("Geef bij een lening op tot wanneer de voorwaarden gelden.")}
        )


def _record(request: InterventionRequest, *, to_status: str, scope: Scope, reason: str = ""):
    RequestStatusChange.objects.create(
        request=request,
        from_status=request.status,
        to_status=to_status,
        changed_by=scope.user,
        reason=reason,
    )
    request.status = to_status


def _check_version(request: InterventionRequest, expected_version: int) -> None:
    if request.version != expected_version:
        raise StaleObjectError(request)


def _save(request: InterventionRequest) -> InterventionRequest:
    request.version += 1
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def request_create(*, scope: Scope, trajectory: Trajectory, data: dict) -> InterventionRequest:
    """A new request (concept) on a trajectory the scope may change."""
    _check_fields(data)
    if (
        not Trajectory.objects.visible_to(scope, action=Action.CHANGE)
        .filter(pk=trajectory.pk)
        .exists()
    ):
        raise Http404(_(NOT_FOUND))
    _check_type(scope=scope, intervention_type=data["intervention_type"])
    _check_loan(data)
    request = InterventionRequest(trajectory=trajectory, created_by=scope.user, **data)
    request.full_clean()
    request.save()
    RequestStatusChange.objects.create(
        request=request,
        from_status=RequestStatus.CONCEPT,
        to_status=RequestStatus.CONCEPT,
        changed_by=scope.user,
        reason=_("aangemaakt"),
    )
    return request


@transaction.atomic
def request_update(
    *, scope: Scope, request: InterventionRequest, expected_version: int, changes: dict
) -> InterventionRequest:
    """Change the form while it is a concept; once signed it is fixed (a new version changes it)."""
    _check_fields(changes)
    current = locked_for(InterventionRequest, scope=scope, pk=request.pk)
    _check_version(current, expected_version)
    if current.status != RequestStatus.CONCEPT:
        raise ValidationError(
            _(
                "Deze aanvraag is ondertekend (status %(status)s) en ligt vast. Maak een nieuwe "
                "versie om iets te wijzigen."
            )
            % {"status": current.get_status_display()},
            code="locked",
        )
    if "intervention_type" in changes:
        _check_type(scope=scope, intervention_type=changes["intervention_type"])
    _check_loan({"money_form": current.money_form, "loan_until": current.loan_until} | changes)
    for field, value in changes.items():
        setattr(current, field, value)
    return _save(current)


@transaction.atomic
def request_submit(
    *, scope: Scope, request: InterventionRequest, expected_version: int
) -> InterventionRequest:
    """The casemanager signs the form and asks a colleague to approve it."""
    current = locked_for(InterventionRequest, scope=scope, pk=request.pk)
    _check_version(current, expected_version)
    if current.status != RequestStatus.CONCEPT:
        raise ValidationError(_("Alleen een concept kan worden ondertekend en ingediend."))
    if current.money_form != MoneyForm.NONE and current.amount <= 0:
        raise ValidationError(
            {"amount": _("Vul het bedrag in dat de maatregel kost voordat u hem indient.")}
        )
    current.requested_by = scope.user
    current.requested_at = timezone.now()
    _record(current, to_status=RequestStatus.REQUESTED, scope=scope)
    return _save(current)


@transaction.atomic
def request_decide(
    *, scope: Scope, request_pk: int, approve: bool, note: str = "", expected_version: int
) -> InterventionRequest:
    """The colleague signs (approves) or rejects: never the requester (four eyes).

    The previous version, if any, is replaced by an approved new one.
    """
    check_approver(scope=scope, requested_by_id=None)
    current = locked_for(InterventionRequest, scope=scope, pk=request_pk, action=Action.APPROVE)
    check_approver(scope=scope, requested_by_id=current.requested_by_id)
    _check_version(current, expected_version)
    if current.status != RequestStatus.REQUESTED:
        raise ValidationError(
            _("Alleen een ingediende aanvraag kan worden beoordeeld (status nu: %(status)s).")
            % {"status": current.get_status_display()},
            code="status",
        )
    if not approve and not note.strip():
        raise ValidationError({"note": _("Geef bij een afwijzing de reden op.")})
    current.decided_by = scope.user
    current.decided_at = timezone.now()
    current.decision = Decision.APPROVED if approve else Decision.REJECTED
    current.decision_note = note.strip()
    to_status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    _record(current, to_status=to_status, scope=scope, reason=note.strip())
    _save(current)
    if approve and current.previous_id:
        previous = InterventionRequest.objects.select_for_update().get(pk=current.previous_id)
        if RequestStatus.SUPERSEDED in TRANSITIONS[previous.status]:
            _record(
                previous,
                to_status=RequestStatus.SUPERSEDED,
                scope=scope,
                reason=_("vervangen door versie %(n)s") % {"n": current.form_version},
            )
            _save(previous)
    return current


@transaction.atomic
def request_transition(
    *,
    scope: Scope,
    request: InterventionRequest,
    to_status: str,
    expected_version: int,
    reason: str = "",
) -> InterventionRequest:
    """Start (lopend), finish (afgerond) or withdraw (ingetrokken, with a reason)."""
    current = locked_for(InterventionRequest, scope=scope, pk=request.pk)
    _check_version(current, expected_version)
    allowed = {RequestStatus.RUNNING, RequestStatus.COMPLETED, RequestStatus.WITHDRAWN}
    if to_status not in allowed or to_status not in TRANSITIONS[current.status]:
        raise ValidationError(
            _("Van '%(from)s' kan een aanvraag niet naar '%(to)s'.")
            % {
                "from": current.get_status_display(),
                "to": RequestStatus(to_status).label if to_status in RequestStatus else to_status,
            },
            code="transition",
        )
    if to_status == RequestStatus.WITHDRAWN and not reason.strip():
        raise ValidationError({"reason": _("Geef op waarom de maatregel wordt ingetrokken.")})
    if current.money_form == MoneyForm.LOAN and (
        to_status == RequestStatus.COMPLETED
        or (to_status == RequestStatus.WITHDRAWN and current.payments.exists())
    ):
        # Money lent out ends only with a decision of four eyes, never by a withdrawal.
        raise ValidationError(
            _("Een lening wordt afgerond met een besluit: kwijtschelden of terugvorderen."),
            code="loan_needs_decision",
        )
    current.end_reason = reason.strip() if to_status != RequestStatus.RUNNING else ""
    _record(current, to_status=to_status, scope=scope, reason=reason.strip())
    return _save(current)


@transaction.atomic
def request_new_version(*, scope: Scope, request: InterventionRequest) -> InterventionRequest:
    """A fixed request changes through a new concept version, replacing the old when approved."""
    current = locked_for(InterventionRequest, scope=scope, pk=request.pk)
    if current.status not in LOCKED_STATUSES or not TRANSITIONS[current.status]:
        raise ValidationError(
            _("Een nieuwe versie kan alleen van een beoordeelde, nog lopende aanvraag."),
            code="new_version",
        )
    if InterventionRequest.objects.filter(previous=current).exists():
        raise ValidationError(_("Er is al een nieuwe versie van deze aanvraag."), code="exists")
    data = {field: getattr(current, field) for field in REQUEST_FIELDS}
    if not data["intervention_type"].active:
        raise ValidationError(_("Deze soort interventie staat niet (meer) in de catalogus."))
    new = InterventionRequest(
        trajectory_id=current.trajectory_id,
        created_by=scope.user,
        previous=current,
        form_version=current.form_version + 1,
        **data,
    )
    new.full_clean()
    new.save()
    RequestStatusChange.objects.create(
        request=new,
        from_status=RequestStatus.CONCEPT,
        to_status=RequestStatus.CONCEPT,
        changed_by=scope.user,
        reason=_("nieuwe versie van versie %(n)s") % {"n": current.form_version},
    )
    return new
