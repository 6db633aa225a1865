"""Story segments: a page may append unrelated stories after its own; each segment gets the
date its weekdays and "yesterday" are read against (the publication date for the first, a
date the segment states for the others)."""

from __future__ import annotations

import re
from datetime import date

from etl.model import Segment
from etl.read.boilerplate import (
    _I,
    APPEAL,
    CHROME,
    COMMENTS,
    LIST,
    Line,
    _headline_like,
    _is_prose,
    _next_content,
)

_MIN_WORDS_BEFORE_BREAK = 40  # a page's own story comes first; chrome before it is no break
_MIN_WORDS_AFTER_BREAK = 20  # after comments, even a short text is another story
_REPEAT_WINDOW = 8  # lines within which a repeated headline counts as "close together"


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def segment_starts(lines: list[Line]) -> list[int]:
    """Indexes of the lines where an appended story starts (segment 1, 2, ...).

    A new segment starts
    - at the first content line after a comments or reader-appeal block, when the page's own
      story came before (40+ words) and 20+ words of content follow: nothing of the
      article itself comes after its comments, so what follows is another story;
    - at a headline-like line after a block of chrome (a "Related stories" list or 3+
      chrome lines) when prose follows it;
    - at a headline-like line that is repeated within the next few lines (scraped pages
      print a headline twice: title and caption header), after 40+ words of story.
    """
    starts: list[int] = []
    words_in_segment = 0
    block_kinds: set[str] = set()
    block_flagged = 0
    count = len(lines)
    for i, line in enumerate(lines):
        if not line.words:
            continue
        if line.flagged:
            block_kinds.add(line.kind or CHROME)
            block_flagged += 1
            continue
        is_break = False
        if words_in_segment >= _MIN_WORDS_BEFORE_BREAK:
            following = _next_content(lines, i)
            headline = _headline_like(line) and following is not None and _is_prose(following)
            if block_kinds & {COMMENTS, APPEAL}:
                is_break = _content_words_from(lines, i) >= _MIN_WORDS_AFTER_BREAK
            elif block_kinds and (LIST in block_kinds or block_flagged >= 3):
                is_break = headline
            if not is_break and _headline_like(line):
                key = _key(line.text)
                is_break = any(
                    other.words and not other.flagged and _key(other.text) == key
                    for other in lines[i + 1 : min(count, i + 1 + _REPEAT_WINDOW)]
                )
        if is_break:
            starts.append(i)
            words_in_segment = 0
        words_in_segment += line.words
        block_kinds = set()
        block_flagged = 0
    return starts


def _content_words_from(lines: list[Line], i: int) -> int:
    total = 0
    for j in range(i, len(lines)):
        if lines[j].flagged:
            break
        total += lines[j].words
    return total


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d%])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_FULL_DATES = [
    re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}", _I),
    re.compile(rf"\b{_DAY} (?:of )?{_MONTH},? {_YEAR}", _I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
]
_MONTH_YEAR = re.compile(rf"\b{_MONTH},? {_YEAR}", _I)
# A bare year counts when a word like "in" or "since" leads it, or punctuation closes it,
# so counts ("2050 troops") and money ("$2022") are not taken for years.
_BARE_YEAR = re.compile(
    r"(?:\b(?:in|since|of|from|during|early|late|mid|year|summer|spring|autumn|fall|winter)"
    r"[ -](?P<year>(?:19|20)\d\d)\b(?!%))"
    r"|(?:(?<![\d$£€.,/])(?P<year2>(?:19|20)\d\d)(?=[.,;:)]|$))",
    _I | re.MULTILINE,
)

# Well-known events that date a story no earlier than themselves, for an appended story
# that states no date of its own. Each row: (pattern, earliest date, what it is).
ANCHOR_EVENTS: list[tuple[re.Pattern[str], date, str]] = [
    (
        re.compile(
            r"\bfebruary 24(?:th)?,? (?:2022 )?invasion\b|\bfull[- ]scale invasion\b"
            r"|\brussia['’]s (?:full[- ]scale )?invasion of ukraine\b",
            _I,
        ),
        date(2022, 2, 24),
        "Russia's full-scale invasion of Ukraine",
    ),
    (
        re.compile(r"\boct(?:ober|\.)? 7(?:th)?,? (?:2023 )?(?:attack|massacre|assault)s?\b", _I),
        date(2023, 10, 7),
        "the 7 October attack on Israel",
    ),
    (re.compile(r"\bcovid(?:-19)?\b|\bcoronavirus pandemic\b", _I), date(2020, 1, 1), "COVID-19"),
    (
        re.compile(r"\bannex(?:ation of|ed) (?:the )?crimea\b", _I),
        date(2014, 3, 18),
        "Russia's annexation of Crimea",
    ),
]

