"""Writes of the housing app: houses, move-in and leaving, weekly checks, allocations.

Every service is keyword-only, runs in ``transaction.atomic`` and raises a Dutch
``ValidationError`` naming the field when a rule is broken; nothing is changed then. Edits use
optimistic locking (``save_versioned``). The capacity of a house is enforced under a row lock on
the house (``select_for_update``), never by counting first and inserting later.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.core.locking import save_versioned
from terugkeer.housing.choices import (
    ALLOCATION_KINDS,
    STAY_KINDS,
    AllocationOutcome,
    LeavingReason,
    TestResult,
)
from terugkeer.housing.models import HouseCheck, HousingAllocation, HousingUnit, Stay

if TYPE_CHECKING:
    from terugkeer.accounts.models import Organisation, User
    from terugkeer.cases.models import Trajectory

EVALUATION_YEARS = 2
UNIT_EDITABLE_FIELDS = ("name", "kind", "address", "capacity", "house_rules", "is_active")

HOUSE_FULL = gettext_lazy(
    "De woning is vol: alle %(capacity)s plaatsen zijn bezet. Er is niemand ingeschreven."
)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` plus ``years``; 29 February becomes 28 February in a year without a leap day."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def evaluation_date(started_on: datetime.date) -> datetime.date:
    """The evaluation of an allocation: two years after the start of the lease."""
    return add_years(started_on, EVALUATION_YEARS)


def _not_in_future(day: datetime.date, field: str, label: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("%(label)s ligt in de toekomst.") % {"label": label}})


@transaction.atomic
def unit_create(*, organisation: Organisation, **fields) -> HousingUnit:
    unknown = set(fields) - set(UNIT_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    taken = ValidationError({"name": _("Er is al een woning met deze naam.")})
    if HousingUnit.objects.filter(organisation=organisation, name=fields.get("name")).exists():
        raise taken
    unit = HousingUnit(organisation=organisation, **fields)
    unit.full_clean(exclude=["organisation"], validate_constraints=False)
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as exc:  # the same name saved at the same moment by a colleague
        raise taken from exc
    return unit


@transaction.atomic
def unit_update(*, unit: HousingUnit, expected_version: int, changes: dict) -> HousingUnit:
    """Change a house; its capacity may not drop below the residents living there now."""
    unknown = set(changes) - set(UNIT_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    locked = HousingUnit.objects.select_for_update().get(pk=unit.pk)
    residents = Stay.objects.filter(unit=locked).current().count()
    if "capacity" in changes and changes["capacity"] < residents:
        raise ValidationError(
            {
                "capacity": _("Er wonen nu %(count)s bewoners; het aantal plaatsen kan niet lager.")
                % {"count": residents}
            }
        )
    return save_versioned(unit, expected_version=expected_version, changes=changes)


def peak_residents(stays, start: datetime.date) -> int:
    """The most residents at the same time from ``start`` on, among ``stays`` that overlap the
    new stay: (trajectory_id, moved_in_on, ended_on). The peak is at ``start`` or at a later
    move-in, so those days are enough to look at."""
    days = {start, *(moved for _, moved, _ in stays if moved > start)}
    return max(
        (
            sum(1 for _, moved, end in stays if moved <= day and (end is None or end > day))
            for day in days
        ),
        default=0,
    )


@transaction.atomic
def stay_move_in(
    *,
    unit: HousingUnit,
    trajectory: Trajectory,
    user: User,
    moved_in_on: datetime.date,
    house_rules_signed: bool,
    planned_end: datetime.date | None = None,
    ended_on: datetime.date | None = None,
    leaving_reason: str = "",
) -> Stay:
    """A participant moves into a house with places.

    The house's row is locked first: a second move-in at the same moment waits here, then
    counts the first one and is refused when that took the last place. ``ended_on`` and
    ``leaving_reason`` are for registering a past stay at once (demo data, catching up).
    """
    if not house_rules_signed:
        raise ValidationError(
            {"house_rules_signed": _("De bewoner moet de huisregels tekenen bij het intrekken.")}
        )
    _not_in_future(moved_in_on, "moved_in_on", _("De datum van intrekken"))
    if planned_end is not None and planned_end < moved_in_on:
        raise ValidationError(
            {"planned_end": _("De geplande einddatum ligt vóór de datum van intrekken.")}
        )
    if trajectory.status == TrajectoryStatus.CLOSED:
        raise ValidationError(_("Dit traject is afgesloten; niemand kan er nog mee intrekken."))
    locked = HousingUnit.objects.select_for_update().get(pk=unit.pk)
    if locked.organisation_id != trajectory.organisation_id or locked.kind not in STAY_KINDS:
        raise ValidationError({"unit": _("Kies een Instapwoning van de eigen organisatie.")})
    if not locked.is_active:
        raise ValidationError({"unit": _("Deze woning is niet meer in gebruik.")})
    overlapping = list(
        Stay.objects.filter(unit=locked, moved_in_on__lt=ended_on or datetime.date.max)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=moved_in_on))
        .values_list("trajectory_id", "moved_in_on", "ended_on")
    )
    if any(trajectory_id == trajectory.pk for trajectory_id, _, _ in overlapping):
        raise ValidationError(_("Deze deelnemer woont in die periode al in deze woning."))
    if peak_residents(overlapping, moved_in_on) >= locked.capacity:
        raise ValidationError(HOUSE_FULL % {"capacity": locked.capacity}, code="full")
    stay = Stay(
        organisation=locked.organisation,
        unit=locked,
        trajectory=trajectory,
        moved_in_on=moved_in_on,
        planned_end=planned_end,
        house_rules_signed_on=moved_in_on,
        moved_in_by=user,
    )
    stay.save()
    if ended_on is not None:
        stay_end(stay=stay, expected_version=stay.version, ended_on=ended_on, reason=leaving_reason)
        stay.refresh_from_db()
    return stay


@transaction.atomic
def stay_end(
    *, stay: Stay, expected_version: int, ended_on: datetime.date, reason: str, note: str = ""
) -> Stay:
    """The resident leaves; the place is free from ``ended_on``."""
    if reason not in LeavingReason.values:
        raise ValidationError({"leaving_reason": _("Kies de reden van vertrek.")})
    if stay.ended_on is not None:
        raise ValidationError(_("Deze bewoner is al vertrokken."))
    if ended_on < stay.moved_in_on:
        raise ValidationError({"ended_on": _("De datum van vertrek ligt vóór het intrekken.")})
    _not_in_future(ended_on, "ended_on", _("De datum van vertrek"))
    return save_versioned(
        stay,
        expected_version=expected_version,
        changes={"ended_on": ended_on, "leaving_reason": reason, "leaving_note": note},
    )


@transaction.atomic
def check_record(
    *,
    stay: Stay,
    user: User,
    checked_on: datetime.date,
    urine_test: str = TestResult.NOT_TAKEN,
    alcohol_test: str = TestResult.NOT_TAKEN,
    support_note: str = "",
    incidents: str = "",
) -> HouseCheck:
    """Record the weekly check of a resident (a date within the stay, not in the future)."""
    _not_in_future(checked_on, "checked_on", _("De datum van de controle"))
    if checked_on < stay.moved_in_on or (stay.ended_on and checked_on >= stay.ended_on):
        raise ValidationError(
            {"checked_on": _("De datum van de controle valt niet in het verblijf.")}
        )
    for field, value in (("urine_test", urine_test), ("alcohol_test", alcohol_test)):
        if value not in TestResult.values:
            raise ValidationError({field: _("Kies een uitslag.")})
    return HouseCheck.objects.create(
        stay=stay,
        checked_on=checked_on,
        urine_test=urine_test,
        alcohol_test=alcohol_test,
        support_note=support_note,
        incidents=incidents,
        checked_by=user,
    )


@transaction.atomic
def allocation_start(
    *,
    unit: HousingUnit,
    trajectory: Trajectory,
    user: User,
    corporation: str,
    started_on: datetime.date,
    conditions: str = "",
    treatment_plan: str = "",
) -> HousingAllocation:
    """Let a Koconwoning or convenantwoning to a participant; the evaluation is two years on."""
    if not corporation.strip():
        raise ValidationError({"corporation": _("Vul de woningcorporatie in.")})
    locked = HousingUnit.objects.select_for_update().get(pk=unit.pk)
    if locked.organisation_id != trajectory.organisation_id or locked.kind not in ALLOCATION_KINDS:
        raise ValidationError(
            {"unit": _("Kies een Koconwoning of convenantwoning van de eigen organisatie.")}
        )
    current = HousingAllocation.objects.filter(unit=locked).open().first()
    if current is not None:
        raise ValidationError(
            {
                "unit": _("Deze woning is sinds %(date)s toegewezen; die toewijzing loopt nog.")
                % {"date": date_format(current.started_on, "d-m-Y")}
            }
        )
    return HousingAllocation.objects.create(
        organisation=locked.organisation,
        unit=locked,
        trajectory=trajectory,
        corporation=corporation.strip(),
        started_on=started_on,
        conditions=conditions,
        treatment_plan=treatment_plan,
        evaluation_on=evaluation_date(started_on),
        allocated_by=user,
    )


@transaction.atomic
def allocation_decide(
    *,
    allocation: HousingAllocation,
    expected_version: int,
    outcome: str,
    decided_on: datetime.date,
    next_evaluation_on: datetime.date | None = None,
    note: str = "",
) -> HousingAllocation:
    """The evaluation's outcome: definitive lease, extended (to a new evaluation date) or ended."""
    if outcome not in AllocationOutcome.values:
        raise ValidationError({"outcome": _("Kies de uitkomst van de evaluatie.")})
    if allocation.outcome in (AllocationOutcome.DEFINITIVE, AllocationOutcome.ENDED):
        raise ValidationError(_("Over deze toewijzing is al besloten."))
    if decided_on < allocation.started_on:
        raise ValidationError({"decided_on": _("De datum ligt vóór de start van de huur.")})
    _not_in_future(decided_on, "decided_on", _("De datum van de uitkomst"))
    changes = {"outcome": outcome, "outcome_on": decided_on, "outcome_note": note}
    if outcome == AllocationOutcome.EXTENDED:
        if next_evaluation_on is None or next_evaluation_on <= decided_on:
            raise ValidationError(
                {
                    "next_evaluation_on": _(
                        "Geef bij verlengen een nieuwe evaluatiedatum, na de datum van de uitkomst."
                    )
                }
            )
        changes["evaluation_on"] = next_evaluation_on
    return save_versioned(allocation, expected_version=expected_version, changes=changes)
