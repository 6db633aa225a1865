"""Dates in news text, read against an anchor (the publication date of the story).

Weekdays point back for things reported as done and forward for things planned; "this
week" and "this month" give the month; a range ("May 20-21", "from 8 to 10 November") takes
its first day. Every result keeps its precision: day, month or year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

DATE_RE = re.compile(
    rf"(?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)"
    rf"|(?P<mdy>\b{_MONTH}\s+{_DAY}(?:\s*(?:[-–]|to|and)\s*{_DAY})?(?:,?\s+(?P<y1>{_YEAR}))?\b)"
    rf"|(?P<dmy>\b{_DAY}(?:\s*(?:[-–]|to|and)\s*{_DAY})?\s+(?:of\s+)?{_MONTH}"
    rf"(?:,?\s+(?P<y2>{_YEAR}))?\b)"
    # a month not followed by its day ("from April 5 to 7" is the day, not the month)
    rf"|(?P<my>\b(?:in|since|until|by|from|of|last|early|late|mid-?)\s*{_MONTH}"
    rf"(?!\s+{_DAY}\b)(?:\s+(?P<y3>{_YEAR}))?\b)"
    rf"|(?P<weekday>\b(?:last\s+|next\s+|this\s+|on\s+|late\s+|early\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b)"
    r"|(?P<rel>\b(?:yesterday|today|tomorrow|tonight|overnight|this morning|this afternoon"
    r"|this evening|last night|earlier today|later today|this week|last week|next week"
    r"|later this week|earlier this week|this weekend|over the weekend|last weekend"
    r"|this month|last month|next month|later this month|earlier this month"
    r"|this year|last year|next year|earlier this year|later this year)\b)"
    rf"|(?P<year>\b(?:in|since|of|by|during|until|from)\s+(?P<y4>{_YEAR})\b"
    # "his 2019 visit to Kampala", "the 2023 summit"
    rf"|\b(?P<y5>{_YEAR})(?=\s+(?:state\s+|official\s+)?(?:visit|trip|tour|summit|"
    r"meeting|talks|stop)s?\b))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateRef:
    """A date found in text: ISO value at its precision, and where it stood."""

    value: str  # YYYY-MM-DD | YYYY-MM | YYYY
    precision: str  # day | month | year
    start: int
    end: int
    text: str


def _iso(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_of(text: str) -> int:
    word = re.search(_MONTH, text, re.IGNORECASE)
    return MONTHS[word.group(0).rstrip(".").lower()] if word else 0


def _first_day(text: str) -> int:
    return int(re.search(r"\d+", text).group(0))


def _pick_year(month: int, day: int, anchor: date, future: bool) -> int:
    """The year that puts month/day nearest the anchor on the side the tense points to."""
    candidate = _safe_date(anchor.year, month, day or 1)
    if candidate is None:
        return anchor.year
    if future and candidate < anchor - timedelta(days=45):
        return anchor.year + 1
    if not future and candidate > anchor + timedelta(days=45):
        return anchor.year - 1
    return anchor.year


def resolve(m: re.Match, anchor: date | None, future: bool) -> DateRef | None:
    """Turn one DATE_RE match into a DateRef, or None when it needs an anchor it lacks."""
    text = m.group(0)
    kind = m.lastgroup if m.lastgroup in ("iso", "mdy", "dmy", "my", "weekday", "rel",
                                          "year") else None
    for name in ("iso", "mdy", "dmy", "my", "weekday", "rel", "year"):
        if m.group(name):
            kind = name
            break
    if kind == "iso":
        y, mo, d = (int(x) for x in text.split("-"))
        got = _safe_date(y, mo, d)
        return DateRef(got.isoformat(), "day", m.start(), m.end(), text) if got else None
    if kind in ("mdy", "dmy"):
        month = _month_of(text)
        day_part = re.sub(_MONTH, "", text, flags=re.IGNORECASE)
        day = _first_day(day_part.replace(m.group("y1") or m.group("y2") or "@", ""))
        year_text = m.group("y1") or m.group("y2")
        if year_text:
            year = int(year_text)
        elif anchor:
            year = _pick_year(month, day, anchor, future)
        else:
            return None
        got = _safe_date(year, month, day)
        return DateRef(got.isoformat(), "day", m.start(), m.end(), text) if got else None
    if kind == "my":
        month = _month_of(text)
        if m.group("y3"):
            return DateRef(f"{int(m.group('y3')):04d}-{month:02d}", "month", m.start(),
                           m.end(), text)
        if not anchor:
            return None
        lowered = text.lower()
        if lowered.startswith("last"):
            year = anchor.year if month < anchor.month else anchor.year - 1
        else:
            year = _pick_year(month, 15, anchor, future)
        return DateRef(f"{year:04d}-{month:02d}", "month", m.start(), m.end(), text)
    if kind == "year":
        return DateRef(m.group("y4") or m.group("y5"), "year", m.start(), m.end(), text)
    if anchor is None:
        return None
    if kind == "weekday":
        return _weekday(text, anchor, future, m)
    return _relative(text.lower(), anchor, m)


def _weekday(text: str, anchor: date, future: bool, m: re.Match) -> DateRef:
    lowered = text.lower()
    name = re.search(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday", lowered)
    wanted = WEEKDAYS[name.group(0)]
    if lowered.startswith("next"):
        future = True
    elif lowered.startswith("last"):
        future = False
    if future:
        delta = (wanted - anchor.weekday()) % 7
        got = anchor + timedelta(days=delta if delta else 0)
        if lowered.startswith("next") and delta == 0:
            got = anchor + timedelta(days=7)
    else:
        delta = (anchor.weekday() - wanted) % 7
        got = anchor - timedelta(days=delta)
    return DateRef(got.isoformat(), "day", m.start(), m.end(), text)


def _relative(lowered: str, anchor: date, m: re.Match) -> DateRef:
    text = m.group(0)
    if lowered in ("yesterday", "last night"):
        return DateRef((anchor - timedelta(days=1)).isoformat(), "day", m.start(), m.end(), text)
    if lowered in ("tomorrow",):
        return DateRef((anchor + timedelta(days=1)).isoformat(), "day", m.start(), m.end(), text)
    if lowered in ("today", "tonight", "this morning", "this afternoon", "this evening",
                   "earlier today", "later today", "overnight"):
        return DateRef(anchor.isoformat(), "day", m.start(), m.end(), text)
    if "week" in lowered:
        base = anchor
        if lowered.startswith("last") or lowered == "over the weekend":
            base = anchor - timedelta(days=7 if lowered.startswith("last") else 2)
        elif lowered.startswith("next"):
            base = anchor + timedelta(days=7)
        monday = base - timedelta(days=base.weekday())
        if "weekend" not in lowered and monday.month != (monday + timedelta(days=6)).month:
            # A week that straddles two months fixes only its year.
            return DateRef(f"{base.year:04d}", "year", m.start(), m.end(), text)
        return DateRef(_iso(base, "month"), "month", m.start(), m.end(), text)
    if "month" in lowered:
        month, year = anchor.month, anchor.year
        if lowered.startswith("last"):
            month, year = (12, year - 1) if month == 1 else (month - 1, year)
        elif lowered.startswith("next"):
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
        return DateRef(f"{year:04d}-{month:02d}", "month", m.start(), m.end(), text)
    year = anchor.year
    if lowered.startswith("last"):
        year -= 1
    elif lowered.startswith("next"):
        year += 1
    return DateRef(f"{year:04d}", "year", m.start(), m.end(), text)


def find_dates(text: str, anchor: date | None, future: bool = False) -> list[DateRef]:
    """Every date in `text` read against `anchor`.

    >>> [d.value for d in find_dates("met on Sunday", date(2014, 12, 15))]
    ['2014-12-14']
    >>> [d.value for d in find_dates("expected to head Wednesday", date(2023, 11, 27), True)]
    ['2023-11-29']
    >>> [d.value for d in find_dates("in March, and June 16, 2022", date(2023, 11, 27))]
    ['2023-03', '2022-06-16']
    >>> [d.value for d in find_dates("Saturday, May 20-Sunday, May 21", date(2017, 5, 19), True)]
    ['2017-05-20', '2017-05-21']
    >>> [d.value for d in find_dates("on Saturday, May 27", date(2017, 5, 19), True)]
    ['2017-05-27']
    >>> [d.value for d in find_dates("from April 5 to 7, in May 2024", date(2025, 3, 4), True)]
    ['2025-04-05', '2024-05']
    >>> [d.value for d in find_dates("from April 28 to May 2", date(2025, 3, 4), True)]
    ['2025-04-28']
    """
    out: list[DateRef] = []
    for m in DATE_RE.finditer(text):
        ref = resolve(m, anchor, future)
        if ref and out and ref.precision == "day" and _WEEKDAY_BEFORE.fullmatch(
                text[out[-1].start:ref.start]):
            # "on Saturday, May 27" is May 27, whichever Saturday lies nearest the story
            weekday = out.pop()
            ref = DateRef(ref.value, "day", weekday.start, ref.end, text[weekday.start:ref.end])
        if ref and out and _RANGE_JOIN.fullmatch(text[out[-1].end:ref.start]) and \
                out[-1].precision == ref.precision == "day":
            # "from April 28 to May 2" is one stay that begins on its first day
            first = out.pop()
            ref = DateRef(first.value, "day", first.start, ref.end, text[first.start:ref.end])
        if ref:
            out.append(ref)
    return out


_WEEKDAY_BEFORE = re.compile(rf"(?:on\s+)?(?:{'|'.join(WEEKDAYS)}),?\s*(?:the\s+)?",
                             re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:to|until|till|through|-|–)\s*", re.IGNORECASE)


def precision_of(value: str | None) -> str:
    """The precision of an ISO value.

    >>> precision_of("2024-09"), precision_of(None)
    ('month', 'unknown')
    """
    if not value:
        return "unknown"
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "unknown")
