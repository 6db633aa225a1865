"""Correction forms for an open article: verify, reject or edit one of its facts, picked from
the row that shows its sentence (no fact is ever picked for the analyst), or add one the
extractor missed, each with a reason; the line goes to the corrections file
(etl/corrections/) and the next build applies it."""

from __future__ import annotations

from typing import Any

import duckdb
import streamlit as st

from etl import corrections as cx
from etl.facts import FACT_TYPES
from ui.escape import md, shorten


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


def fields_line(fact: dict[str, Any]) -> str:
    """A fact's type and set fields in one line ('visit: Antony Blinken, Tokyo, JP, ...')."""
    said = ", ".join(f"{v:,.0f}" if isinstance(v, float) else _shown(v)
                     for v in (fact.get(n) for n in FACT_TYPES[fact["type"]].editable)
                     if v not in (None, "", []))
    flag = " (corrected)" if fact.get("corrected") else ""
    return f"{fact['type']}: {said}{flag}"


def summary(fact: dict[str, Any]) -> str:
    """One line naming a fact: type, fields, status, start of the evidence."""
    return f"{fields_line(fact)} · “{shorten(fact.get('evidence'), 60)}”"


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


_PICKED = "correction_mention"
_ACTION = "correction_action"


def _pick(mention_id: str | None, action: str | None) -> None:
    st.session_state[_PICKED], st.session_state[_ACTION] = mention_id, action


def fact_rows(facts: list[dict[str, Any]]) -> None:
    """Every fact of the article on a row of its own, its sentence beside it, with the
    buttons that pick it: nothing is picked until the analyst clicks one."""
    for fact in facts:
        mention_id = fact["mention_id"]
        text, verify, reject, edit = st.columns([4, 1, 1, 1], vertical_alignment="center")
        with text:
            st.markdown(f"**{md(fields_line(fact))}**")
            st.caption(md(f"“{shorten(fact.get('evidence'), 240)}”"))
        for column, action, label in ((verify, "verify", "Verify"),
                                      (reject, "reject", "Reject"), (edit, "edit", "Edit")):
            with column:
                st.button(label, key=f"pick_{action}_{mention_id}", on_click=_pick,
                          args=(mention_id, action), width="stretch")


def render(con: duckdb.DuckDBPyConnection, article_id: str) -> None:
    """The correction forms for one article (under an expander on the Sources page)."""
    with st.expander("Correct the facts of this article", expanded=False):
        user = user_name()
        st.caption(md(f"Corrections are saved to {cx.corrections_path()} as {user} and "
                      "apply at the next build (python -m etl build); the Corrections page "
                      "lists them all, and withdraws any of them."))
        try:
            facts = cx.article_mentions(con, article_id)
        except duckdb.Error:
            st.info("This database predates corrections: rebuild it to correct facts.")
            return
        by_id = {f["mention_id"]: f for f in facts}
        if st.session_state.get(_PICKED) not in by_id:
            _pick(None, None)
        if facts:
            st.markdown("**Pick the fact** from the sentence it came from:")
            fact_rows(facts)
        else:
            st.info("No fact was extracted from this article: add one below.")
        adding = st.toggle("Add a fact the extractor missed", key="correction_adding")
        mention_id, action = st.session_state.get(_PICKED), st.session_state.get(_ACTION)
        if adding:
            _add_form(con, article_id, user)
        elif mention_id is not None:
            _fact_form(con, by_id[mention_id], action, user)


def _fact_form(con: duckdb.DuckDBPyConnection, fact: dict[str, Any], action: str,
               user: str) -> None:
    """Verify, reject or edit the picked fact, with a reason."""
    mention_id = fact["mention_id"]
    with st.container(border=True, key="correction_picked"):
        verb = {"verify": "Verify", "reject": "Reject", "edit": "Edit"}[action]
        st.markdown(f"**{md(verb)}**: {md(summary(fact))}")
        st.caption(md(f"Mention {mention_id}. Evidence: {fact['evidence']}"))
        changes: dict[str, Any] = {}
        if action == "edit":
            changes = field_inputs(fact["type"], f"fix_{mention_id}", fact)
        reason = st.text_input("Reason", key="correction_reason",
                               placeholder="Why, e.g. a phone call, not a visit")
        save, cancel, _ = st.columns([2, 1, 5])
        with cancel:
            st.button("Cancel", key="correction_cancel", on_click=_pick, args=(None, None))
        with save:
            clicked = st.button("Save the correction", key="correction_save", type="primary")
    if not clicked:
        return
    try:
        correction = cx.correction_of_mention(con, action, mention_id, reason, user,
                                              changes if action == "edit" else None)
        cx.append_correction(correction)
    except (cx.CorrectionError, OSError) as err:
        st.error(md(f"Not saved: {err}"))
        return
    st.success(md(f"Saved correction {cx.describe(correction)}. It applies at the next build."))


def _add_form(con: duckdb.DuckDBPyConnection, article_id: str, user: str) -> None:
    """A fact the extractor missed: its type, its evidence copied from the article, its
    fields and a reason."""
    kind = st.selectbox("Fact type", list(FACT_TYPES), key="correction_add_type")
    evidence = st.text_area(
        "Evidence, copied verbatim from the article", key="correction_evidence",
        help="The sentence or shortest span the fact rests on; it must occur in the "
        "article text, and is found again by its words after the text changes.")
    values = field_inputs(kind, f"fix_add_{kind}", {})
    reason = st.text_input("Reason", key="correction_add_reason",
                           placeholder="Why, e.g. the second stop of the trip")
    if not st.button("Save the fact", key="correction_add_save", type="primary"):
        return
    try:
        correction = cx.correction_of_addition(
            con, article_id, kind, evidence, {k: v for k, v in values.items() if v},
            reason, user)
        cx.append_correction(correction)
    except (cx.CorrectionError, OSError) as err:
        st.error(md(f"Not saved: {err}"))
        return
    st.success(md(f"Saved correction {cx.describe(correction)}. It applies at the next build."))
