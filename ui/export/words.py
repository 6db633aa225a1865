"""The words and numbers of a slide: counts, periods, days, wrapped titles, the source line."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date

import pandas as pd

from ui.escape import esc
from ui.scope import and_list


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 stop', '3 stops', '2 countries'.

    >>> plural(1, "trip"), plural(3, "trip"), plural(2, "country", "countries")
    ('1 trip', '3 trips', '2 countries')
    """
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def _day(value: object) -> date | None:
    if value is None or value is pd.NaT:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(value).date()


def period_text(days: Sequence[object]) -> str:
    """The months a set of dates covers: 'Sep 2024', 'Nov 2023 to Sep 2024', or ''.

    >>> period_text([date(2024, 9, 11), date(2024, 9, 12)])
    'Sep 2024'
    >>> period_text([date(2023, 11, 27), None, date(2024, 9, 11)])
    'Nov 2023 to Sep 2024'
    """
    known = sorted(d for d in (_day(v) for v in days) if d is not None)
    if not known:
        return ""
    first, last = known[0], known[-1]
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%b %Y}"
    return f"{first:%b %Y} to {last:%b %Y}"


def day_text(value: object) -> str:
    """'10 Sep 2024' (no leading zero), '' for no date.

    >>> day_text(date(2024, 9, 1)), day_text(None)
    ('1 Sep 2024', '')
    """
    day = _day(value)
    return f"{day:%d %b %Y}".lstrip("0") if day else ""


def wrap_title(text: str, width: int = 88) -> str:
    """Break a long title into lines for plotly (<br>), after escaping it.

    >>> wrap_title("a b c", width=3)
    'a b<br>c'
    """
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width=width)) or esc(text)


def _outlet(value: object) -> str:
    return value if isinstance(value, str) and value.strip() else "unnamed outlet"


def source_line(articles: pd.DataFrame, extra: str = "") -> str:
    """The slide's source line: how many articles, from which outlets, published when.

    >>> df = pd.DataFrame({"outlet": ["A", "B", "A"],
    ...     "published": [date(2023, 11, 27), date(2024, 9, 10), None]})
    >>> source_line(df, "Basemap: Natural Earth.")[:70]
    'Source: 3 articles from A and B, published 27 Nov 2023 to 10 Sep 2024.'
    """
    n = len(articles)
    if n == 0:
        text = "Source: no articles"
    else:
        outlets = sorted({_outlet(o) for o in articles["outlet"]})
        named = and_list(outlets, many=plural(len(outlets), "outlet"))
        text = f"Source: {plural(n, 'article')} from {named}"
        days = sorted(d for d in (_day(v) for v in articles["published"]) if d)
        if days:
            first, last = day_text(days[0]), day_text(days[-1])
            text += f", published {first}" if first == last else f", published {first} to {last}"
    text += ". Shuttle."
    return f"{text} {extra}".strip() if extra else text
