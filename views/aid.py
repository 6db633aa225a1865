"""Aid: amounts committed by donor (or to recipient) and status, in USD beside the original."""

from __future__ import annotations

import streamlit as st

from ui import builders, charts, db, export, filters, queries, tables
from ui.escape import md

f = filters.current()
con = db.connection()

st.title("Aid")
st.caption("Diplomat and visit-status filters do not apply to aid. Amounts are converted to "
           "USD at the European Central Bank rate of the commitment's date; the original "
           "amount and currency are kept beside it.")

left, right = st.columns([3, 1])
filters.url_multi("aid_status", list(queries.AID_STATUSES))
filters.url_choice("aid_by", ["donor", "recipient"], "donor")
with left:
    chosen = st.multiselect(
        "Aid status", options=list(queries.AID_STATUSES), key="aid_status",
        placeholder="All aid statuses",
        help="Requested, proposed (before a legislature), authorized (passed), pledged or "
        "announced (committed), delivered (sent).",
    )
with right:
    by = st.radio("Group by", options=["donor", "recipient"], key="aid_by", horizontal=True)
filters.sync_url("aid_status", chosen)
filters.sync_url("aid_by", by, default="donor")
statuses = list(chosen)
status_text = filters.and_list(statuses, word="or") or "all statuses"
scope = f.describe("years", "countries", "outlets")

built = builders.aid_view(con, f, statuses=statuses, by=by)
rows = built.rows
if rows.empty:
    st.info(md(filters.explain_empty_choice(
        "aid commitments", f,
        lambda ff, chosen: int(len(queries.aid_rows(con, ff, statuses=chosen, cap=1))),
        statuses, "the aid status choice", "clear the aid statuses")))
    st.stop()

n_articles = int(rows["articles_total"].iloc[0])
total = int(rows["total_rows"].iloc[0])

if built.figure is not None:
    st.plotly_chart(built.figure, theme=None, key="aid_bars", config={"displaylogo": False})
    st.download_button(
        "Download slide (PNG)", key="aid_slide", file_name="shuttle-aid.png",
        mime="image/png", on_click="ignore",
        help="These bars as a 1920x1080 slide: title with the filters, chart, source line.",
        data=export.deferred_png(export.slide_of, built),
    )
else:
    st.info(md("None of these commitments has a USD amount (no ECB rate for their "
               "currencies); see the table below."))

dated = rows[rows["usd"].notna()]
if not dated.empty:
    timeline = dated.rename(columns={"day_lo": "date_day"}).assign(date=dated["day_lo"])
    totals_note = ("Open diamonds are stated running totals, never added to the commitments "
                   "they include" if bool(dated["is_total"].any()) else "")
    st.plotly_chart(
        charts.aid_timeline(timeline, title=f"Aid commitments over time, {scope}, "
                            f"{status_text}, USD", n_articles=n_articles, note=totals_note),
        theme=None, key="aid_timeline", config={"displaylogo": False},
    )

st.subheader("Commitments and the sentences behind them")
if total > len(rows):
    st.caption(f"Showing the {len(rows):,} largest of {total:,} commitments.")
st.dataframe(
    tables.aid_table(rows), hide_index=True, key="aid_table",
    column_config={"Evidence": st.column_config.TextColumn(width="large")},
)
