"""Routes: where the diplomats went, as stops and legs on an offline map, with a time window
and a playback that draws the legs in the order they were travelled."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ui import (
    builders,
    db,
    evidence_table,
    export,
    filters,
    maps,
    paging,
    playback,
    queries,
    tables,
)
from ui.escape import md
from ui.meeting_marks import calls_table


def month_bounds(first: str, last: str) -> tuple[date, date]:
    """First day of `first` and last day of `last`, both 'YYYY-MM'."""
    y1, m1 = (int(p) for p in first.split("-"))
    y2, m2 = (int(p) for p in last.split("-"))
    end = date(y2 + (m2 == 12), m2 % 12 + 1, 1)
    return date(y1, m1, 1), date.fromordinal(end.toordinal() - 1)


def month_label(month: str) -> str:
    return date(int(month[:4]), int(month[5:7]), 1).strftime("%b %Y")


def toggle_play() -> None:
    """Start (from the first step when at the end) or pause the playback."""
    playing = not st.session_state.get("playing", False)
    st.session_state["playing"] = playing
    if playing and st.session_state.get("at") == st.session_state.get("_last_step"):
        st.session_state["at"] = st.session_state.get("_first_step")


f = filters.current()
con = db.connection()

st.title("Routes")

controls = st.columns([4, 1])
filters.url_flag("cancelled")
with controls[1]:
    show_cancelled = st.checkbox(
        "Show cancelled trips", key="cancelled",
        help="Trips called off or refused are hidden unless asked for.",
    )
filters.sync_url("cancelled", show_cancelled)
show_cancelled = show_cancelled or "cancelled" in f.statuses

view = builders.visible(f, cancelled=show_cancelled)

months = queries.route_months(con, view)
window_from = window_to = None
window_text = ""
filters.url_ordered_range("months", months if len(months) > 1 else [])
with controls[0]:
    if len(months) > 1:
        first, last = st.select_slider(
            "Time window", options=months, format_func=month_label, key="months",
            help="Limits the stops and legs drawn to these months.",
        )
        if (first, last) != (months[0], months[-1]):
            window_from, window_to = month_bounds(first, last)
            window_text = f"{month_label(first)} to {month_label(last)}"
filters.sync_url("months", [first, last] if window_from is not None else None)

whole = builders.routes_view(con, f, cancelled=show_cancelled, date_from=window_from,
                             date_to=window_to, window_text=window_text)
stops = whole.frame
st.subheader(md(whole.title))

if stops.empty:
    def count(ff: filters.Filters, cancelled: bool = show_cancelled) -> int:
        """Stops under `ff` in the current time window."""
        return int(len(queries.route_stops(con, builders.visible(ff, cancelled=cancelled),
                                           cap=1, date_from=window_from, date_to=window_to)))

    extra = []
    if window_from is not None:
        extra.append(("the time window",
                      lambda: int(len(queries.route_stops(con, view, cap=1))),
                      "widen the time window"))
    if not show_cancelled:
        extra.append(("hiding cancelled trips", lambda: count(f, cancelled=True),
                      "tick 'Show cancelled trips'"))
    st.info(md(filters.explain_empty("stops", f, count, extra)))
    st.stop()

# The legend above the map: on a 1080p screen it shows without scrolling.
by_actor = stops.groupby("actor").size().sort_values(ascending=False)
st.html(maps.legend_html(whole.colours, by_actor.to_dict()))
st.html(maps.SEA_CSS)

days = [pd.Timestamp(d).date() for d in stops["sort_day"].dropna()]
span = (window_from or min(days), window_to or max(days)) if days else None
options = playback.steps(*span) if span else []
step_unit = playback.unit(*span) if span else "day"
st.session_state["_first_step"] = options[0] if options else None
st.session_state["_last_step"] = options[-1] if options else None
if options and ("at" not in st.session_state or st.session_state["at"] not in options):
    st.session_state["at"] = playback.parse_step(st.query_params.get("at"), options) \
        or options[-1]
playing = bool(st.session_state.get("playing")) and len(options) > 1


@st.fragment(run_every=playback.PLAY_SECONDS if playing else None)
def routes_map() -> None:
    """The map at the playback's step (the whole window at the last step); while playing,
    each run moves on one step, and the last step ends the playback.

    Play and Pause are clicked inside this fragment, so their click reruns only the
    fragment, whose timer was set by the last whole run: a click that starts or stops the
    playback reruns the whole page, which sets the timer (or clears it). A step only
    filters the window's view already fetched (builders.routes_moment): no query runs."""
    if (bool(st.session_state.get("playing")) and len(options) > 1) != playing:
        st.rerun()
    if playing and st.session_state.get("_advance"):
        at = st.session_state["at"]
        following = [d for d in options if d > at]
        if following:
            st.session_state["at"] = following[0]
        else:
            st.session_state["playing"] = False
            st.rerun()
    st.session_state["_advance"] = playing
    left, right = st.columns([1, 6], vertical_alignment="bottom")
    with left:
        st.button("Pause" if playing else "Play", key="play", on_click=toggle_play,
                  icon=":material/pause:" if playing else ":material/play_arrow:",
                  disabled=len(options) < 2, width="stretch",
                  help=f"Steps through the time window by {step_unit}, drawing each leg "
                  "once it was travelled.")
    with right:
        at = st.select_slider("Travelled by", options=options, key="at",
                              format_func=playback.step_label,
                              disabled=len(options) < 2) if len(options) > 1 else None
    last = options[-1] if options else None
    filters.sync_url("at", at.isoformat() if at is not None and at != last else None)
    # While playing, a step looks nothing up; paused at a step, the articles behind its
    # stops are looked up once, for the slide's source line.
    built = whole if at is None or at == last else builders.routes_moment(
        whole, at, con=None if playing else con)
    st.pydeck_chart(built.figure, key="routes_map", height=builders.ROUTE_MAP_SIZE[1])
    n_legs = len(built.legs)
    moment = (f"Travelled by {playback.step_label(at)}: {len(built.frame):,} of "
              f"{len(stops):,} stops, {n_legs:,} of {len(whole.legs):,} legs. "
              if at is not None and at != last else "")
    n_articles = int(stops["articles_total"].iloc[0])
    st.caption(md(" ".join(filter(None, [
        moment, built.note, f"Source: {n_articles:,} article{'s' if n_articles != 1 else ''},"
        " Shuttle. Hover a dot for the sentence behind it. Basemap: Natural Earth."]))))
    st.download_button(
        "Download slide (PNG)", key="routes_slide", file_name="shuttle-routes.png",
        mime="image/png", on_click="ignore", disabled=playing,
        help="The map as a 1920x1080 slide: title with the filters, map, source line."
        + (" Pause the playback to download the moment shown." if playing else ""),
        data=export.deferred_png(export.slide_of, built),
    )


routes_map()

calls = calls_table(whole.meetings)
if not calls.empty:
    st.subheader("Calls and meetings the map cannot place")
    st.html(evidence_table.html_table(calls, short=("How", "Status")))

st.subheader("Stops and the sentences behind them")
# The stops the map draws, a page at a time (by diplomat, then in route order); the CSV holds
# them all, made when it is asked for.
table = tables.stops_table(stops)
page = paging.control("stops", len(table), noun="stops on the map",
                      scope=(f, show_cancelled, window_from, window_to))
st.html(evidence_table.html_table(paging.rows_of(table, page)))
st.download_button("Download the stops (CSV)", key="stops_csv", mime="text/csv",
                   file_name="shuttle-stops.csv", on_click="ignore",
                   help="Every stop on the map, with the sentence behind it.",
                   data=lambda: evidence_table.csv_bytes(table))
