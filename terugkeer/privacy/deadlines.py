"""The legal term of a data-subject request in calendar months (AVG art. 12(3))."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months; the month's last day where it is shorter.

    31 January + 1 month is 28 February (29 in a leap year); 31 March + 1 is 30 April.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def request_deadline(received_on: datetime.date, extension_months: int = 0) -> datetime.date:
    """The last day to answer: one month after receipt, plus the extension (0 to 2 months)."""
    return add_months(received_on, 1 + extension_months)