_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


def stated_dates(text: str, today: date | None = None) -> list[tuple[date, str]]:
    """Dates a passage states, each as (date, precision); month and year dates are the
    first day of their month or year. Years after `today` are ignored (targets, not news).

    >>> for found in stated_dates("On June 16, 2022 they met; since 2014 and in March 2015."):
    ...     print(found)
    (datetime.date(2022, 6, 16), 'day')
    (datetime.date(2015, 3, 1), 'month')
    (datetime.date(2014, 1, 1), 'year')
    """
    today = today or date.today()
    found: list[tuple[date, str]] = []
    taken = bytearray(len(text))  # 1 where a more precise date was already read

    def take(match: re.Match[str]) -> None:
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            name = m.groupdict().get("month")
            month = _MONTHS[name.lower()] if name else int(m.group("mnum"))
            try:
                value = date(int(m.group("year")), month, int(m.group("day")))
            except ValueError:
                continue
            if value <= today:
                found.append((value, "day"))
                take(m)
    for m in _MONTH_YEAR.finditer(text):
        if taken[m.start()]:
            continue
        value = date(int(m.group("year")), _MONTHS[m.group("month").lower()], 1)
        if value <= today:
            found.append((value, "month"))
            take(m)
    for m in _BARE_YEAR.finditer(text):
        if taken[m.start(m.lastgroup or 0)]:
            continue
        year = int(m.group("year") or m.group("year2"))
        if year <= today.year:
            found.append((date(year, 1, 1), "year"))
    return found


def segment_anchor(text: str, published: date | None) -> tuple[date | None, str]:
    """The anchor of an appended story (segment 1, 2, ...): (date, precision).

    The rule: take every date the segment states (full dates, "March 2015", years such as
    "in 2022") and, where the segment mentions an event of ANCHOR_EVENTS that happened
    after the publication year, that event's year; the anchor is the latest year among
    them, at the best precision stated within that year (day, then month, then year; a
    month or year anchor is the first day of its month or year). A segment that states no
    date, or only mentions an event no later than the publication year, gets (None,
    "unknown"), so nothing in it is read against the page's own date.

    >>> segment_anchor("In Kyiv since Russia’s February 24th invasion.", date(2014, 12, 15))
    (datetime.date(2022, 1, 1), 'year')
    >>> segment_anchor("They met on Thursday.", date(2014, 12, 15))
    (None, 'unknown')
    >>> segment_anchor("On June 16, 2022, since the full-scale invasion.", date(2014, 1, 1))
    (datetime.date(2022, 6, 16), 'day')
    """
    candidates = stated_dates(text)
    published_year = published.year if published else None
    for pattern, earliest, _what in ANCHOR_EVENTS:
        if (published_year is None or earliest.year > published_year) and pattern.search(text):
            candidates.append((date(earliest.year, 1, 1), "year"))
    if not candidates:
        return None, "unknown"
    latest_year = max(value.year for value, _ in candidates)
    best = max(
        (c for c in candidates if c[0].year == latest_year),
        key=lambda c: (_PRECISION_RANK[c[1]], c[0]),
    )
    return best


def build_segments(text: str, lines: list[Line], published: date | None) -> list[Segment]:
    """Segments of the body: segment 0 is anchored to the publication date (precision
    "day", also for an approximate date, which is still the best day known; "unknown"
    without one), appended stories as `segment_anchor` finds."""
    starts = [lines[i].start for i in segment_starts(lines)]
    bounds = [0, *starts, len(text)]
    segments = [Segment(0, 0, bounds[1], published, "day" if published else "unknown")]
    for n in range(1, len(bounds) - 1):
        start, end = bounds[n], bounds[n + 1]
        content = "\n".join(
            line.text for line in lines if start <= line.start < end and not line.flagged
        )
        anchor, precision = segment_anchor(content, published)
        segments.append(Segment(n, start, end, anchor, precision))
    return segments
