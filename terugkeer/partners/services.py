"""Writes of the partners app: partners and contacts, involvement, referrals and their steps.

Every function is keyword-only and atomic. A referral's steps follow ``TRANSITIONS``; each step
is an append-only ``ReferralStatusChange`` row and the current status and its date are
denormalised on the referral. Accepting a referral hands the trajectory's casusregie to the
one the referral names (through ``cases.services.trajectory_update``, versioned); finishing
it gives the casusregie back to the coordinator unless another running referral holds it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.accounts.models import Organisation, User
from terugkeer.cases.choices import CaseLead, TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.cases.services import trajectory_update
from terugkeer.core.locking import StaleObjectError, save_versioned
from terugkeer.partners.choices import PartnerKind, ReferralStatus
from terugkeer.partners.models import (
    ContactPerson,
    Involvement,
    Partner,
    PartnerSettings,
    Referral,
    ReferralStatusChange,
)

S = ReferralStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.SENT: frozenset({S.ACCEPTED, S.REJECTED}),
    S.ACCEPTED: frozenset({S.STARTED}),
    S.STARTED: frozenset({S.FINISHED}),
    S.REJECTED: frozenset(),
    S.FINISHED: frozenset(),
}
RUNNING = (S.ACCEPTED, S.STARTED)
# The referral's date field each status sets.
DATE_FIELD = {
    S.ACCEPTED: "answered_on",
    S.REJECTED: "answered_on",
    S.STARTED: "started_on",
    S.FINISHED: "finished_on",
}

PARTNER_FIELDS = ("name", "kind", "phone", "email", "note", "is_active")
CONTACT_FIELDS = ("full_name", "function", "phone", "email", "is_active")
INVOLVEMENT_FIELDS = ("partner", "contact", "role", "started_on", "ended_on", "conditions")

DUPLICATE_PARTNER = _("Er is al een ketenpartner met deze naam.")


class TransitionRefused(ValidationError):
    """A referral step the status machine does not allow, with a Dutch message."""


def allowed_transitions(status: str) -> list[str]:
    return [s for s in S.values if s in TRANSITIONS[status]]


def _not_in_future(field: str, value: datetime.date) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: _("De datum ligt in de toekomst.")}, code="future")


# --- Partners and contact persons (the functioneel beheerder's reference data) -------------


def partner_create(*, organisation: Organisation, name: str, kind: str, **fields: Any) -> Partner:
    partner = Partner(organisation=organisation, name=name.strip(), kind=kind, **fields)
    partner.full_clean(validate_constraints=False)
    if Partner.objects.filter(organisation=organisation, name__iexact=partner.name).exists():
        raise ValidationError({"name": DUPLICATE_PARTNER}, code="duplicate")
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError as exc:  # the same name saved at the same moment
        raise ValidationError({"name": DUPLICATE_PARTNER}, code="duplicate") from exc
    return partner


def partner_update(*, partner: Partner, expected_version: int, changes: dict) -> Partner:
    unknown = set(changes) - set(PARTNER_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    name = changes.get("name", partner.name).strip()
    clash = Partner.objects.filter(organisation_id=partner.organisation_id, name__iexact=name)
    if clash.exclude(pk=partner.pk).exists():
        raise ValidationError({"name": DUPLICATE_PARTNER}, code="duplicate")
    return save_versioned(partner, expected_version=expected_version, changes=changes)


def contact_create(*, partner: Partner, full_name: str, **fields: Any) -> ContactPerson:
    contact = ContactPerson(partner=partner, full_name=full_name.strip(), **fields)
    contact.full_clean()
    contact.save()
    return contact


def contact_update(
    *, contact: ContactPerson, expected_version: int, changes: dict
) -> ContactPerson:
    unknown = set(changes) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    return save_versioned(contact, expected_version=expected_version, changes=changes)


def _check_partner(trajectory: Trajectory, partner: Partner, contact: ContactPerson | None):
    if partner.organisation_id != trajectory.organisation_id or not partner.is_active:
        raise ValidationError({"partner": _("Kies een ketenpartner van de eigen organisatie.")})
    if contact is not None and contact.partner_id != partner.pk:
        raise ValidationError({"contact": _("De contactpersoon hoort niet bij deze ketenpartner.")})


# --- Involvement -------------------------------------------------------------------------


def _check_period(started_on: datetime.date, ended_on: datetime.date | None) -> None:
    if ended_on is not None and ended_on < started_on:
        raise ValidationError(
            {"ended_on": _("De einddatum ligt vóór de datum ‘betrokken sinds’.")}, code="date"
        )


@transaction.atomic
def involvement_create(
    *,
    trajectory: Trajectory,
    partner: Partner,
    role: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    contact: ContactPerson | None = None,
    conditions: str = "",
) -> Involvement:
    _check_partner(trajectory, partner, contact)
    _check_period(started_on, ended_on)
    involvement = Involvement(
        organisation_id=trajectory.organisation_id,
        trajectory=trajectory,
        partner=partner,
        contact=contact,
        role=role.strip(),
        started_on=started_on,
        ended_on=ended_on,
        conditions=conditions,
    )
    involvement.full_clean()
    involvement.save()
    return involvement


def involvement_update(
    *, involvement: Involvement, expected_version: int, changes: dict
) -> Involvement:
    unknown = set(changes) - set(INVOLVEMENT_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    _check_partner(
        involvement.trajectory,
        changes.get("partner", involvement.partner),
        changes.get("contact", involvement.contact),
    )
    _check_period(
        changes.get("started_on", involvement.started_on),
        changes.get("ended_on", involvement.ended_on),
    )
    return save_versioned(involvement, expected_version=expected_version, changes=changes)


# --- Referrals (warme overdracht) ----------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    trajectory: Trajectory,
    partner: Partner,
    user: User,
    reason: str,
    handed_over: str,
    lead: str,
    sent_on: datetime.date,
    contact: ContactPerson | None = None,
) -> Referral:
    """Refer a trajectory warmly to a partner: the first step, ``verstuurd``."""
    if trajectory.status == TrajectoryStatus.CLOSED:
        raise ValidationError(_("Dit traject is afgesloten; verwijzen kan niet meer."))
    _check_partner(trajectory, partner, contact)
    _not_in_future("sent_on", sent_on)
    if sent_on < trajectory.opened_on:
        raise ValidationError({"sent_on": _("De datum ligt vóór de aanmelding van het traject.")})
    referral = Referral(
        organisation_id=trajectory.organisation_id,
        trajectory=trajectory,
        partner=partner,
        contact=contact,
        reason=reason.strip(),
        handed_over=handed_over.strip(),
        lead=lead,
        sent_on=sent_on,
        sent_by=user,
    )
    referral.full_clean()
    referral.save()
    ReferralStatusChange.objects.create(
        referral=referral, from_status="", to_status=S.SENT, effective_on=sent_on, changed_by=user
    )
    return referral


def _last_step_date(referral: Referral) -> datetime.date:
    dates = [referral.sent_on, referral.answered_on, referral.started_on, referral.finished_on]
    return max(d for d in dates if d is not None)


def _set_lead(trajectory_id: int, lead: str) -> None:
    trajectory = Trajectory.objects.select_for_update().get(pk=trajectory_id)
    if trajectory.lead != lead:
        trajectory_update(
            trajectory=trajectory, expected_version=trajectory.version, changes={"lead": lead}
        )


@transaction.atomic
def referral_transition(
    *,
    referral: Referral,
    to_status: str,
    user: User,
    expected_version: int,
    on: datetime.date,
    note: str = "",
    rejection_reason: str = "",
    outcome: str = "",
    result: str = "",
) -> Referral:
    """One step of the status machine; illegal steps and missing answers are refused."""
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if current.version != expected_version:
        raise StaleObjectError(current)
    if to_status not in TRANSITIONS[current.status]:
        allowed = ", ".join(f"‘{S(s).label}’" for s in allowed_transitions(current.status))
        raise TransitionRefused(
            _("Een verwijzing met status ‘%(from)s’ kan niet naar ‘%(to)s’. %(allowed)s")
            % {
                "from": S(current.status).label,
                "to": S(to_status).label if to_status in S.values else to_status,
                "allowed": _("Toegestaan: %(list)s.") % {"list": allowed}
                if allowed
                else _("Dit is een eindstatus."),
            },
            code="transition",
        )
    _not_in_future("on", on)
    if on < _last_step_date(current):
        raise ValidationError({"on": _("De datum ligt vóór de vorige stap van de verwijzing.")})
    changes: dict[str, Any] = {"status": to_status, DATE_FIELD[to_status]: on}
    if to_status == S.REJECTED:
        if not rejection_reason.strip():
            raise ValidationError({"rejection_reason": _("Geef de reden van de afwijzing op.")})
        changes["rejection_reason"] = rejection_reason.strip()
    if to_status == S.FINISHED:
        if not outcome:
            raise ValidationError({"outcome": _("Geef aan wat de verwijzing heeft opgeleverd.")})
        changes.update(outcome=outcome, result=result.strip())
    updated = save_versioned(current, expected_version=expected_version, changes=changes)
    ReferralStatusChange.objects.create(
        referral=updated,
        from_status=current.status,
        to_status=to_status,
        effective_on=on,
        changed_by=user,
        note=(note or rejection_reason).strip()[:300],
    )
    if to_status == S.ACCEPTED:
        _set_lead(updated.trajectory_id, updated.lead)
    elif to_status == S.FINISHED:
        _hand_lead_back(updated)
    return updated


def _hand_lead_back(referral: Referral) -> None:
    """The partner has finished: the casusregie returns to the coordinator, unless another
    running referral of the trajectory holds it."""
    trajectory = Trajectory.objects.select_for_update().get(pk=referral.trajectory_id)
    if trajectory.lead != referral.lead or referral.lead == CaseLead.COORDINATOR:
        return
    others = Referral.objects.filter(
        trajectory_id=trajectory.pk, status__in=RUNNING, lead=referral.lead
    ).exclude(pk=referral.pk)
    if not others.exists():
        _set_lead(trajectory.pk, CaseLead.COORDINATOR)


def settings_update(*, organisation: Organisation, referral_answer_days: int) -> PartnerSettings:
    """The organisation's number of days for an answer on a referral (1 to 90)."""
    if not 1 <= referral_answer_days <= 90:
        raise ValidationError(
            {"referral_answer_days": _("Kies een aantal dagen van 1 tot en met 90.")}
        )
    found, _created = PartnerSettings.objects.update_or_create(
        organisation=organisation, defaults={"referral_answer_days": referral_answer_days}
    )
    return found


