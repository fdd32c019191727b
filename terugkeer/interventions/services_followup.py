"""Follow-up of an approved request: conditions and their checks, payments, the loan decision.

Same conventions as ``services``: keyword-only, the acting ``scope``, atomic, Dutch refusals.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.core.access import Action
from terugkeer.core.locking import StaleObjectError
from terugkeer.interventions.access import FOLLOW_UP
from terugkeer.interventions.choices import (
    PAYABLE_STATUSES,
    TRANSITIONS,
    LoanDecision,
    MoneyForm,
    RequestStatus,
)
from terugkeer.interventions.models import Condition, InterventionRequest, Payment
from terugkeer.interventions.rules import check_approver, check_cost_line, locked_for
from terugkeer.interventions.services import _check_version, _record, _save

if TYPE_CHECKING:
    from terugkeer.core.access import Scope


@transaction.atomic
def condition_add(
    *, scope: Scope, request: InterventionRequest, description: str, check_on: datetime.date
) -> Condition:
    current = locked_for(InterventionRequest, scope=scope, pk=request.pk)
    if not TRANSITIONS[current.status] or current.status == RequestStatus.REJECTED:
        raise ValidationError(_("Aan een afgesloten aanvraag worden geen voorwaarden toegevoegd."))
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf de voorwaarde.")})
    return Condition.objects.create(request=current, description=description, check_on=check_on)


@transaction.atomic
def condition_check(
    *,
    scope: Scope,
    condition: Condition,
    expected_version: int,
    met: bool,
    note: str = "",
    on: datetime.date | None = None,
) -> Condition:
    current = locked_for(Condition, scope=scope, pk=condition.pk, action=FOLLOW_UP)
    if current.version != expected_version:
        raise StaleObjectError(current)
    current.checked_on = on or timezone.localdate()
    current.met = met
    current.note = note
    current.checked_by = scope.user
    current.version += 1
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def payment_register(
    *,
    scope: Scope,
    request: InterventionRequest,
    amount: Decimal,
    paid_on: datetime.date,
    cost_line=None,
    payee: str = "",
    note: str = "",
) -> Payment:
    """An amount actually paid: only on an approved request, never above the approved amount."""
    current = locked_for(InterventionRequest, scope=scope, pk=request.pk)
    if current.status not in PAYABLE_STATUSES:
        raise ValidationError(
            _("Er wordt alleen betaald op een goedgekeurde aanvraag (status nu: %(status)s).")
            % {"status": current.get_status_display()},
            code="not_approved",
        )
    if not isinstance(amount, Decimal) or amount <= 0:
        raise ValidationError({"amount": _("Het bedrag moet groter zijn dan € 0,00.")})
    paid = current.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    if paid + amount > current.amount:
        raise ValidationError(
            {
                "amount": _(
                    "Met deze betaling komt het totaal (€ %(total)s) boven het goedgekeurde "
                    "bedrag van € %(approved)s."
                )
                % {"total": paid + amount, "approved": current.amount}
            }
        )
    check_cost_line(scope=scope, cost_line=cost_line, on=paid_on)
    payment = Payment(
        request=current,
        amount=amount,
        paid_on=paid_on,
        cost_line=cost_line,
        payee=payee,
        note=note,
        registered_by=scope.user,
    )
    payment.full_clean()
    payment.save()
    if current.status == RequestStatus.APPROVED:
        _record(current, to_status=RequestStatus.RUNNING, scope=scope, reason=_("eerste betaling"))
        _save(current)
    return payment


@transaction.atomic
def loan_decide(
    *,
    scope: Scope,
    request_pk: int,
    decision: str,
    expected_version: int,
    note: str = "",
    on: datetime.date | None = None,
) -> InterventionRequest:
    """At the end of a loan: forgiven (every condition checked and met, the period over) or
    reclaimed (with a reason). Records who decided; the request is then afgerond."""
    on = on or timezone.localdate()
    check_approver(scope=scope, requested_by_id=None)
    current = locked_for(InterventionRequest, scope=scope, pk=request_pk, action=Action.APPROVE)
    # Forgiving or reclaiming money is a decision of four eyes too: not by the requester.
    check_approver(scope=scope, requested_by_id=current.requested_by_id)
    _check_version(current, expected_version)
    if current.money_form != MoneyForm.LOAN:
        raise ValidationError(
            _("Alleen over een lening wordt kwijtschelden of terugvorderen besloten.")
        )
    if current.status not in PAYABLE_STATUSES:
        raise ValidationError(
            _("Over de lening wordt besloten als hij loopt (status nu: %(status)s).")
            % {"status": current.get_status_display()}
        )
    if decision == LoanDecision.FORGIVEN:
        if current.loan_until and on < current.loan_until:
            raise ValidationError(
                _("Kwijtschelden kan pas na afloop van de periode, op of na %(date)s.")
                % {"date": f"{current.loan_until:%d-%m-%Y}"},
                code="period_running",
            )
        conditions = list(current.conditions.all())
        if any(c.met is not True for c in conditions):
            raise ValidationError(
                _(
                    "Kwijtschelden kan alleen als elke voorwaarde is gecontroleerd en nagekomen; "
                    "%(n)s voorwaarde(n) niet (of nog niet)."
                )
                % {"n": sum(c.met is not True for c in conditions)},
                code="conditions_not_met",
            )
    elif decision == LoanDecision.RECLAIMED:
        if not note.strip():
            raise ValidationError({"note": _("Geef op waarom de lening wordt teruggevorderd.")})
    else:
        raise ValidationError({"decision": _("Kies kwijtschelden of terugvorderen.")})
    current.loan_decision = decision
    current.loan_decided_by = scope.user
    current.loan_decided_on = on
    current.loan_decision_note = note.strip()
    current.end_reason = LoanDecision(decision).label
    _record(current, to_status=RequestStatus.COMPLETED, scope=scope, reason=note.strip())
    return _save(current)
