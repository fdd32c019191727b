"""Signals: what needs attention ("Wat vraagt aandacht"), collected from the apps that know.

Not Django signals. Core knows no upper app: each app registers its providers from its
``AppConfig.ready()``. A provider is a function ``(scope, today) -> Iterable[Signal]`` that reads
only through ``visible_to(scope)`` and runs a fixed number of queries, whatever the caseload.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from terugkeer.core.access import Scope
from terugkeer.core.roles import CASEWORK_ROLES


class Severity:
    """How urgent a signal is; lower rank sorts first."""

    HIGH = "hoog"
    MEDIUM = "middel"
    LOW = "laag"

    RANK = {HIGH: 0, MEDIUM: 1, LOW: 2}
    LABELS = {HIGH: _("urgent"), MEDIUM: _("binnenkort"), LOW: _("ter informatie")}


@dataclass(frozen=True)
class Signal:
    """One thing to act on in one trajectory, with where to go to act on it."""

    code: str
    title: str
    severity: str
    due: datetime.date | None
    trajectory_id: int
    client_name: str
    coordinator_id: int | None
    url: str
    substitute_id: int | None = None
    client_id: int | None = None

    @property
    def severity_label(self) -> str:
        return str(Severity.LABELS.get(self.severity, self.severity))

    def concerns(self, user_id: int) -> bool:
        """The user is the trajectory's coordinator or its substitute."""
        return user_id in (self.coordinator_id, self.substitute_id)


Provider = Callable[[Scope, datetime.date], Iterable[Signal]]

_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (idempotent, so a repeated ``ready()`` does not double the signals)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)


def signals_for(*, scope: Scope | None, today: datetime.date) -> list[Signal]:
    """All signals the scope may see on ``today``: most urgent first, then by due date."""
    if scope is None or scope.role not in CASEWORK_ROLES:
        return []
    found: list[Signal] = []
    for provider in _providers:
        found.extend(provider(scope, today))
    return sorted(
        found,
        key=lambda s: (
            Severity.RANK.get(s.severity, 9),
            s.due or datetime.date.max,
            s.client_name,
            s.trajectory_id,
            s.code,
        ),
    )


def trajectory_url(trajectory_id: int, client_id: int | None = None) -> str:
    """The dossier of the trajectory; the client page where the dossier URL does not exist yet."""
    try:
        return reverse("dossier:overview", args=[trajectory_id])
    except NoReverseMatch:
        if client_id is None:
            return ""
        return reverse("clients:detail", args=[client_id])
