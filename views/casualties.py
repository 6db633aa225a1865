"""Casualties: reported figures over time, one line per metric and reporting source."""

from __future__ import annotations

import streamlit as st

from ui import builders, db, export, filters, queries, tables
from ui.escape import md

ALL_PLACES = builders.ALL_PLACES

f = filters.current()
con = db.connection()

st.title("Casualties")
st.caption("Each marker is one report: ▲ at least or more than, ◆ about, ▼ up to, ● as "
           "stated. Competing figures stay side by side, one line per reporting source, never "
           "averaged; reports months apart are not joined. Diplomat and visit-status filters "
           "do not apply here; a country matches when its name is in the report's place.")

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
# One crisis at a time by default: the most reported place.
first = builders.default_place(places)
filters.url_choice("place", options, first if first in counts else options[0])
with right:
    place = st.selectbox(
        "Place", options=options, key="place",
        format_func=lambda p: (f"All places ({sum(counts.values())} reports)" if p == ALL_PLACES
                               else f"{p or 'No place named'} ({counts.get(p, 0)} reports)"),
        help="Where the figures are about. Reports of unrelated crises are best read apart.",
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

st.plotly_chart(built.figure, theme=None, key="casualty_chart", config={"displaylogo": False})
st.download_button(
    "Download slide (PNG)", key="casualty_slide", file_name="shuttle-casualties.png",
    mime="image/png", on_click="ignore",
    help="This timeline as a 1920x1080 slide: title with the filters, chart, source line.",
    data=export.deferred_png(export.slide_of, built),
)

st.subheader("Reports and the sentences behind them")
st.dataframe(
    tables.casualty_table(rows), hide_index=True, key="casualty_table",
    column_config={"Evidence": st.column_config.TextColumn(width="large")},
)
