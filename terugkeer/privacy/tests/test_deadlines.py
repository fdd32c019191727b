"""The legal term in calendar months, checked by hand."""

import datetime

import pytest

from terugkeer.privacy.deadlines import add_months, request_deadline

D = datetime.date


@pytest.mark.parametrize(
    ("received", "extension", "deadline"),
    [
        (D(2026, 1, 31), 0, D(2026, 2, 28)),  # February is shorter
        (D(2028, 1, 31), 0, D(2028, 2, 29)),  # leap year
        (D(2026, 3, 31), 0, D(2026, 4, 30)),
        (D(2026, 3, 10), 0, D(2026, 4, 10)),
        (D(2026, 12, 15), 0, D(2027, 1, 15)),  # over the year end
        (D(2026, 1, 31), 1, D(2026, 3, 31)),  # from receipt, not from the shortened date
        (D(2026, 12, 31), 2, D(2027, 3, 31)),
        (D(2027, 11, 30), 2, D(2028, 2, 29)),
    ],
)
def test_the_deadline_is_one_calendar_month_plus_the_extension(received, extension, deadline):
    assert request_deadline(received, extension) == deadline


def test_add_months_keeps_the_day_where_it_exists():
    assert add_months(D(2028, 2, 29), 12) == D(2029, 2, 28)
    assert add_months(D(2026, 5, 1), 0) == D(2026, 5, 1)