PI_CASEMANAGER_ROLE = "casemanager PI"


@transaction.atomic
def pi_casemanager_link(*, trajectory: Trajectory, partner: Partner) -> Involvement:
    """Make the detention's PI casemanager (free text from the melding) a contact person of
    the chosen PI and involve them for the detention's period. Done by hand from the dossier:
    the import of meldingen never creates partners or contacts. Idempotent: the same name at
    the same PI is one contact, the same detention one involvement."""
    detention = trajectory.detention
    name = (detention.pi_casemanager_name if detention else "").strip()
    if not name:
        raise ValidationError(_("Bij deze detentie is geen casemanager van de PI bekend."))
    if partner.kind != PartnerKind.PI:
        raise ValidationError({"partner": _("Kies een penitentiaire inrichting (soort PI).")})
    _check_partner(trajectory, partner, None)
    contact = ContactPerson.objects.filter(partner=partner, full_name__iexact=name).first()
    if contact is None:
        contact = contact_create(
            partner=partner,
            full_name=name,
            function=PI_CASEMANAGER_ROLE,
            phone=detention.pi_casemanager_phone,
        )
    existing = Involvement.objects.filter(
        trajectory=trajectory,
        partner=partner,
        role=PI_CASEMANAGER_ROLE,
        started_on=detention.start_date,
    ).first()
    if existing is not None:
        return existing
    return involvement_create(
        trajectory=trajectory,
        partner=partner,
        contact=contact,
        role=PI_CASEMANAGER_ROLE,
        started_on=detention.start_date,
        ended_on=detention.actual_end,
    )
