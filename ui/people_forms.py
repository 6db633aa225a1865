"""The who-is-who sections of the People page: a person's offices over time (registry,
learned from an article with its sentence, or added by an analyst) and the forms that fix
who is who (merge, split, alias, add or end an office). Nothing is chosen for the analyst:
every choice starts empty. Each form writes one line to the corrections file
(etl/corrections/people.py); the next build applies it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from etl import corrections as cx
from etl.places import country_display_names
from etl.registry_io import ORGANISATIONS
from ui import audit, queries, who_is_who
from ui.escape import md

_EARLIEST = date(1900, 1, 1)


def offices_section(con: duckdb.DuckDBPyConnection, person: str,
                    aliases: list[str]) -> pd.DataFrame:
    """The person's other spellings, and the table of their offices with the sentence
    behind each observed one. Returns the offices (the End-an-office form offers them)."""
    offices = queries.person_offices(con, person)
    st.subheader(md(f"Offices of {person} over time"))
    st.caption(md("Also written: " + ("; ".join(aliases) if aliases else
                                      "no other spelling known")))
    if offices.empty:
        st.info(md(f"No office of {person} is known: not in the registry "
                   "(data/reference/roles.csv), not given by any article, not added by an "
                   "analyst. Add one below."))
        return offices
    table = who_is_who.offices_table(offices)
    st.dataframe(table.drop(columns=["Sentence"]), hide_index=True, key="offices_table",
                 column_config={
                     "Office": st.column_config.TextColumn(width="medium"),
                     **{c: st.column_config.TextColumn(width="small")
                        for c in ("Country", "From", "To", "Source")},
                     "Article": st.column_config.TextColumn(width="large")})
    st.caption("Source: Registry = data/reference/roles.csv; Article = learned from an "
               "article (held from its first to its last mention, until a successor is "
               "named), its sentence below; Analyst = an office correction. To = in office: "
               "no end known.")
    for line in who_is_who.evidence_lines(table):
        st.markdown(md(line))
    return offices


def _country_options() -> list[str]:
    names = country_display_names()
    codes = sorted(names, key=lambda c: names[c]) + sorted(ORGANISATIONS)
    return codes


def _country_label(code: str) -> str:
    name = country_display_names().get(code)
    return f"{name} ({code})" if name else code


def _details(action: str, person: str, people: list[str],
             offices: pd.DataFrame) -> tuple[str, dict[str, str | None]]:
    """The widgets of one action; (the name the correction is about, its details)."""
    if action == "merge":
        other = st.selectbox("The other name", who_is_who.merge_candidates(person, people),
                             index=None, key="who_merge_other",
                             placeholder="Type or choose the name that is this same person")
        keep = None
        if other:
            keep = st.radio("Keep the name", [person, other], index=None,
                            key="who_merge_keep", horizontal=True)
        st.caption("The facts and offices of the name not kept go to the kept one; it is "
                   "listed as an alias.")
        return who_is_who.merge_of(person, other, keep) if other and keep else (person, {})
    if action == "split":
        apart = st.text_input("Name to keep apart", key="who_split_apart",
                              placeholder="e.g. the other person's full name")
        st.caption(md(f"Facts of {person} whose sentence writes that name, and not "
                      f"{person}, go back to it; no rule folds the two together again."))
        return person, {"apart": apart}
    if action == "alias":
        alias = st.text_input("Other spelling", key="who_alias",
                              placeholder="e.g. a transliteration or a short form")
        st.caption("Facts naming that spelling are given to this person.")
        return person, {"alias": alias}
    if action == "office":
        left, middle = st.columns(2)
        with left:
            title = st.text_input("Title", key="who_office_title",
                                  placeholder="e.g. Foreign Minister")
            start = st.date_input("From", value=None, min_value=_EARLIEST,
                                  key="who_office_start", format="YYYY-MM-DD")
        with middle:
            country = st.selectbox("Country or organisation", _country_options(),
                                   index=None, format_func=_country_label,
                                   key="who_office_country", placeholder="Choose one")
            end = st.date_input("To (leave empty while in office)", value=None,
                                min_value=_EARLIEST, key="who_office_end",
                                format="YYYY-MM-DD")
        return person, {"title": title, "country": country, "start": who_is_who.iso(start),
                        "end": who_is_who.iso(end)}
    rows = offices.to_dict("records")
    if not rows:
        st.info("This person has no office to end.")
        return person, {}
    picked = st.selectbox("Office", list(range(len(rows))), index=None, key="who_end_pick",
                          format_func=lambda i: who_is_who.office_choice(rows[i]),
                          placeholder="Choose the office that ended")
    end = st.date_input("Ended on", value=None, min_value=_EARLIEST, key="who_end_day",
                        format="YYYY-MM-DD")
    if picked is None:
        return person, {"end": who_is_who.iso(end)}
    row = rows[picked]
    return person, {"title": row["title"], "country": row["country"],
                    "end": who_is_who.iso(end)}


def forms_section(person: str, people: list[str], offices: pd.DataFrame, user: str,
                  path: Path) -> None:
    """The who-is-who correction forms for one person."""
    st.subheader("Fix who is who")
    st.caption(md("Each fix is a correction in " + str(path) + ", with your name and reason; "
                  "the next build (python -m etl build) applies it, and every build after. "
                  "Withdraw one on the Corrections page."))
    action = st.selectbox("What to fix", list(who_is_who.ACTIONS), index=None,
                          format_func=who_is_who.ACTIONS.get, key="who_action",
                          placeholder="Choose a correction")
    if action is None:
        return
    name, details = _details(action, person, people, offices)
    reason = st.text_input("Reason", key=f"who_reason_{action}",
                           placeholder="e.g. the ministry's list of office holders")
    if st.button("Save the correction", key="who_save", type="primary"):
        details = {k: v for k, v in details.items() if v}
        try:
            line = cx.new_person_correction(action, name, details, reason, user)
            cx.append_correction(line, path)
        except (cx.CorrectionError, OSError) as err:
            st.error(md(f"Not saved: {err}"))
        else:
            st.success(md(f"Saved correction {line.id}: {cx.fact_words(line)}. The next "
                          "build applies it."))


def history_section(con: duckdb.DuckDBPyConnection, person: str, path: Path) -> None:
    """The person corrections that name this person, newest first, with their state."""
    lines, _ = cx.read_corrections(path)
    mine = who_is_who.about(person, lines)
    if not mine:
        return
    try:
        built = {i: (s, d) for i, s, d, _ in
                 queries.correction_outcomes(con).itertuples(index=False, name=None)}
    except duckdb.Error:
        built = {}
    gone = cx.withdrawn_by(lines)
    rows = []
    for c in mine:
        status, detail = audit.state_now(c, built, gone)
        rows.append({"When (UTC)": c.created_at.replace("T", " ").removesuffix("+00:00"),
                     "Who": c.user, "Action": c.action, "What": cx.fact_words(c),
                     "Why": c.reason, "Status": status, "Outcome": detail, "Id": c.id})
    st.subheader(md(f"Who-is-who corrections naming {person}"))
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="person_corrections_table")


def render(con: duckdb.DuckDBPyConnection, person: str) -> None:
    """Every who-is-who section of the People page for one person."""
    from ui.correction_forms import user_name

    path = cx.corrections_path()
    people = queries.people_names(con)
    aliases = people.loc[people["name"] == person, "aliases"]
    offices = offices_section(con, person, list(aliases.iloc[0]) if len(aliases) else [])
    forms_section(person, people["name"].tolist(), offices, user_name(), path)
    history_section(con, person, path)
