"""Sections of the client page contributed by the apps that hold the client's data.

``clients`` sits below every app that knows a client's detentions, trajectories or measurements
and imports none of them: each registers a provider from its ``AppConfig.ready()``. A provider is
``(scope, client) -> ClientSection | None``; it reads only through ``visible_to(scope)`` and runs
a fixed number of queries. The page shows the sections in ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from terugkeer.core.access import Scope


@dataclass(frozen=True)
class ClientSection:
    """A template included on the client page with its own context (as ``section``)."""

    template_name: str
    order: int
    context: dict[str, Any] = field(default_factory=dict)


SectionProvider = Callable[[Scope, Any], "ClientSection | None"]
_providers: list[SectionProvider] = []


def register_section(provider: SectionProvider) -> SectionProvider:
    """Add a provider (idempotent, so a repeated ``ready()`` does not double a section)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def sections_for(*, scope: Scope, client) -> list[ClientSection]:
    found = [s for provider in _providers if (s := provider(scope, client)) is not None]
    return sorted(found, key=lambda section: (section.order, section.template_name))
