"""The review queue's pieces on the page: the card of the fact under review (its sentence
highlighted in context, the article, the confidence and why) with its actions on one key or
click each, the edit form, and the lines waiting for the next build with a withdraw button
each. Every action appends a line to the corrections file (etl/corrections)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import streamlit as st

from etl import corrections as cx
from etl.corrections.cli import VERIFY_REASON
from etl.facts import date_precision
from ui import correction_forms, review
from ui.escape import highlight, md, shorten
from ui.marks import format_when, place_label

REJECT_REASON = "the sentence does not say this"
WITHDRAW_REASON = "taken back in the review queue"
KIND = {"visit": "Visit", "meeting": "Meeting", "aid": "Aid", "casualty": "Casualty figure"}
_MESSAGE = "review_message"
_EDITING = "review_editing"
_SKIPPED = "review_skipped"


def skipped() -> list[str]:
    """The mention ids skipped in this session: they go to the end of the queue."""
    return list(st.session_state.get(_SKIPPED, []))


def _say(kind: str, text: str) -> None:
    st.session_state[_MESSAGE] = (kind, text)


def message() -> None:
    """The outcome of the last action, once."""
    said = st.session_state.pop(_MESSAGE, None)
    if said:
        getattr(st, said[0])(md(said[1]))


def _save(con: duckdb.DuckDBPyConnection, action: str, mention_id: str, reason: str,
          user: str, changes: dict[str, Any] | None = None) -> bool:
    try:
        correction = cx.correction_of_mention(con, action, mention_id, reason, user, changes)
        cx.append_correction(correction)
    except (cx.CorrectionError, OSError, duckdb.Error) as err:
        _say("error", f"Not saved: {err}")
        return False
    done = {"verify": "Verified", "reject": "Rejected", "edit": "Corrected"}[action]
    _say("success", f"{done}: {cx.fact_words(correction)} (correction {correction.id}, "
                    "applied by the next build).")
    return True


def _act(con: duckdb.DuckDBPyConnection, action: str, mention_id: str, user: str) -> None:
    """A button's callback: verify or reject the fact, or open its edit form, or skip it."""
    typed = " ".join(str(st.session_state.get("review_reason") or "").split())
    if action == "edit":
        st.session_state[_EDITING] = mention_id
        return
    if action == "skip":
        st.session_state[_SKIPPED] = [*skipped(), mention_id]
        return
    default = VERIFY_REASON if action == "verify" else REJECT_REASON
    if _save(con, action, mention_id, typed or default, user):
        st.session_state["review_reason"] = ""


def fact_line(row: dict) -> str:
    """The fact in words for a card or a list: what, where, status and date.

    >>> fact_line({"fact_type": "visit", "summary": "x", "actor": "Ana Diaz", "place": "Lima",
    ...            "country": "PE", "status": "planned", "date": "2024-01"})
    'Visit · Ana Diaz in Lima, Peru · planned · Jan 2024'
    """
    kind = row["fact_type"]
    said = str(row["summary"])
    place = place_label(review.plain(row.get("place")), review.plain(row.get("country")))
    if kind == "visit":
        said = f"{row['actor']} in {place}"
    elif kind == "meeting" and review.plain(row.get("country")):
        said = said.split(" meet", 1)[0] + f" meet in {place}"
    day = review.plain(row.get("date"))
    parts = [KIND.get(kind, kind), said, review.plain(row.get("status")),
             format_when(day, date_precision(day)) if day else None]
    return " · ".join(str(p) for p in parts if p)


def confidence_text(confidence: float | None) -> str:
    """The confidence as the card's badge says it.

    >>> confidence_text(0.534), confidence_text(None)
    ('confidence 0.53', 'no confidence: added by an analyst')
    """
    return ("no confidence: added by an analyst" if confidence is None
            else f"confidence {confidence:.2f}")


