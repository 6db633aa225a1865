"""The shared sidebar filters: widgets <-> a Filters dataclass <-> the page's query parameters.

Each filter widget has a key, which is also its query parameter. On a session's first run
the URL seeds the widgets (so a copied URL reproduces the exact view), values that are no
longer valid options are dropped, and after the widgets are drawn their values are written
back to st.query_params, defaults left out. The parameters carry plain values (names, ISO
codes, years), never the labels with counts that the widgets show. Page-level controls use
the same helpers (url_multi, url_choice, ...). The Filters themselves, and their wording,
are plain data in ui/scope.py.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from etl.countries import country_name
from ui import queries
from ui.scope import Filters, and_list, explain_empty, explain_empty_choice

__all__ = ["Filters", "and_list", "current", "explain_empty", "explain_empty_choice",
           "render_sidebar", "sync_url", "url_choice", "url_flag", "url_multi",
           "url_ordered_range", "url_range", "url_text"]

# Widget keys, which are also the query parameter names.
DIPLOMAT = "diplomat"
YEARS = "years"
COUNTRY = "country"
STATUS = "status"
OUTLET = "outlet"
VERIFIED = "verified"

_STATE = "_shuttle_filters"


# -- widget state <-> URL -------------------------------------------------------------------

def _write_url(key: str, values: list[str]) -> None:
    """Put `values` in the URL under `key`; an empty list removes the parameter."""
    if values:
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values
    elif key in st.query_params:
        del st.query_params[key]


def url_multi(key: str, options: list[str]) -> None:
    """Seed a multiselect's state from the URL (first run) and keep only valid options."""
    if key not in st.session_state:
        chosen = st.query_params.get_all(key)
    else:
        chosen = list(st.session_state[key] or [])
    valid = set(options)
    cleaned = [v for v in dict.fromkeys(chosen) if v in valid]
    if key not in st.session_state or cleaned != st.session_state[key]:
        st.session_state[key] = cleaned


def url_range(key: str, bounds: tuple[int, int]) -> None:
    """Seed a range slider over whole numbers from ?key=lo&key=hi, clamped to `bounds`."""
    lo, hi = bounds
    if key not in st.session_state:
        # isdecimal, not isdigit: int() refuses "²"; and a number too long for int() (over
        # 4,300 digits) is simply very large, so it clamps to the last year.
        values = sorted(int(v) if len(v.strip()) <= 18 else 10**18
                        for v in st.query_params.get_all(key) if v.strip().isdecimal())
        picked = (values[0], values[-1]) if values else (lo, hi)
    else:
        picked = tuple(st.session_state[key])
    first = min(max(int(picked[0]), lo), hi)
    last = min(max(int(picked[-1]), lo), hi)
    value = (min(first, last), max(first, last))
    if st.session_state.get(key) != value:
        st.session_state[key] = value


def url_ordered_range(key: str, options: list[str]) -> None:
    """Seed a range select_slider from ?key=a&key=b when both are options (else the full span)."""
    if not options:
        st.session_state.pop(key, None)
        return
    full = (options[0], options[-1])
    if key not in st.session_state:
        raw = st.query_params.get_all(key)
        picked = (raw[0], raw[-1]) if raw else full
    else:
        picked = tuple(st.session_state[key])
    if len(picked) != 2 or not all(p in options for p in picked):
        picked = full
    if options.index(picked[0]) > options.index(picked[1]):
        picked = (picked[1], picked[0])
    if st.session_state.get(key) != picked:
        st.session_state[key] = picked


def url_choice(key: str, options: list, default=None) -> None:
    """Seed a selectbox or radio from ?key=value when it is an option, else `default`."""
    if key not in st.session_state:
        raw = st.query_params.get(key)
        value = raw if raw in options else default
    else:
        value = st.session_state[key]
        if value not in options:
            value = default
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value


