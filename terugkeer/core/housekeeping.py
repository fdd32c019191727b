"""Clean-ups the daily run does for upper apps (``manage.py run_daily``).

Core knows no upper app: an app registers a purge from its ``AppConfig.ready()``. A purge is
``(now) -> int`` (the number of rows removed) under a Dutch label for the command's output.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

Purge = Callable[[datetime.datetime], int]
_purges: dict[str, Purge] = {}


def register(label: str, purge: Purge) -> Purge:
    """Add a purge under ``label`` (idempotent: a repeated ``ready()`` registers it once)."""
    _purges[label] = purge
    return purge


def housekeeping_run(*, now: datetime.datetime) -> list[tuple[str, int]]:
    """Run every registered purge; ``[(label, rows removed), ...]`` in registration order."""
    return [(label, purge(now)) for label, purge in _purges.items()]
