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
from terugkeer.core.roles import CASEWORK_ROLES, Role


class Severity:
    """How urgent a signal is; lower rank sorts first."""

    HIGH = "hoog"
    MEDIUM = "middel"
    LOW = "laag"

    RANK = {HIGH: 0, MEDIUM: 1, LOW: 2}
    LABELS = {HIGH: _("urgent"), MEDIUM: _("binnenkort"), LOW: _("ter informatie")}


@dataclass(frozen=True)
class Signal:
    """One thing to act on, with where to go to act on it.

    The subject is what the signal is about: usually a client's trajectory, but a provider may
    signal about anything it owns (a house without a weekly check, a mentor's overdue report)
    and gives the URL itself. ``assignee_ids`` are the users for whom it is "mine".
    """

    code: str
    title: str
    severity: str
    due: datetime.date | None
    subject: str
    url: str
    assignee_ids: frozenset[int] = frozenset()
    trajectory_id: int | None = None
    client_id: int | None = None

    @property
    def severity_label(self) -> str:
        return str(Severity.LABELS.get(self.severity, self.severity))

    @property
    def client_name(self) -> str:
        """The subject of a trajectory's signal is its client's display name."""
        return self.subject

    def concerns(self, user_id: int) -> bool:
        """The user is one of the signal's assignees (a trajectory's coordinator or substitute)."""
        return user_id in self.assignee_ids


def trajectory_signal(
    *,
    code: str,
    title: str,
    severity: str,
    due: datetime.date | None,
    trajectory_id: int,
    client_id: int | None,
    client_name: str,
    coordinator_id: int | None,
    substitute_id: int | None = None,
) -> Signal:
    """A signal about a trajectory: for its coordinator and substitute, linking to its dossier."""
    return Signal(
        code=code,
        title=title,
        severity=severity,
        due=due,
        subject=client_name,
        url=trajectory_url(trajectory_id, client_id),
        assignee_ids=frozenset(pk for pk in (coordinator_id, substitute_id) if pk is not None),
        trajectory_id=trajectory_id,
        client_id=client_id,
    )


Provider = Callable[[Scope, datetime.date], Iterable[Signal]]

_providers: dict[Provider, frozenset[Role]] = {}


def register(provider: Provider | None = None, *, roles: frozenset[Role] = CASEWORK_ROLES):
    """Add a provider for the roles whose home page shows its signals (casework by default).

    Usable as ``@register`` or ``@register(roles=...)``; idempotent, so a repeated ``ready()``
    does not double the signals. The provider still reads only through ``visible_to(scope)``:
    the roles only save it from running where its signals could never show.
    """

    def add(function: Provider) -> Provider:
        _providers[function] = frozenset(roles)
        return function

    return add(provider) if provider is not None else add


def providers() -> list[Provider]:
    return list(_providers)


def roles_with_signals() -> frozenset[Role]:
    return frozenset().union(*_providers.values()) if _providers else frozenset()


def signals_for(*, scope: Scope | None, today: datetime.date) -> list[Signal]:
    """All signals the scope may see on ``today``: most urgent first, then by due date."""
    if scope is None:
        return []
    found: list[Signal] = []
    for provider, roles in _providers.items():
        if scope.role in roles:
            found.extend(provider(scope, today))
    return sorted(
        found,
        key=lambda s: (
            Severity.RANK.get(s.severity, 9),
            s.due or datetime.date.max,
            s.subject,
            s.trajectory_id or 0,
            s.code,
            s.url,
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
