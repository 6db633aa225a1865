"""Casualties: reported figures over time, one line per series (a source's count of one
population in one place), one place at a time or every place as small multiples."""

from __future__ import annotations

import streamlit as st

from ui import builders, db, export, filters, paging, queries, tables
from ui.escape import md

ALL_PLACES = builders.ALL_PLACES

f = filters.current()
con = db.connection()

st.title("Casualties")
st.caption("Each line is one series: one reporting source's count of one group (all, "
           "children, women, civilians, soldiers, staff) in one place; a sub-count such as "
           "children killed is its own dashed line, never a point on the toll's. Sources and "
           "places are under one name each (data/reference/reporters.csv, areas.csv: 'the "
           "health ministry in Gaza' and 'the Gaza health ministry' are one source). Each "
           "marker is one report: ▲ at least or more than, ◆ about, ▼ up to, ● as stated. "
           "Competing figures stay side by side, never averaged; reports months apart are not "
           "joined. Figures that count no people (a population, ambulances) are left out. "
           "Diplomat and visit-status filters do not apply here; a country matches when its "
           "name is in the report's place.")

left, right = st.columns([3, 2])
filters.url_multi("metric", list(queries.METRICS))
with left:
    chosen = st.multiselect(
        "Figures", options=list(queries.METRICS), key="metric",
        placeholder=f"All figures ({', '.join(queries.METRICS)})",
    )
filters.sync_url("metric", chosen)
metrics = list(chosen)

places = queries.casualty_places(con, f, metrics=metrics)
counts = dict(zip(places["place"], places["reports"], strict=True))
options = list(counts) + [ALL_PLACES]
# One crisis at a time by default: the place of the series with the most reports.
first = builders.default_place(places)
filters.url_choice("place", options, first if first in counts else options[0])
with right:
    place = st.selectbox(
        "Place", options=options, key="place",
        format_func=lambda p: (f"All places, one panel each ({sum(counts.values())} reports)"
                               if p == ALL_PLACES
                               else f"{p or 'No place named'} ({counts.get(p, 0)} reports)"),
        help="Where the figures are about. Reports of unrelated crises are best read apart; "
        "'All places' draws one small panel per place.",
    )
filters.sync_url("place", place)

built = builders.casualties_view(con, f, metrics=metrics,
                                 place=ALL_PLACES if place is None else place)
rows = built.frame
if rows.empty:
    st.info(md(filters.explain_empty_choice(
        "casualty reports", f,
        lambda ff, chosen: int(len(queries.casualty_rows(con, ff, metrics=chosen, cap=1))),
        metrics, "the figure choice", "clear the figures")))
    st.stop()

if built.headline:
    st.markdown(f"**{md(built.headline)}**")
st.plotly_chart(built.figure, theme=None, key="casualty_chart", config={"displaylogo": False})
st.download_button(
    "Download slide (PNG)", key="casualty_slide", file_name="shuttle-casualties.png",
    mime="image/png", on_click="ignore",
    help="This timeline as a 1920x1080 slide: title with the filters, chart, source line.",
    data=export.deferred_png(export.slide_of, built),
)

st.subheader("Reports and the sentences behind them")
# Every report under these choices, newest first, a page at a time (the chart draws the
# newest of them); the sentences of the page's reports only are read.
page = paging.control("reports", int(rows["total_rows"].iloc[0]), noun="reports",
                      scope=(f, tuple(metrics), place))
place_filter = [] if built.options["by_place"] else [built.options["place"]]
shown = queries.casualty_page(con, f, metrics=metrics, places=place_filter, limit=page.size,
                              offset=page.offset)
st.dataframe(
    tables.casualty_table(shown), hide_index=True, key="casualty_table",
    column_config={"Evidence": st.column_config.TextColumn(width="large")},
)
