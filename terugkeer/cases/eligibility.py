"""Eligibility flags of a trajectory: shown to the coordinator, never blocking (DESIGN.md §4)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

MINIMUM_AGE = 18
# Detentions shorter than this carry no duty of care for the municipality.
MINIMUM_DETENTION_DAYS = 10


@dataclass(frozen=True)
class Flag:
    code: str
    label: str


def flags_for(
    *,
    birth_date: datetime.date | None,
    reference_date: datetime.date,
    detention_start: datetime.date | None,
    detention_end: datetime.date | None,
    client_municipality_id: int | None,
    trajectory_municipality_id: int | None,
) -> list[Flag]:
    """The flags for these facts (pure: the worklist computes them from loaded rows)."""
    flags = []
    if birth_date and birth_date + relativedelta(years=MINIMUM_AGE) > reference_date:
        flags.append(Flag("minor", str(_("jonger dan 18"))))
    length = (detention_end - detention_start).days if detention_start and detention_end else None
    if length is not None and length < MINIMUM_DETENTION_DAYS:
        flags.append(Flag("short", str(_("detentie korter dan 10 dagen: geen zorgplicht"))))
    if trajectory_municipality_id and client_municipality_id != trajectory_municipality_id:
        flags.append(Flag("not_registered", str(_("niet ingeschreven in de gemeente"))))
    return flags


def trajectory_flags(trajectory) -> list[Flag]:
    """Flags of a trajectory whose client and detention are loaded (select_related)."""
    detention = trajectory.detention
    return flags_for(
        birth_date=trajectory.client.birth_date,
        reference_date=trajectory.opened_on,
        detention_start=detention.start_date if detention else None,
        detention_end=(detention.actual_end or detention.expected_end) if detention else None,
        client_municipality_id=trajectory.client.municipality_id,
        trajectory_municipality_id=trajectory.municipality_id,
    )
