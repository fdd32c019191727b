"""Panels on the home page contributed by upper apps (the reports dashboard, for one).

Core knows no upper app: an app registers a provider from its ``AppConfig.ready()``. A provider
is ``(scope, today) -> HomePanel | None`` and runs a fixed number of queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from terugkeer.core.access import Scope


@dataclass(frozen=True)
class HomePanel:
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)


PanelProvider = Callable[[Scope, datetime.date], HomePanel | None]
_providers: list[PanelProvider] = []


def register(provider: PanelProvider) -> PanelProvider:
    """Add a provider (idempotent, so a repeated ``ready()`` does not double the panel)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def panels_for(*, scope: Scope, today: datetime.date) -> list[HomePanel]:
    return [panel for provider in _providers if (panel := provider(scope, today)) is not None]
