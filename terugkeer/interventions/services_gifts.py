"""Writes of Noodfonds gifts (seed 000 §6.5): request, four-eyes decision, payment.

The rules, each refused with a Dutch message naming it: at most € 750,00; once per client (a
rejected request does not count; a unique constraint backs it against two at the same moment);
never a loan; only for a resident of a municipality the organisation serves; approved by a
colleague, never by the requester.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Action
from terugkeer.core.locking import StaleObjectError
from terugkeer.interventions.choices import EMERGENCY_GIFT_MAX, GiftStatus, MoneyForm
from terugkeer.interventions.models import EmergencyGift
from terugkeer.interventions.rules import NOT_FOUND, check_approver, check_cost_line, locked_for
from terugkeer.reports.framework import euro

if TYPE_CHECKING:
    from terugkeer.core.access import Scope

ONCE_PER_CLIENT = (
    "Deze cliënt heeft al een gift uit het Noodfonds (aangevraagd of toegekend). Het Noodfonds "
    "geeft een eenmalige gift per cliënt."
)


def _check_amount(amount) -> None:
    if not isinstance(amount, Decimal):
        raise TypeError("amount must be a Decimal")
    if amount <= 0:
        raise ValidationError({"amount": _("Het bedrag van de gift moet groter zijn dan € 0,00.")})
    if amount > EMERGENCY_GIFT_MAX:
        raise ValidationError(
            {
                "amount": _(
                    "Een gift uit het Noodfonds is ten hoogste %(max)s; gevraagd is %(amount)s."
                )
                % {"max": euro(EMERGENCY_GIFT_MAX), "amount": euro(amount)}
            }
        )


def _check_once(client_id: int) -> None:
    if (
        EmergencyGift.objects.filter(client_id=client_id)
        .exclude(status=GiftStatus.REJECTED)
        .exists()
    ):
        raise ValidationError(_(ONCE_PER_CLIENT), code="once_per_client")


@transaction.atomic
def gift_request(
    *,
    scope: Scope,
    trajectory: Trajectory,
    amount: Decimal,
    need: str,
    no_legal_provision: str,
    money_form: str = MoneyForm.GIFT,
    on: datetime.date | None = None,
) -> EmergencyGift:
    """Ask for a Noodfonds gift for the trajectory's client (the requester signs it)."""
    if (
        not Trajectory.objects.visible_to(scope, action=Action.CHANGE)
        .filter(pk=trajectory.pk)
        .exists()
    ):
        raise Http404(_(NOT_FOUND))
    if money_form not in (MoneyForm.GIFT, MoneyForm.THIRD_PARTY):
        raise ValidationError(
            _("Het Noodfonds verstrekt geen leningen: alleen een eenmalige gift."), code="no_loan"
        )
    _check_amount(amount)
    client = trajectory.client
    served = scope.organisation.municipalities.filter(pk=client.municipality_id).exists()
    if client.municipality_id is None or not served:
        raise ValidationError(
            _(
                "Het Noodfonds is voor inwoners van de gemeente(n) die %(org)s bedient; de "
                "woongemeente van deze cliënt hoort daar niet bij (of is niet bekend)."
            )
            % {"org": scope.organisation.name},
            code="not_a_resident",
        )
    for field, text in (("need", need), ("no_legal_provision", no_legal_provision)):
        if not text.strip():
            raise ValidationError({field: _("Dit veld is verplicht voor een Noodfonds-gift.")})
    _check_once(client.pk)
    gift = EmergencyGift(
        trajectory=trajectory,
        client=client,
        municipality_id=client.municipality_id,
        amount=amount,
        need=need,
        no_legal_provision=no_legal_provision,
        requested_by=scope.user,
        requested_on=on or timezone.localdate(),
    )
    gift.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            gift.save()
    except IntegrityError as exc:  # a colleague's request for the same client, at the same moment
        raise ValidationError(_(ONCE_PER_CLIENT), code="once_per_client") from exc
    return gift


@transaction.atomic
def gift_decide(
    *, scope: Scope, gift_pk: int, approve: bool, expected_version: int, note: str = ""
) -> EmergencyGift:
    """A colleague (coordinator or team chair, not the requester) approves or rejects the gift."""
    check_approver(scope=scope, requested_by_id=None)
    gift = locked_for(EmergencyGift, scope=scope, pk=gift_pk, action=Action.APPROVE)
    check_approver(scope=scope, requested_by_id=gift.requested_by_id)
    if gift.version != expected_version:
        raise StaleObjectError(gift)
    if gift.status != GiftStatus.REQUESTED:
        raise ValidationError(
            _("Deze gift is al beoordeeld (%(status)s).") % {"status": gift.get_status_display()}
        )
    if not approve and not note.strip():
        raise ValidationError({"note": _("Geef bij een afwijzing de reden op.")})
    if approve:
        _check_amount(gift.amount)
    gift.status = GiftStatus.APPROVED if approve else GiftStatus.REJECTED
    gift.decided_by = scope.user
    gift.decided_at = timezone.now()
    gift.decision_note = note.strip()
    gift.version += 1
    gift.save()
    return gift


@transaction.atomic
def gift_pay(
    *,
    scope: Scope,
    gift: EmergencyGift,
    expected_version: int,
    paid_on: datetime.date,
    cost_line=None,
) -> EmergencyGift:
    """Record the payment of an approved gift, booked on a kostenpost of its year."""
    current = locked_for(EmergencyGift, scope=scope, pk=gift.pk)
    if current.version != expected_version:
        raise StaleObjectError(current)
    if current.status != GiftStatus.APPROVED:
        raise ValidationError(
            _("Alleen een goedgekeurde gift wordt uitbetaald (status nu: %(status)s).")
            % {"status": current.get_status_display()}
        )
    check_cost_line(scope=scope, cost_line=cost_line, on=paid_on)
    current.status = GiftStatus.PAID
    current.paid_on = paid_on
    current.cost_line = cost_line
    current.version += 1
    current.save()
    return current
