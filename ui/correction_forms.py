"""Correction forms for an open article: reject or edit one of its facts, or add one the
extractor missed, each with a reason; the line goes to the corrections file
(etl/corrections/) and the next build applies it."""

from __future__ import annotations

from typing import Any

import duckdb
import streamlit as st

from etl import corrections as cx
from etl.facts import FACT_TYPES
from ui.escape import md, shorten

ACTIONS = {"reject": "Reject a fact", "edit": "Edit a fact", "add": "Add a missing fact"}


def user_name() -> str:
    """The analyst's name from the sidebar field, filled from $SHUTTLE_USER (or the login)."""
    if "correction_user" not in st.session_state:
        st.session_state["correction_user"] = cx.current_user()
    name = st.sidebar.text_input("Your name, for corrections", key="correction_user",
                                 help="Stored with every correction you make (audit trail).")
    return cx.current_user(name)


def _shown(value: Any) -> str:
    """A field value as the text a form field starts with."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def summary(fact: dict[str, Any]) -> str:
    """One line naming a fact in a picker: type, fields, status, start of the evidence."""
    said = ", ".join(f"{v:,.0f}" if isinstance(v, float) else _shown(v)
                     for v in (fact.get(n) for n in FACT_TYPES[fact["type"]].editable)
                     if v not in (None, "", []))
    flag = " (corrected)" if fact.get("corrected") else ""
    return f"{fact['type']}: {said}{flag} · “{shorten(fact.get('evidence'), 60)}”"


def field_inputs(kind: str, prefix: str, fact: dict[str, Any]) -> dict[str, str | None]:
    """One widget per field of the type, starting at the fact's values; returns their text."""
    values: dict[str, str | None] = {}
    columns = st.columns(3)
    for i, name in enumerate(FACT_TYPES[kind].editable):
        with columns[i % 3]:
            key = f"{prefix}_{name}"
            choices = FACT_TYPES[kind].accepted.get(name)
            if choices:
                options = list(choices) if name in FACT_TYPES[kind].required else ["", *choices]
                current = _shown(fact.get(name))
                values[name] = st.selectbox(
                    name, options, key=key,
                    index=options.index(current) if current in options else 0,
                    format_func=lambda o: o or "(none)")
            else:
                values[name] = st.text_input(name, value=_shown(fact.get(name)), key=key)
    return values


def render(con: duckdb.DuckDBPyConnection, article_id: str) -> None:
    """The correction forms for one article (under an expander on the Sources page)."""
    with st.expander("Correct the facts of this article", expanded=False):
        user = user_name()
        st.caption(md(f"Corrections are saved to {cx.corrections_path()} as {user} and "
                      "apply at the next build (python -m etl build); the Corrections page "
                      "lists them all."))
        action = st.radio("What to do", list(ACTIONS), format_func=ACTIONS.get,
                          key="correction_action", horizontal=True)
        try:
            facts = cx.article_mentions(con, article_id)
        except duckdb.Error:
            st.info("This database predates corrections: rebuild it to correct facts.")
            return
        changes: dict[str, Any] = {}
        if action in ("reject", "edit"):
            if not facts:
                st.info("No fact was extracted from this article: add one instead.")
                return
            by_id = {f["mention_id"]: f for f in facts}
            mention_id = st.selectbox("Fact", list(by_id), key="correction_mention",
                                      format_func=lambda m: summary(by_id[m]))
            fact = by_id[mention_id]
            st.caption(md(f"Mention {mention_id}. Evidence: {fact['evidence']}"))
            if action == "edit":
                changes = field_inputs(fact["type"], f"fix_{mention_id}", fact)
        else:
            kind = st.selectbox("Fact type", list(FACT_TYPES), key="correction_add_type")
            evidence = st.text_area(
                "Evidence, copied verbatim from the article", key="correction_evidence",
                help="The sentence or shortest span the fact rests on; it must occur in the "
                "article text, and is found again by its words after the text changes.")
            values = field_inputs(kind, f"fix_add_{kind}", {})
        reason = st.text_input("Reason", key="correction_reason",
                               placeholder="Why, e.g. a phone call, not a visit")
        if not st.button("Save the correction", key="correction_save", type="primary"):
            return
        try:
            if action == "add":
                correction = cx.correction_of_addition(
                    con, article_id, kind, evidence, {k: v for k, v in values.items() if v},
                    reason, user)
            else:
                correction = cx.correction_of_mention(con, action, mention_id, reason, user,
                                                      changes if action == "edit" else None)
            cx.append_correction(correction)
        except (cx.CorrectionError, OSError) as err:
            st.error(md(f"Not saved: {err}"))
            return
        st.success(md(f"Saved correction {cx.describe(correction)}. "
                      "It applies at the next build."))
