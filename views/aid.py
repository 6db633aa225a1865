"""Aid: money committed and delivered by donor (or to recipient), each package counted once."""

from __future__ import annotations

import streamlit as st

from ui import builders, charts, db, export, filters, paging, queries, tables
from ui.escape import md

f = filters.current()
con = db.connection()

st.title("Aid")
st.caption(
    "A package is one commitment followed through its stages (requested, proposed, "
    "authorized, pledged or announced, delivered) and is counted once, at the furthest stage "
    "it reached. Reports of one donor and recipient whose amounts agree within 2.5 % (the "
    "press rounds: 61 bn, 60.84 bn and 61.4 bn are one bill) and whose dates fit one pipeline "
    "are one package; tranches and parts sit inside their package and move what was "
    "delivered; stated totals (\"brings the total to\") and rates (\"a month\") are listed "
    "apart and never added. USD at the European Central Bank rate of the figure's date, the "
    "original amount beside it. Diplomat and visit-status filters do not apply to aid.")

left, right = st.columns([3, 1])
filters.url_multi("aid_status", list(queries.AID_STATUSES))
filters.url_choice("aid_by", ["donor", "recipient"], "donor")
with left:
    chosen = st.multiselect(
        "Furthest stage", options=list(queries.AID_STATUSES), key="aid_status",
        placeholder="All stages",
        help="The packages that got this far and no further: requested, proposed (before a "
        "legislature), authorized (passed), pledged or announced (committed), delivered (some "
        "or all of it paid). Each package is at one stage, so no choice counts one twice.",
    )
with right:
    by = st.radio("Group by", options=["donor", "recipient"], key="aid_by", horizontal=True)
filters.sync_url("aid_status", chosen)
filters.sync_url("aid_by", by, default="donor")
statuses = list(chosen)
status_text = filters.and_list(statuses, word="or") or "all stages"
scope = f.describe("years", "countries", "outlets")

built = builders.aid_view(con, f, statuses=statuses, by=by)
rows = built.rows
if rows.empty:
    st.info(md(filters.explain_empty_choice(
        "aid packages", f,
        lambda ff, chosen: int(len(queries.aid_rows(con, ff, statuses=chosen, cap=1))),
        statuses, "the stage choice", "clear the stages")))
    st.stop()

n_articles = int(rows["articles_total"].iloc[0])
total = int(rows["total_rows"].iloc[0])

if built.headline:
    st.markdown(f"**{md(built.headline)}**")
if built.figure is not None:
    st.plotly_chart(built.figure, theme=None, key="aid_bars", config={"displaylogo": False})
    st.download_button(
        "Download slide (PNG)", key="aid_slide", file_name="shuttle-aid.png",
        mime="image/png", on_click="ignore",
        help="These bars as a 1920x1080 slide: title with the filters, chart, source line.",
        data=export.deferred_png(export.slide_of, built),
    )
else:
    st.info(md("None of these packages has a USD amount from a named party (no ECB rate for "
               "their currencies, or no donor named); see the tables below."))

dated = rows[rows["usd"].notna() & rows["stage_day"].notna()]
if not dated.empty:
    timeline = dated.assign(date=dated["stage_day"], first=dated["day_lo"],
                            last=dated["day_hi"])
    st.plotly_chart(
        charts.aid_timeline(timeline, title=builders.trust_title(
            f, f"Aid packages over time, {scope}, {status_text}, USD"), n_articles=n_articles),
        theme=None, key="aid_timeline", config={"displaylogo": False},
    )
    if total > len(rows):
        st.caption(f"The {len(rows):,} largest of {total:,} packages over time; the tables "
                   "below list them all.")

# The packages behind the bars, then those of an unnamed party, each table a page at a time:
# the sentences and stage histories of the page's packages only are read.
named_total = int(rows["named_rows"].iloc[0])
tables_of = [(True, named_total, "Packages, their stages and the sentences behind them"),
             (False, total - named_total, f"Packages of an unnamed {by}, for review")]
for named, count, heading in tables_of:
    if not count:
        continue
    st.subheader(md(heading))
    if not named:
        st.caption(md(f"The articles name no {by} for these; they are not in the bars or the "
                      "headline."))
    key = "aid_table" if named else "aid_unnamed"
    page = paging.control(key, count, noun="packages", scope=(f, tuple(statuses), by))
    shown = queries.aid_page(con, f, statuses=statuses, by=by, named=named,
                             limit=page.size, offset=page.offset)
    st.dataframe(
        tables.aid_table(shown), hide_index=True, key=key,
        column_config={"Evidence": st.column_config.TextColumn(width="large"),
                       "Stages": st.column_config.TextColumn(width="medium")},
    )
apart = queries.aid_apart(con, f, statuses=statuses)
if not apart.empty:
    st.subheader("Stated totals and rates, never added")
    st.caption("Running totals (\"brings the total to\", \"since the start of the war\") and "
               "rates (\"a month\") that are no package's own figure.")
    st.dataframe(tables.apart_table(apart), hide_index=True, key="aid_apart",
                 column_config={"Evidence": st.column_config.TextColumn(width="large")})
