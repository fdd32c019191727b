"""The home-page dashboard (key figures of the current quarter) and the evaluation questions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count

from terugkeer.core.access import Scope
from terugkeer.reports.framework import (
    SMALL_CELL,
    SUPPRESSED,
    ReportFilters,
    needs_suppression,
    percent,
)
from terugkeer.reports.selectors.base import (
    begin_notifications,
    opened_in_period,
    releases,
    trajectories,
)
from terugkeer.reports.selectors.intake import timeliness_and_offer_aggregates

# Westland's evaluation after eight months (seed 002, §4.4), each with the reports that answer it.
EVALUATION_QUESTIONS = [
    (
        "Wat is de omvang van de groep ex-gedetineerden en hoeveel capaciteit is nodig?",
        ["meldingen", "uitstroom", "doorlooptijden"],
    ),
    (
        "Welke hulpvraag en problematiek hebben zij: is lichte praktische ondersteuning "
        "afdoende, of is het Sociaal Kernteam of specialistische nazorg van Exodus nodig?",
        ["hulpvragen", "basisvoorwaarden", "casusregie"],
    ),
    (
        "Bereiken we de doelgroep op tijd en doet men mee?",
        ["bereik"],
    ),
    (
        "Wat kunnen we zeggen over het effect van de nazorg?",
        ["basisvoorwaarden", "zrm", "recidive"],
    ),
    (
        "Hoe verloopt de samenwerking met het Sociaal Kernteam, de Veiligheidskamer en Exodus, en "
        "is de verdeling van taken duidelijk?",
        [],
    ),
]


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    note: str = ""


def quarter_of(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first_month = 3 * ((today.month - 1) // 3) + 1
    return today.replace(month=first_month, day=1), today


def _shown(value: int, suppress: bool) -> str:
    return SUPPRESSED if suppress and 0 < value < SMALL_CELL else str(value)


def _share(part: int, whole: int, suppress: bool) -> str:
    value = percent(part, whole)
    if value is None:
        return "–"
    if suppress and 0 < whole < SMALL_CELL:
        return SUPPRESSED
    return f"{value:.0f}%"


def quarter_figures(*, scope: Scope, today: datetime.date) -> tuple[ReportFilters, list[KeyFigure]]:
    """The key figures of the current quarter, in a fixed number of queries."""
    start, end = quarter_of(today)
    filters = ReportFilters(start=start, end=end)
    suppress = needs_suppression(scope)
    notified = begin_notifications(scope, filters).count()
    cohort = opened_in_period(scope, filters).aggregate(
        opened=Count("pk"), **timeliness_and_offer_aggregates()
    )
    released = releases(scope, filters).count()
    open_now = trajectories(scope, filters).open().count()
    figures = [
        KeyFigure("Meldingen begin detentie", _shown(notified, suppress)),
        KeyFigure("Nieuwe trajecten", _shown(cohort["opened"], suppress)),
        KeyFigure(
            "Eerste contact binnen 5 werkdagen",
            _share(cohort["in_time"], cohort["contacted"], suppress),
            f"van {_shown(cohort['contacted'], suppress)} eerste contacten",
        ),
        KeyFigure(
            "Aanbod geaccepteerd",
            _share(cohort["accepted"], cohort["offered"], suppress),
            f"van {_shown(cohort['offered'], suppress)} aanbiedingen",
        ),
        KeyFigure("Vrijgelaten", _shown(released, suppress)),
        KeyFigure("Lopende trajecten nu", _shown(open_now, suppress)),
    ]
    return filters, figures
