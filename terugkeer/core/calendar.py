"""Working-day arithmetic with Dutch public holidays (the ``holidays`` package)."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _dutch_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """Return the date ``days`` working days after ``start`` (weekends and Dutch holidays skipped).

    ``start`` itself does not count: a notification on Thursday 24 December 2026 plus five
    working days is Monday 4 January 2027. Negative ``days`` count backwards.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    current = start
    while remaining:
        current += datetime.timedelta(days=step)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
