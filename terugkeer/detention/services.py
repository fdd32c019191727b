"""Writes of the detention app: a detention begins, and changes with the meldingen about it.

The intake (``cases.intake``) decides *whether* a melding is carried out; the detention's own
rows are written here, so every path that records a detention (a melding typed in, an import,
the API) writes it the same way.
"""

from __future__ import annotations

import datetime

from terugkeer.detention.choices import LegalTitle, NotificationKind
from terugkeer.detention.models import Detention
from terugkeer.detention.selectors import institution_named


def legal_title_from(value: str) -> str:
    """The legal title a melding names, by code or label; ISD variants; otherwise 'anders'."""
    lowered = value.strip().lower()
    for choice in LegalTitle:
        if lowered in (choice.value, str(choice.label).lower()):
            return choice.value
    if lowered.startswith("isd"):
        return LegalTitle.ISD
    return LegalTitle.OTHER


def detention_open(
    *,
    organisation,
    client,
    institution_name: str,
    dji_number: str,
    start_date: datetime.date | None,
    expected_end: datetime.date | None,
    legal_title: str,
    pi_casemanager: str,
) -> Detention:
    """A detention begins (a *begin detentie* melding), in the PI the melding names if known."""
    return Detention.objects.create(
        organisation=organisation,
        client=client,
        institution=institution_named(institution_name),
        dji_number=dji_number,
        start_date=start_date,
        expected_end=expected_end,
        legal_title=legal_title_from(legal_title),
        pi_casemanager_name=pi_casemanager,
    )


def detention_apply(
    detention: Detention,
    *,
    kind: str,
    release_date: datetime.date | None = None,
    institution_name: str = "",
) -> None:
    """What a later melding changes: the release (*einde*), another PI (*overplaatsing*).

    A *verlof* melding is recorded with the detention and changes nothing; an unknown PI on a
    transfer keeps the current one (the detention's version still moves: a melding came in).
    """
    if kind == NotificationKind.END:
        detention.actual_end = release_date
    elif kind == NotificationKind.TRANSFER:
        institution = institution_named(institution_name)
        if institution is not None:
            detention.institution = institution
    else:
        return
    detention.version += 1
    detention.save()
