"""The suite's clock: every test runs on one fixed, documented "today" (pytest plugin).

Loaded with ``-p terugkeer.testing_clock`` (see ``pyproject.toml``). Before any test runs, the
process clock travels to ``SUITE_TODAY`` at 10:00 Amsterdam time and keeps ticking from there, so
factories, services and views all agree on the date, whatever day the suite runs. Tests that need a
date take it from ``timezone.localdate()`` (or from the factory's own dates), never from a literal
that only matches one particular "today".

``TERUGKEER_TEST_TODAY`` moves the clock: an ISO date (``2028-02-29``) or a day offset from the
suite date (``+400``). ``.ci/run`` runs the SQLite pass a second time with the clock moved, so a
test that only passes on one date fails CI on the day it is written, not a year later.
"""

from __future__ import annotations

import datetime
import os
import zoneinfo

import time_machine

# A Tuesday in an ordinary working week, away from Dutch public holidays and DST changes.
SUITE_TODAY = datetime.date(2026, 3, 10)
CLOCK_ENV = "TERUGKEER_TEST_TODAY"
_AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")

_traveller: time_machine.travel | None = None


def suite_today(setting: str | None = None) -> datetime.date:
    """The date the suite runs on: ``SUITE_TODAY`` unless ``TERUGKEER_TEST_TODAY`` moves it."""
    setting = (os.environ.get(CLOCK_ENV, "") if setting is None else setting).strip()
    if not setting:
        return SUITE_TODAY
    if setting[0] in "+-":
        return SUITE_TODAY + datetime.timedelta(days=int(setting))
    return datetime.date.fromisoformat(setting)


def pytest_configure(config) -> None:
    global _traveller
    today = suite_today()
    moment = datetime.datetime.combine(today, datetime.time(10, 0), tzinfo=_AMSTERDAM)
    _traveller = time_machine.travel(moment, tick=True)
    _traveller.start()


def pytest_unconfigure(config) -> None:
    global _traveller
    if _traveller is not None:
        _traveller.stop()
        _traveller = None


def pytest_report_header(config) -> str:
    return f"terugkeer suite date: {suite_today().isoformat()} (set {CLOCK_ENV} to move the clock)"
