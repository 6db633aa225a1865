"""Casualties: reported figures over time, one line per metric and reporting source."""

from __future__ import annotations

import dataclasses

import streamlit as st

from ui import charts, db, filters, queries, tables
from ui.escape import md

f = filters.current()
con = db.connection()

st.title("Casualties")
st.caption("Each marker is one report. Competing figures stay side by side, one line per "
           "reporting source, never averaged. Diplomat and visit-status filters do not apply "
           "here; a country matches when its name is in the report's place.")

filters.url_multi("metric", list(queries.METRICS))
chosen = st.multiselect(
    "Figures", options=list(queries.METRICS), key="metric",
    placeholder="All figures (killed, wounded, displaced, missing, captured)",
)
filters.sync_url("metric", chosen)
metrics = list(chosen)
metric_text = filters.and_list(metrics, word="and") or "all figures"

rows = queries.casualty_rows(con, f, metrics=metrics)
if rows.empty:
    def count(ff: filters.Filters) -> int:
        return int(len(queries.casualty_rows(con, ff, metrics=metrics, cap=1)))

    extra = []
    if metrics:
        extra.append(("the figure choice",
                      lambda: int(len(queries.casualty_rows(con, f, metrics=[], cap=1))),
                      "clear the figures"))
    plain = dataclasses.replace(f, diplomats=(), statuses=())
    st.info(md(filters.explain_empty("casualty reports", plain, count, extra)))
    st.stop()

n_articles = int(rows["articles_total"].iloc[0])
total = int(rows["total_rows"].iloc[0])
note = f"the {len(rows):,} latest of {total:,} reports" if total > len(rows) else ""
scope = f.describe("years", "countries", "outlets")
title = f"Casualty figures by reporting source, {scope}, {metric_text}, people"
st.plotly_chart(
    charts.casualty_timeline(rows, title=title, n_articles=n_articles, note=note),
    theme=None, key="casualty_chart", config={"displaylogo": False},
)

st.subheader("Reports and the sentences behind them")
st.dataframe(
    tables.casualty_table(rows), hide_index=True, key="casualty_table",
    column_config={"Evidence": st.column_config.TextColumn(width="large")},
)