def card(con: duckdb.DuckDBPyConnection, row: dict, user: str) -> None:
    """The fact under review: what it says, its sentence in context, the article, how sure
    the extractor is and why; beside it the actions."""
    mention_id = str(row["mention_id"])
    with st.container(border=True, key="review_card"):
        left, right = st.columns([5, 2], gap="large")
        with left:
            confidence = review.plain(row.get("confidence"))
            level = -1.0 if confidence is None else float(confidence)
            # a badge red under 0.6, orange under 0.8, green from 0.8, grey when none
            st.markdown(f"**{md(fact_line(row))}** &nbsp; :"
                        + ("gray" if level < 0 else "red" if level < 0.6
                           else "orange" if level < 0.8 else "green")
                        + f"-badge[{md(confidence_text(confidence))}]")
            published = review.plain(row.get("published"))
            st.caption(md(" · ".join([
                f"“{row.get('title') or row['article_id']}”",
                str(review.plain(row.get("source")) or "unknown outlet"),
                format_when(published.date(), "day") if published
                else "publication date unknown"])))
            text, start = review.context(con, row)
            spans = [(int(row["evidence_start"]) - start, int(row["evidence_end"]) - start)]
            # highlight() escapes every piece of the article; the only markup is <mark> and
            # this wrapper
            st.html("<div class='review-sentence' style='font-size:18px;line-height:1.6;"
                    "border-left:4px solid #E69F00;padding:4px 0 4px 16px'>"
                    f"{highlight(text, spans)}</div><style>.review-sentence mark{{"
                    "background:#FCE8A6;padding:0 2px;border-radius:2px}</style>")
            reasons = review.plain(row.get("confidence_reasons")) or []
            st.caption(md(f"Fact {mention_id}. How it was found: "
                          + ("; ".join(str(r) for r in reasons) if reasons
                             else "no reasons recorded")))
        with right:
            if st.session_state.get(_EDITING) != mention_id:
                for action, label, key, kind in (
                    ("verify", "Verify", "V", "primary"), ("reject", "Reject", "X", "secondary"),
                    ("edit", "Edit…", "E", "secondary"), ("skip", "Skip for now", "S",
                                                           "secondary"),
                ):
                    st.button(label, key=f"review_{action}", type=kind, shortcut=key,
                              on_click=_act, args=(con, action, mention_id, user),
                              width="stretch")
                st.text_input("Reason (optional)", key="review_reason",
                              placeholder="e.g. a phone call, not a visit",
                              help=f"Kept with the correction. Left empty, a verification "
                              f"says “{VERIFY_REASON}”, a rejection “{REJECT_REASON}”.")
        if st.session_state.get(_EDITING) == mention_id:
            edit_form(con, mention_id, user)


def edit_form(con: duckdb.DuckDBPyConnection, mention_id: str, user: str) -> None:
    """The fields of the fact under review, to change and save as an edit."""
    try:
        kind, fact, _ = cx.mention_target(con, mention_id)
    except cx.CorrectionError as err:
        st.info(md(f"{err}: it was rebuilt meanwhile."))
        return
    st.markdown("**Edit the fact**: change what the sentence says otherwise, then save.")
    values = correction_forms.field_inputs(kind, f"review_fix_{mention_id}", fact)
    reason = st.text_input("Reason", key="review_edit_reason",
                           placeholder="Why, e.g. the meeting was by phone")
    save, cancel, _ = st.columns([1, 1, 6])
    with cancel:
        if st.button("Cancel", key="review_edit_cancel", shortcut="Esc"):
            st.session_state.pop(_EDITING, None)
            st.rerun()
    with save:
        if st.button("Save", key="review_edit_save", type="primary"):
            if _save(con, "edit", mention_id, reason, user, values):
                st.session_state.pop(_EDITING, None)
            st.rerun()


def _withdraw(line_id: str, user: str) -> None:
    try:
        withdrawal = cx.withdrawal_of(line_id, WITHDRAW_REASON, user)
        cx.append_correction(withdrawal)
    except (cx.CorrectionError, OSError) as err:
        _say("error", f"Not withdrawn: {err}")
        return
    _say("success", f"Withdrawn: correction {line_id} (by {withdrawal.id}; the next build "
                    "leaves it out).")


def waiting(lines: Sequence[cx.Correction], pending: Sequence[cx.Correction],
            user: str, *, limit: int = 15) -> None:
    """The lines the next build will apply, newest first, each with a withdraw button."""
    if not pending:
        st.caption("None: the last build applied every correction.")
        return
    gone = cx.withdrawn_by(lines)
    by_id = {c.id: c for c in lines}
    st.caption(md(f"{len(pending)} correction{'s' if len(pending) != 1 else ''} since the last "
                  "build. Run python -m etl build to apply them; until then the queue counts "
                  "them already."))
    for line in list(reversed(pending))[:limit]:
        text, button = st.columns([6, 1])
        what = (f"withdraws {line.withdraws} ({by_id[line.withdraws].action})"
                if line.action == "withdraw" and line.withdraws in by_id else line.action)
        with text:
            state = " · withdrawn" if line.id in gone else ""
            st.markdown(f"**{md(what)}** · {md(cx.fact_words(line))} · "
                        f"{md(shorten(line.reason, 80))} · {md(line.user)}{md(state)}")
        with button:
            if line.id not in gone:
                st.button("Withdraw", key=f"withdraw_{line.id}", on_click=_withdraw,
                          args=(line.id, user), help="Take this correction back (the "
                          "withdrawal is kept in the audit trail)")