def url_flag(key: str) -> None:
    """Seed a checkbox from ?key=true."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(key, "").lower() in ("true", "1", "yes")


def url_text(key: str, max_length: int = 200) -> None:
    """Seed a text input from ?key=..., cut to `max_length` characters."""
    if key not in st.session_state:
        st.session_state[key] = (st.query_params.get(key) or "")[:max_length]


def sync_url(key: str, value, default=None) -> None:
    """Write a widget's value to the URL: lists and ranges as repeated parameters, booleans as
    'true', the default as nothing."""
    if value is None or value == default or value == [] or value is False or value == "":
        _write_url(key, [])
    elif value is True:
        _write_url(key, ["true"])
    elif isinstance(value, (list, tuple)):
        _write_url(key, [str(v) for v in value])
    else:
        _write_url(key, [str(value)])


def _reset(bounds: tuple[int, int] | None) -> None:
    for key in (DIPLOMAT, COUNTRY, STATUS, OUTLET):
        st.session_state[key] = []
    st.session_state[VERIFIED] = False
    if bounds and YEARS in st.session_state:
        st.session_state[YEARS] = bounds


def render_sidebar(con: duckdb.DuckDBPyConnection) -> Filters:
    """Draw the shared filters in the sidebar and return what they say."""
    diplomats = queries.diplomat_counts(con)
    counts = dict(zip(diplomats["actor"], diplomats["stops"], strict=True))
    countries = list(queries.country_counts(con)["country"])
    outlets = queries.outlet_counts(con)
    outlet_counts = dict(zip(outlets["outlet"], outlets["articles"], strict=True))
    bounds = queries.year_bounds(con)
    statuses = list(queries.VISIT_STATUSES)

    url_multi(DIPLOMAT, list(counts))
    url_multi(COUNTRY, countries)
    url_multi(STATUS, statuses)
    url_multi(OUTLET, list(outlet_counts))
    has_range = bool(bounds and bounds[0] < bounds[1])
    if has_range:
        url_range(YEARS, bounds)
    url_flag(VERIFIED)

    with st.sidebar:
        st.header("Filters")
        chosen = st.multiselect(
            "Diplomats", options=list(counts), key=DIPLOMAT,
            format_func=lambda a: f"{a} ({counts.get(a, 0)})", placeholder="All diplomats",
            help="Number of stops on the map in brackets. Empty: everyone.",
        )
        years = None
        if has_range:
            picked = st.slider(
                "Years", min_value=bounds[0], max_value=bounds[1], step=1, key=YEARS,
                help="Undated reports count from the day they were published.",
            )
            if tuple(picked) != tuple(bounds):
                years = (int(picked[0]), int(picked[1]))
        elif bounds:
            st.caption(f"Years: {bounds[0]} (the only year in the database)")
        chosen_countries = st.multiselect(
            "Countries", options=countries, key=COUNTRY,
            format_func=lambda c: f"{country_name(c)} ({c})", placeholder="All countries",
            help="Where a stop or meeting took place; for aid, the donor or recipient; for "
            "casualties, the place named in the report.",
        )
        chosen_statuses = st.multiselect(
            "Status", options=statuses, key=STATUS, placeholder="All statuses",
            help="Occurred: reported as done. Planned: announced. Possible: speculated. "
            "Cancelled: called off or refused.",
        )
        chosen_outlets = st.multiselect(
            "Source outlet", options=list(outlet_counts), key=OUTLET,
            format_func=lambda o: f"{o} ({outlet_counts.get(o, 0)})",
            placeholder="All outlets", help="Number of articles in brackets.",
        )
        verified_only = st.toggle(
            "Verified facts only", key=VERIFIED,
            help="Only what an analyst has verified or corrected (the Review page); every "
            "title then says so.",
        )
        st.button("Reset filters", key="reset_filters", on_click=_reset, args=(bounds,))
        st.caption("The filters are part of the page address: copy it to share this view.")

    sync_url(DIPLOMAT, chosen)
    sync_url(YEARS, list(years) if years else None)
    sync_url(COUNTRY, chosen_countries)
    sync_url(STATUS, chosen_statuses)
    sync_url(OUTLET, chosen_outlets)
    sync_url(VERIFIED, verified_only)
    if verified_only:
        # above every page's title: what the page leaves out, before anything is read
        st.info("Verified facts only: every view below shows only what an analyst has "
                "verified or corrected.", icon=":material/verified:")

    filters = Filters(
        diplomats=tuple(chosen),
        years=years,
        countries=tuple(chosen_countries),
        statuses=tuple(chosen_statuses),
        outlets=tuple(chosen_outlets),
        year_bounds=bounds,
        verified_only=bool(verified_only),
    )
    st.session_state[_STATE] = filters
    return filters


def current() -> Filters:
    """The filters drawn by dashboard.py in this run (all-inclusive if none were drawn)."""
    return st.session_state.get(_STATE, Filters())
