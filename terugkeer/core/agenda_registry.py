"""The team meeting's agenda, collected from the apps that know the caseload.

Like ``signals_registry``: core knows no upper app; each app registers providers from its
``AppConfig.ready()``. A provider is ``(scope, since, until, today) -> Iterable[AgendaItem]``:
what happened in the caseload after ``since`` (the previous meeting, exclusive) up to ``until``
(this meeting, inclusive), or what is coming up, read only through ``visible_to(scope)`` in a
fixed number of queries. ``partners`` gives the items that come from cases (new trajectories,
releases, endings, urgent signals); ``mentoring`` the reports flagged for the team meeting;
``interventions`` may add what awaits approval.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from terugkeer.core.access import Scope


@dataclass(frozen=True)
class AgendaItem:
    """One point for the meeting, under a section, linking to where it can be acted on."""

    section: str  # a code, e.g. "new", "release"
    section_title: str
    section_order: int  # sections are listed by this, then by date and subject
    title: str
    subject: str  # usually a client's display name
    url: str
    date: datetime.date | None = None
    trajectory_id: int | None = None
    client_id: int | None = None

    @property
    def code(self) -> str:
        """Identifies the item within a meeting (a decision is recorded against it)."""
        return f"{self.section}:{self.trajectory_id or ''}"


Provider = Callable[[Scope, datetime.date, datetime.date, datetime.date], Iterable[AgendaItem]]

_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add an agenda provider (idempotent: a repeated ``ready()`` doubles nothing)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)


def agenda_for(
    *, scope: Scope | None, since: datetime.date, until: datetime.date, today: datetime.date
) -> list[AgendaItem]:
    """Every provider's items, by section, then date, subject and trajectory."""
    if scope is None:
        return []
    items = [item for provider in _providers for item in provider(scope, since, until, today)]
    return sorted(
        items,
        key=lambda i: (
            i.section_order,
            i.date or datetime.date.max,
            i.subject,
            i.trajectory_id or 0,
            i.title,
        ),
    )
