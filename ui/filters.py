"""The shared sidebar filters: widgets <-> a Filters dataclass <-> the page's query parameters.

Every widget is bound to st.query_params (`bind="query-params"`, its key is the parameter
name), so a copied URL reproduces the exact view on first load, defaults stay out of the
URL, and values that are not valid options are dropped by Streamlit instead of failing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb
import streamlit as st

from ui import queries
from ui.countries import country_name

# Widget keys, which are also the query parameter names.
DIPLOMAT = "diplomat"
YEARS = "years"
COUNTRY = "country"
STATUS = "status"
OUTLET = "outlet"
SIDEBAR_KEYS = (DIPLOMAT, YEARS, COUNTRY, STATUS, OUTLET)

_STATE = "_shuttle_filters"


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
    head += "."
    relaxers = [
        ("the year range", dataclasses.replace(f, years=None), "widen the year range"),
        ("the diplomat choice", dataclasses.replace(f, diplomats=()), "choose other diplomats"),
        ("the country choice", dataclasses.replace(f, countries=()), "clear the countries"),
        ("the status choice", dataclasses.replace(f, statuses=()), "clear the statuses"),
        ("the outlet choice", dataclasses.replace(f, outlets=()), "clear the outlets"),
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


def _reset() -> None:
    for key in SIDEBAR_KEYS:
        st.session_state.pop(key, None)


def render_sidebar(con: duckdb.DuckDBPyConnection) -> Filters:
    """Draw the shared filters in the sidebar and return what they say."""
    diplomats = queries.diplomat_counts(con)
    counts = dict(zip(diplomats["actor"], diplomats["stops"], strict=True))
    countries = queries.country_counts(con)
    outlets = queries.outlet_counts(con)
    outlet_counts = dict(zip(outlets["outlet"], outlets["articles"], strict=True))
    bounds = queries.year_bounds(con)

    with st.sidebar:
        st.header("Filters")
        chosen = st.multiselect(
            "Diplomats", options=list(counts), key=DIPLOMAT, bind="query-params",
            format_func=lambda a: f"{a} ({counts.get(a, 0)})", placeholder="All diplomats",
            help="Number of stops on the map in brackets. Empty: everyone.",
        )
        years = None
        if bounds and bounds[0] < bounds[1]:
            picked = st.slider(
                "Years", min_value=bounds[0], max_value=bounds[1], value=bounds, step=1,
                key=YEARS, bind="query-params",
                help="Undated reports count from the day they were published.",
            )
            if tuple(picked) != tuple(bounds):
                years = (int(picked[0]), int(picked[1]))
        elif bounds:
            st.caption(f"Years: {bounds[0]} (the only year in the database)")
        chosen_countries = st.multiselect(
            "Countries", options=list(countries["country"]), key=COUNTRY, bind="query-params",
            format_func=lambda c: f"{country_name(c)} ({c})", placeholder="All countries",
            help="Where a stop or meeting took place; for aid, the donor or recipient.",
        )
        chosen_statuses = st.multiselect(
            "Status", options=list(queries.VISIT_STATUSES), key=STATUS, bind="query-params",
            placeholder="All statuses",
            help="Occurred: reported as done. Planned: announced. Possible: speculated. "
            "Cancelled: called off or refused.",
        )
        chosen_outlets = st.multiselect(
            "Source outlet", options=list(outlet_counts), key=OUTLET, bind="query-params",
            format_func=lambda o: f"{o} ({outlet_counts.get(o, 0)})",
            placeholder="All outlets", help="Number of articles in brackets.",
        )
        st.button("Reset filters", key="reset_filters", on_click=_reset)
        st.caption("The filters are part of the page address: copy it to share this view.")

    filters = Filters(
        diplomats=tuple(chosen),
        years=years,
        countries=tuple(chosen_countries),
        statuses=tuple(chosen_statuses),
        outlets=tuple(chosen_outlets),
        year_bounds=bounds,
    )
    st.session_state[_STATE] = filters
    return filters


def current() -> Filters:
    """The filters drawn by dashboard.py in this run (all-inclusive if none were drawn)."""
    return st.session_state.get(_STATE, Filters())
