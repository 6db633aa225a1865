"""Corrections: the audit trail of analyst corrections (who changed what, when and why, the
fact before and after), what the last build made of each, withdrawing one, and the orphaned
and lapsed ones."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from etl import corrections as cx
from ui import audit, correction_forms, db, queries
from ui.escape import md

con = db.connection()
path = cx.corrections_path()
user = correction_forms.user_name()

st.title("Corrections")
st.caption(md(f"Analyst corrections of the extracted facts, kept in {path} and applied by "
              "every build. Verify, reject or edit facts on the Review page, or open an "
              "article on the Sources page; python -m etl correct does the same. Nothing is "
              "ever deleted: a withdrawal is a correction of its own."))

lines, problems = cx.read_corrections(path)
for problem in problems:
    st.warning(md(problem))

try:
    built = {i: (s, d) for i, s, d, _ in
             queries.correction_outcomes(con).itertuples(index=False, name=None)}
    orphaned = queries.corrections_orphaned(con)
except duckdb.Error:
    built, orphaned = {}, None
    st.info("This database was built before corrections existed: rebuild it "
            "(python -m etl build) to apply them and see their outcome here.")

gone = cx.withdrawn_by(lines)
by_id = {c.id: c for c in lines}
newest_first = list(reversed(lines))
records = []
for c in newest_first:
    before, after = audit.before_after(c, by_id)
    status, detail = audit.state_now(c, built, gone)
    records.append({
        "When (UTC)": c.created_at.replace("T", " ").removesuffix("+00:00"),
        "Who": c.user, "Action": c.action, "Fact": cx.fact_words(c), "Before": before,
        "After": after, "Why": c.reason, "Status": status, "Outcome": detail,
        "Article": c.article_id, "Id": c.id,
    })
rows = pd.DataFrame(records)

if rows.empty:
    st.info("No corrections yet. Review the facts on the Review page, or open an article on "
            "the Sources page to correct one.")
    st.stop()

counts = rows["Status"].value_counts()
st.subheader(md(f"{len(rows)} correction{'s' if len(rows) != 1 else ''}, newest first"))
st.caption(md(f"{counts.get('applied', 0)} applied, {counts.get('orphaned', 0)} orphaned, "
              f"{counts.get('lapsed', 0)} lapsed, {counts.get('withdrawn', 0)} withdrawn, "
              f"{counts.get('pending', 0)} waiting for the next build. Click a row to see it "
              "whole and to withdraw it."))


def _picked_row() -> None:
    """A row clicked in the table picks that correction below."""
    chosen = st.session_state.get("corrections_table")
    picked = chosen.selection.rows if chosen else []
    if picked:
        st.session_state["withdraw_pick"] = str(rows["Id"].iloc[picked[0]])


st.dataframe(rows, hide_index=True, key="corrections_table", on_select=_picked_row,
             selection_mode="single-row",
             column_config={"Why": st.column_config.TextColumn(width="medium"),
                            "Before": st.column_config.TextColumn(width="medium"),
                            "After": st.column_config.TextColumn(width="medium")})

st.subheader("Withdraw a correction")
if st.session_state.get("withdraw_pick") not in by_id:
    st.session_state["withdraw_pick"] = None
picked = st.selectbox(
    "Correction", [c.id for c in newest_first], key="withdraw_pick", index=None,
    placeholder="Click its row in the table above, or choose its id",
    format_func=lambda i: f"{i} · {by_id[i].action} · {cx.fact_words(by_id[i])} · "
                          f"{by_id[i].user}, {by_id[i].created_at[:16].replace('T', ' ')}")
if picked is None:
    st.caption("Withdrawing takes the correction back at the next build: a withdrawn reject "
               "brings its fact back, a withdrawn verification makes it unreviewed again.")
else:
    c = by_id[picked]
    before, after = audit.before_after(c, by_id)
    st.markdown(md(f"{c.action} of {cx.fact_words(c)} in {c.article_id}, by {c.user} "
                   f"({c.reason})"))
    st.caption(md(f"Sentence: {c.evidence}"))
    st.markdown(md(f"Before: {before}") + "  \n" + md(f"After: {after}"))
    if picked in gone:
        st.info(md(f"Already withdrawn by {gone[picked].id} ({gone[picked].user}: "
                   f"{gone[picked].reason}). Withdraw that withdrawal to put it back."))
    else:
        reason = st.text_input("Why withdraw it", key="withdraw_reason",
                               placeholder="e.g. I rejected the wrong fact")
        if st.button("Withdraw this correction", key="withdraw_save", type="primary"):
            try:
                withdrawal = cx.withdrawal_of(picked, reason, user, path)
                cx.append_correction(withdrawal, path)
            except (cx.CorrectionError, OSError) as err:
                st.error(md(f"Not withdrawn: {err}"))
            else:
                st.success(md(f"Withdrawn by correction {withdrawal.id}; the next build "
                              "leaves it out."))

st.subheader("Orphaned and lapsed corrections")
lapsed = rows[rows["Status"] == "lapsed"]
if (orphaned is None or orphaned.empty) and lapsed.empty:
    st.caption("None: every correction found its fact in the last build.")
if orphaned is not None and not orphaned.empty:
    st.caption("Their target is gone (the article, its evidence sentence or the fact). "
               "They stay in the file and apply again if the fact comes back; withdraw one "
               "to take it back for good.")
    st.dataframe(
        orphaned.rename(columns={"id": "Id", "created_at": "When (UTC)", "user_name": "Who",
                                 "action": "Action", "fact_type": "Fact",
                                 "article_id": "Article", "why": "Why orphaned",
                                 "reason": "Reason", "evidence": "Evidence"}),
        hide_index=True, key="orphaned_table",
    )
if not lapsed.empty:
    st.caption("Verifications whose sentence or fact changed since: their facts are "
               "unreviewed again and back in the Review queue.")
    st.dataframe(lapsed[["When (UTC)", "Who", "Fact", "Outcome", "Article", "Id"]],
                 hide_index=True, key="lapsed_table")
