"""Writes of the privacy app: registering and handling requests of data subjects."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.core.locking import save_versioned
from terugkeer.privacy.choices import (
    DECIDED_STATUSES,
    MAX_EXTENSION_MONTHS,
    OPEN_STATUSES,
    RequestStatus,
)
from terugkeer.privacy.deadlines import request_deadline
from terugkeer.privacy.models import SubjectRequest


def subject_request_register(
    *, organisation, user, client, kind: str, received_on: datetime.date, description: str = ""
) -> SubjectRequest:
    """Register a request received on ``received_on``; its term is one calendar month."""
    if client.organisation_id != organisation.pk:
        raise ValidationError({"bsn": _("Deze cliënt hoort niet bij uw organisatie.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("De ontvangstdatum ligt in de toekomst.")})
    with transaction.atomic():
        request = SubjectRequest(
            organisation=organisation,
            client=client,
            kind=kind,
            received_on=received_on,
            description=description,
            deadline=request_deadline(received_on),
            registered_by=user,
        )
        request.full_clean()
        request.save()
    return request


def _require_open(request: SubjectRequest) -> None:
    if request.status not in OPEN_STATUSES:
        raise ValidationError(_("Over dit verzoek is al besloten; het kan niet meer wijzigen."))


def subject_request_extend(
    *, request: SubjectRequest, user, expected_version: int, months: int, reason: str
) -> SubjectRequest:
    """Extend the term by ``months`` with a reason: at most two months in all (AVG art. 12(3))."""
    _require_open(request)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden van de verlenging.")})
    total = request.extension_months + months
    if months < 1 or total > MAX_EXTENSION_MONTHS:
        raise ValidationError(
            {
                "months": _(
                    "De termijn mag in totaal met hoogstens %(max)s maanden worden verlengd; "
                    "er is al %(done)s maand verlengd."
                )
                % {"max": MAX_EXTENSION_MONTHS, "done": request.extension_months}
            }
        )
    stamp = timezone.localdate().strftime("%d-%m-%Y")
    reasons = "\n".join(
        r for r in (request.extension_reason, f"{stamp} (+{months}): {reason}") if r
    )
    return save_versioned(
        request,
        expected_version=expected_version,
        changes={
            "extension_months": total,
            "extension_reason": reasons,
            "deadline": request_deadline(request.received_on, total),
            "status": RequestStatus.IN_PROGRESS,
            "handled_by": user,
        },
    )


def subject_request_decide(
    *,
    request: SubjectRequest,
    user,
    expected_version: int,
    status: str,
    decision: str,
    decided_on: datetime.date,
) -> SubjectRequest:
    """Record the decision; the request is then closed. Who decided is who handled it."""
    _require_open(request)
    if status not in DECIDED_STATUSES:
        raise ValidationError(
            {"status": _("Kies toegewezen, gedeeltelijk toegewezen of afgewezen.")}
        )
    decision = decision.strip()
    if not decision:
        raise ValidationError(
            {"decision": _("Schrijf het besluit op (wat is er gedaan en waarom).")}
        )
    if decided_on < request.received_on:
        raise ValidationError({"decided_on": _("De besluitdatum ligt vóór de ontvangstdatum.")})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("De besluitdatum ligt in de toekomst.")})
    return save_versioned(
        request,
        expected_version=expected_version,
        changes={
            "status": status,
            "decision": decision,
            "decided_on": decided_on,
            "handled_by": user,
        },
    )
