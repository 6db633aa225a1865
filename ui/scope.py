"""What the analyst chose, as plain data: the Filters dataclass, its wording for titles, and
the sentence that says which filter emptied a view. No streamlit: the pages (ui/filters.py
draws the widgets), the builders, the exporter and its command line all use it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from etl.countries import country_name


def and_list(items: list[str], *, word: str = "and", many: str | None = None,
              limit: int = 3) -> str:
    """'A', 'A and B', 'A, B and C'; past `limit` items, `many` ("4 diplomats").

    >>> and_list(["a", "b", "c"])
    'a, b and c'
    >>> and_list(["a", "b", "c", "d"], many="4 things")
    '4 things'
    """
    if len(items) > limit and many:
        return many
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


@dataclass(frozen=True)
class Filters:
    """What the analyst chose in the sidebar; an empty tuple means "all"."""

    diplomats: tuple[str, ...] = ()
    years: tuple[int, int] | None = None  # None: the whole period, undated rows included
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2
    statuses: tuple[str, ...] = ()  # occurred, planned, possible, cancelled
    outlets: tuple[str, ...] = ()
    year_bounds: tuple[int, int] | None = None  # the database's first and last year
    # only rows an analyst verified or corrected (review_state, etl/sql/post/event_trust.sql)
    verified_only: bool = False

    @property
    def date_from(self) -> date | None:
        return date(self.years[0], 1, 1) if self.years else None

    @property
    def date_to(self) -> date | None:
        return date(self.years[1], 12, 31) if self.years else None

    def years_text(self) -> str:
        """'2014', '2014-2024', or the database's whole period.

        >>> Filters(years=(2014, 2016)).years_text(), Filters(year_bounds=(2013, 2024)).years_text()
        ('2014-2016', '2013-2024')
        """
        first, last = self.years or self.year_bounds or (None, None)
        if first is None:
            return "all years"
        return str(first) if first == last else f"{first}-{last}"

    def diplomats_text(self) -> str:
        return and_list(list(self.diplomats), many=f"{len(self.diplomats)} diplomats") \
            or "all diplomats"

    def countries_text(self) -> str:
        names = [country_name(c) for c in self.countries]
        return and_list(names, word="or", many=f"{len(names)} countries") or "all countries"

    def statuses_text(self) -> str:
        return and_list(list(self.statuses), word="or") or "all statuses"

    def outlets_text(self) -> str:
        return and_list(list(self.outlets), word="or", many=f"{len(self.outlets)} outlets") \
            or "all outlets"

    def verified_text(self) -> str:
        """What a title adds when only reviewed facts are shown ('' otherwise).

        >>> Filters(verified_only=True).verified_text(), Filters().verified_text()
        ('verified facts only', '')
        """
        return "verified facts only" if self.verified_only else ""

    def describe(self, *parts: str) -> str:
        """The chosen parts ('diplomats', 'years', 'countries', 'statuses', 'outlets') as
        title text; parts left at "all" are dropped except years.

        >>> Filters(diplomats=("Antony Blinken",), year_bounds=(2013, 2024)).describe(
        ...     "diplomats", "years", "countries")
        'Antony Blinken, 2013-2024'
        """
        texts = []
        for part in parts:
            text = getattr(self, f"{part}_text")()
            if part == "years" or not text.startswith("all "):
                texts.append(text)
        return ", ".join(texts)


def explain_empty(what: str, f: Filters, count: Callable[[Filters], int],
                  extra: list[tuple[str, Callable[[], int], str]] | None = None) -> str:
    """A sentence saying which filter emptied the view, found by relaxing one at a time.

    `count(filters)` counts rows under some filters; `extra` adds page-level controls as
    (name, count without that control, advice). Example: "No stops for Antony Blinken in
    2019. The year range empties the view: widen the year range."
    """
    scope = f.describe("diplomats", "countries")
    head = f"No {what}" + (f" for {scope}" if scope else "") + f" in {f.years_text()}"
    if f.statuses:
        head += f" with status {f.statuses_text()}"
    if f.outlets:
        head += f" from {f.outlets_text()}"
    if f.verified_only:
        head += " among the verified facts"
    head += "."
    relaxers = [
        ("the year range", dataclasses.replace(f, years=None), "widen the year range"),
        ("the diplomat choice", dataclasses.replace(f, diplomats=()), "choose other diplomats"),
        ("the country choice", dataclasses.replace(f, countries=()), "clear the countries"),
        ("the status choice", dataclasses.replace(f, statuses=()), "clear the statuses"),
        ("the outlet choice", dataclasses.replace(f, outlets=()), "clear the outlets"),
        ("showing verified facts only", dataclasses.replace(f, verified_only=False),
         "turn off 'Verified facts only' or verify facts in the Review queue"),
    ]
    for name, relaxed, advice in relaxers:
        if relaxed != f and count(relaxed) > 0:
            return f"{head} {name.capitalize()} empties the view: {advice}."
    for name, count_without, advice in extra or []:
        if count_without() > 0:
            return f"{head} {name.capitalize()} empties the view: {advice}."
    if count(Filters(year_bounds=f.year_bounds)) == 0:
        return f"{head} The database holds no {what} at all yet."
    return f"{head} No single filter explains it: clear some of them (Reset filters)."


def explain_empty_choice(what: str, f: Filters, count: Callable[[Filters, list[str]], int],
                         chosen: list[str], choice: str, advice: str) -> str:
    """explain_empty for a page the diplomat and status filters do not touch (aid,
    casualties), with its own multiple choice (aid statuses, figures): `count(filters,
    chosen)` counts rows, and `choice` with `advice` names the page's choice when clearing
    it is what would fill the view."""
    extra = [(choice, lambda: count(f, []), advice)] if chosen else []
    plain = dataclasses.replace(f, diplomats=(), statuses=())
    return explain_empty(what, plain, lambda ff: count(ff, chosen), extra)
