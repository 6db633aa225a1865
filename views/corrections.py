"""Corrections: the audit trail of analyst corrections (who changed what, when and why),
what the last build made of each, and the orphaned ones whose target is gone."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import streamlit as st

from etl import corrections as cx
from ui import db, queries
from ui.escape import md

con = db.connection()
path = cx.corrections_path()

st.title("Corrections")
st.caption(md(f"Analyst corrections of the extracted facts, kept in {path} and applied by "
              "every build. Reject, edit or add facts from the Sources page (open an "
              "article) or with python -m etl correct."))

lines, problems = cx.read_corrections(path)
for problem in problems:
    st.warning(md(problem))

try:
    built = list(queries.correction_outcomes(con).itertuples(index=False, name=None))
    orphaned = queries.corrections_orphaned(con)
except duckdb.Error:
    built, orphaned = None, None
    st.info("This database was built before corrections existed: rebuild it "
            "(python -m etl build) to apply them and see their outcome here.")

outcome = {i: (s, d, n) for i, s, d, n in built or []}


def what(c: cx.Correction) -> str:
    """The change in words: the new values of an edit, the fields of an added fact."""
    if c.action == "edit":
        return "; ".join(f"{k} → {json.dumps(v, ensure_ascii=False)}"
                         for k, v in c.changes.items())
    if c.action == "add":
        return "; ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}"
                         for k, v in c.fact.items() if v is not None)
    return "removed"


rows = pd.DataFrame([{
    "When (UTC)": c.created_at.replace("T", " ").removesuffix("+00:00"),
    "Who": c.user,
    "Action": c.action,
    "Fact": cx.describe(c).split(" in ", 1)[0].split(" ", 2)[-1],
    "Change": what(c),
    "Why": c.reason,
    "Article": c.article_id,
    "Status": outcome.get(c.id, ("pending",))[0],
    "Outcome": outcome.get(c.id, (None, "not applied by a build yet"))[1],
    "Id": c.id,
} for c in reversed(lines)])

if rows.empty:
    st.info("No corrections yet. Open an article on the Sources page to make one.")
    st.stop()

counts = rows["Status"].value_counts()
st.subheader(md(f"{len(rows)} correction{'s' if len(rows) != 1 else ''}, newest first"))
st.caption(md(f"{counts.get('applied', 0)} applied, {counts.get('orphaned', 0)} orphaned, "
              f"{counts.get('pending', 0)} waiting for the next build."))
st.dataframe(rows, hide_index=True, key="corrections_table",
             column_config={"Why": st.column_config.TextColumn(width="large")})

st.subheader("Orphaned corrections")
if orphaned is None or orphaned.empty:
    st.caption("None: every correction found its fact in the last build.")
else:
    st.caption("Their target is gone (the article, its evidence sentence or the fact). "
               "They stay in the file and apply again if the fact comes back; delete the "
               "line to withdraw one.")
    st.dataframe(
        orphaned.rename(columns={"id": "Id", "created_at": "When (UTC)", "user_name": "Who",
                                 "action": "Action", "fact_type": "Fact",
                                 "article_id": "Article", "why": "Why orphaned",
                                 "reason": "Reason", "evidence": "Evidence"}),
        hide_index=True, key="orphaned_table",
    )
