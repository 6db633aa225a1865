"""Review: the week's (or the filters') unreviewed facts, the least sure first, one at a time,
each verified, rejected or edited with one key or click; the progress through them, the
corrections waiting for the next build (each can be withdrawn) and the verifications that
lapsed."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import streamlit as st

from etl import corrections as cx
from ui import correction_forms, db, filters, queries, review, review_card
from ui.escape import md, shorten
from ui.marks import format_when

ALL_WEEKS = "all"
NEXT_ROWS = 12

f = filters.current()
con = db.connection()
path = cx.corrections_path()
user = correction_forms.user_name()

st.title("Review")
st.caption(md(
    "The least sure facts first. Read the highlighted sentence, then verify (V), reject (X), "
    f"edit (E) or skip (S). Each action is saved as a correction by {user} and applied by the "
    "next build (python -m etl build); withdraw any below or on the Corrections page. The "
    "sidebar's diplomat, country, status and outlet filters narrow the queue."))

if f.verified_only:
    st.caption("“Verified facts only” does not narrow the queue: it lists the facts still to "
               "review.")

try:
    week_rows = review.weeks(con)
    built = {i: s for i, s, _, _ in
             queries.correction_outcomes(con).itertuples(index=False, name=None)}
except duckdb.Error:
    st.info("This database was built before review states existed: rebuild it "
            "(python -m etl build) to review its facts.")
    st.stop()

labels = {w.isoformat(): w for w in (pd.Timestamp(x).date() for x in week_rows["week"])}
counts = dict(zip(labels, week_rows["facts"], strict=True))
options = [*labels, ALL_WEEKS]
newest = options[0]
filters.url_choice("week", options, newest)
scope, progress = st.columns([2, 3], vertical_alignment="bottom")
with scope:
    choice = st.selectbox(
        "Facts from", options, key="week",
        format_func=lambda w: (f"All weeks, {f.years_text()}" if w == ALL_WEEKS else
                               f"Week of {format_when(labels[w], 'day')} "
                               f"({counts.get(w, 0)} facts)"),
        help="A week runs Monday to Sunday by the articles' publication day. All weeks "
        "takes the sidebar's year range instead.")
filters.sync_url("week", choice, default=newest)
week: date | None = labels.get(choice)

lines, problems = cx.read_corrections(path)
for problem in problems:
    st.warning(md(problem))
queue = review.build_queue(con, f, week, lines, built, skipped=review_card.skipped())
with progress:
    st.progress(queue.reviewed / queue.total if queue.total else 1.0,
                text=md(queue.progress_text()
                        + (f" · {len(queue.open):,} to go" if queue.total else "")))
if queue.capped:
    st.caption(f"The queue holds the first {len(queue.facts):,} facts of this scope: narrow "
               "the filters to see the rest.")
review_card.message()

if queue.total == 0:
    st.info(md("No facts in this scope: choose another week, or widen the sidebar filters."))
elif queue.open.empty:
    st.success(md(f"Every fact of this scope is reviewed ({queue.progress_text()})."))
else:
    current = queue.open.iloc[0].to_dict()
    review_card.card(con, current, user)
    later = queue.open.iloc[1:NEXT_ROWS + 1]
    if not later.empty:
        st.subheader("Next in the queue")
        st.dataframe(pd.DataFrame({
            "Confidence": [review.plain(c) for c in later["confidence"]],
            "Fact": [review_card.fact_line(r) for r in later.to_dict("records")],
            "Sentence": [shorten(e, 140) for e in later["evidence"]],
            "Article": list(later["title"]),
        }), hide_index=True, key="review_next",
            column_config={"Confidence": st.column_config.NumberColumn(format="%.2f"),
                           "Sentence": st.column_config.TextColumn(width="large")})

st.subheader("Waiting for the next build")
review_card.waiting(lines, queue.pending, user)

lapsed = review.lapsed(con)
if not lapsed.empty:
    st.subheader("Verifications that lapsed")
    st.caption("Their sentence or a field changed since they were verified, so the facts are "
               "unreviewed again and back in the queue.")
    st.dataframe(lapsed.rename(columns={
        "id": "Id", "created_at": "Verified (UTC)", "user_name": "By", "fact_type": "Fact",
        "article_id": "Article", "title": "Title", "detail": "Why", "evidence": "Sentence"}),
        hide_index=True, key="review_lapsed")
