"""Daily work of the upper apps, run by ``manage.py run_daily`` (core never imports upward).

An app registers a job from its ``AppConfig.ready()``: a callable taking the day and returning
lines to print (what it did or enqueued). Registering the same name again replaces nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

DailyJob = Callable[[datetime.date], Iterable[str]]

_jobs: dict[str, DailyJob] = {}


def register_daily_job(name: str, job: DailyJob) -> None:
    _jobs.setdefault(name, job)


def daily_jobs() -> list[tuple[str, DailyJob]]:
    """The registered jobs, in registration order."""
    return list(_jobs.items())
