import datetime

import pytest

from terugkeer.core.calendar import add_working_days, is_working_day, working_days_between

D = datetime.date


def test_notification_on_christmas_eve_is_due_after_new_year():
    # Thursday 24 December 2026: 25 and 26 December and 1 January are holidays.
    assert add_working_days(D(2026, 12, 24), 5) == D(2027, 1, 4)


def test_new_years_day_is_skipped():
    # Wednesday 30 December 2026 + 2: Thursday 31 Dec, (Friday 1 Jan holiday), Monday 4 Jan.
    assert add_working_days(D(2026, 12, 30), 2) == D(2027, 1, 4)


def test_kings_day_is_skipped():
    # King's Day 2026 is Monday 27 April; Friday 24 April + 1 working day is Tuesday 28 April.
    assert not is_working_day(D(2026, 4, 27))
    assert add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 28)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 11, 23), 5, D(2026, 11, 30)),  # Monday + 5 = next Monday
        (D(2026, 11, 27), 1, D(2026, 11, 30)),  # Friday + 1 = Monday
        (D(2026, 11, 28), 1, D(2026, 11, 30)),  # Saturday + 1 = Monday
        (D(2026, 11, 23), 0, D(2026, 11, 23)),
        (D(2027, 1, 4), -1, D(2026, 12, 31)),  # backwards over New Year's Day
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


def test_working_days_between_counts_the_same_days():
    start = D(2026, 12, 24)
    assert working_days_between(start, add_working_days(start, 5)) == 5
    assert working_days_between(start, start) == 0
