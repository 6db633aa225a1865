"""Time playback of the routes map, pure: the steps a time window is played in and their
wording. A window of up to STEP_DAYS_UP_TO days plays day by day (a week's trip would
otherwise appear in one step, its legs all at once), one of up to STEP_WEEKS_UP_TO days week
by week, a longer one month by month; each step is the last day it shows, and the map draws
what was travelled by then."""

from __future__ import annotations

from datetime import date, timedelta

STEP_DAYS_UP_TO = 31  # days: a month or less plays day by day
STEP_WEEKS_UP_TO = 183  # days: half a year or less plays in weeks
PLAY_SECONDS = 2.0  # between two steps while playing


def _month_end(day: date) -> date:
    first_next = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def steps(first: date, last: date) -> list[date]:
    """The last day of each step from `first` to `last`, `last` included.

    >>> steps(date(2023, 11, 6), date(2023, 11, 29))[:2]
    [datetime.date(2023, 11, 6), datetime.date(2023, 11, 7)]
    >>> steps(date(2023, 10, 1), date(2023, 11, 30))[:2]
    [datetime.date(2023, 10, 7), datetime.date(2023, 10, 14)]
    >>> steps(date(2023, 1, 1), date(2023, 12, 31))[:2]
    [datetime.date(2023, 1, 31), datetime.date(2023, 2, 28)]
    """
    if last < first:
        first, last = last, first
    out: list[date] = []
    if (last - first).days <= STEP_DAYS_UP_TO:
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]
    if (last - first).days <= STEP_WEEKS_UP_TO:
        day = first + timedelta(days=6)
        while day < last:
            out.append(day)
            day += timedelta(days=7)
    else:
        day = _month_end(first)
        while day < last:
            out.append(day)
            day = _month_end(day + timedelta(days=1))
    return out + [last]


def step_label(day: date) -> str:
    """'28 Nov 2023'.

    >>> step_label(date(2023, 11, 7))
    '7 Nov 2023'
    """
    return f"{day:%d %b %Y}".lstrip("0")


def parse_step(text: str | None, options: list[date]) -> date | None:
    """The step an address names (?at=2023-11-28), when it is one of the options.

    >>> parse_step("2023-11-07", [date(2023, 11, 7)])
    datetime.date(2023, 11, 7)
    >>> parse_step("2023-13-01", [date(2023, 11, 7)]) is None
    True
    """
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return None
    return day if day in options else None


def unit(first: date, last: date) -> str:
    """The step a window from `first` to `last` is played by: 'day', 'week' or 'month'.

    >>> unit(date(2023, 11, 6), date(2023, 11, 29)), unit(date(2023, 1, 1), date(2023, 12, 31))
    ('day', 'month')
    """
    days = abs((last - first).days)
    return "day" if days <= STEP_DAYS_UP_TO else "week" if days <= STEP_WEEKS_UP_TO \
        else "month"
