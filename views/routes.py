"""Routes: where the diplomats went, as stops and legs on an offline map, with a time control."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ui import builders, db, export, filters, maps, queries, tables
from ui.escape import md

EVIDENCE_COLUMNS = {
    "Diplomat": st.column_config.TextColumn(width="medium"),
    "Place": st.column_config.TextColumn(width="medium"),
    "Date": st.column_config.TextColumn(width="small"),
    "Status": st.column_config.TextColumn(width="small"),
    "Sources": st.column_config.NumberColumn(width="small"),
    "Evidence": st.column_config.TextColumn(width="large"),
    "First reported": st.column_config.TextColumn(width="small"),
}


def month_bounds(first: str, last: str) -> tuple[date, date]:
    """First day of `first` and last day of `last`, both 'YYYY-MM'."""
    y1, m1 = (int(p) for p in first.split("-"))
    y2, m2 = (int(p) for p in last.split("-"))
    end = date(y2 + (m2 == 12), m2 % 12 + 1, 1)
    return date(y1, m1, 1), date.fromordinal(end.toordinal() - 1)


def month_label(month: str) -> str:
    return date(int(month[:4]), int(month[5:7]), 1).strftime("%b %Y")


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

built = builders.routes_view(con, f, cancelled=show_cancelled, date_from=window_from,
                             date_to=window_to, window_text=window_text)
stops = built.frame
st.subheader(md(built.title))

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

by_actor = stops.groupby("actor").size().sort_values(ascending=False)
st.html(maps.SEA_CSS)
st.pydeck_chart(built.figure, key="routes_map", height=builders.ROUTE_MAP_SIZE[1])
st.html(maps.legend_html(built.colours, by_actor.to_dict()))

n_articles = int(stops["articles_total"].iloc[0])
st.caption(md(" ".join(filter(None, [
    built.note, f"Source: {n_articles:,} article{'s' if n_articles != 1 else ''}, Shuttle. "
    "Hover a dot for the sentence behind it. Basemap: Natural Earth."]))))
st.download_button(
    "Download slide (PNG)", key="routes_slide", file_name="shuttle-routes.png",
    mime="image/png", on_click="ignore",
    help="The map as a 1920x1080 slide: title with the filters, map, source line.",
    data=export.deferred_png(export.slide_of, built),
)

st.subheader("Stops and the sentences behind them")
st.dataframe(tables.stops_table(stops), hide_index=True, column_config=EVIDENCE_COLUMNS,
             key="stops_table")
