"""The review queue's data, without streamlit: the facts of a scope with the state each is in
now, counting the corrections made since the last build, and the queue in the order an
analyst works through it.

The built database knows the corrections of the last build only; a verification made a
minute ago is a line of the corrections file that the next build applies. So the queue reads
both: the facts as built (ui/sql/review_queue.sql), then the lines the build has not applied
yet, matched to those facts the way the build will match them (article, type, identifying
fields, evidence; etl/corrections), and the withdrawals made since.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import pandas as pd

from etl import corrections as cx
from etl.countries import country_aliases
from ui import queries
from ui.scope import Filters

QUEUE_CAP = 2_000  # facts of one scope read at once; a week of news is a few hundred
REVIEWED = ("verified", "corrected", "rejected")


@dataclass
class Queue:
    """The scope's facts with their state now, and the counts the progress line shows."""

    facts: pd.DataFrame  # review_queue rows plus `state` and `pending` (a line not yet built)
    total: int  # facts of the scope, rejected ones included
    reviewed: int  # of which verified, corrected or rejected
    pending: list[cx.Correction] = field(default_factory=list)  # lines the build has not applied
    capped: bool = False

    @property
    def open(self) -> pd.DataFrame:
        """The unreviewed facts, least sure first."""
        return self.facts[self.facts["state"] == "unreviewed"]

    def progress_text(self) -> str:
        """'37 of 112 reviewed'.

        >>> Queue(pd.DataFrame(), total=112, reviewed=37).progress_text()
        '37 of 112 reviewed'
        """
        return f"{self.reviewed:,} of {self.total:,} reviewed"


def week_bounds(monday: date) -> tuple[date, date]:
    """Monday and Sunday of the week that starts on `monday`.

    >>> week_bounds(date(2025, 2, 10))
    (datetime.date(2025, 2, 10), datetime.date(2025, 2, 16))
    """
    return monday, monday + timedelta(days=6)


def weeks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """week (the Monday), facts, unreviewed: the weeks with facts, newest first."""
    return queries.run(con, "review_weeks")


def scope_params(f: Filters, week: date | None) -> dict[str, object]:
    """The review_queue parameters: a week's days, or the sidebar's years, and the sidebar's
    other choices."""
    date_from, date_to = week_bounds(week) if week else (f.date_from, f.date_to)
    return {
        "date_from": date_from, "date_to": date_to, "outlets": list(f.outlets),
        "actors": list(f.diplomats), "countries": list(f.countries),
        "country_names": sorted({n for c in f.countries for n in country_aliases(c)}),
        "statuses": list(f.statuses),
    }


def plain(value: object) -> object:
    """A value of a DataFrame row as JSON would hold it: lists for arrays, None for the
    missing (NaN, NA, NaT).

    >>> import numpy as np
    >>> plain(np.array(["a", "b"], dtype=object)), plain(float("nan")), plain(pd.NA), plain(3)
    (['a', 'b'], None, None, 3)
    """
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return list(value)
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _fact(row: dict) -> dict:
    """A queue row as the fact a correction's target is compared with."""
    return {key: plain(value) for key, value in row.items()}


def _names(row: dict) -> set[tuple]:
    """Every identity a correction may name this fact by: as it reads now, and as the target
    of the correction that last changed it (a chain of corrections keeps naming it so)."""
    kind = row["fact_type"]
    names = {cx.identity(kind, row)}
    stored = row.get("correction_target")
    if isinstance(stored, str) and stored:
        try:
            names.add(cx.identity(kind, json.loads(stored)))
        except (ValueError, KeyError, TypeError):
            pass
    return names


def matches(line: cx.Correction, row: dict) -> bool:
    """Whether the next build applies `line` to the fact of `row` (etl/corrections/apply.py
    matches the same way)."""
    return (line.article_id == row["article_id"] and line.type == row["fact_type"]
            and cx.identity(line.type, line.target) in _names(row)
            and cx.evidence_matches(str(row.get("evidence") or ""), line.evidence))


def states_now(rows: pd.DataFrame, lines: Sequence[cx.Correction],
               built: Mapping[str, str]) -> tuple[list[str], list[str | None]]:
    """Each row's state counting the lines of the file the build has not applied yet
    (`built`: id -> status of the lines the database's corrections table holds), and the id
    of the line since the build that decided it (None when the built state stands)."""
    gone = cx.withdrawn_by(lines)
    waiting = [c for c in cx.in_force(lines) if c.id not in built and c.action != "add"]
    by_article: dict[str, list[cx.Correction]] = {}
    for line in waiting:
        by_article.setdefault(line.article_id, []).append(line)
    states, deciders = [], []
    for record in rows.to_dict("records"):
        row = _fact(record)
        state, decider = row["review_state"], None
        if row.get("correction_id") in gone:  # withdrawn since: unreviewed at the next build
            state, decider = "unreviewed", gone[row["correction_id"]].id
        for line in by_article.get(row["article_id"], ()):
            if matches(line, row):
                state, decider = cx.STATE_OF_ACTION[line.action], line.id
        states.append(state)
        deciders.append(decider)
    return states, deciders


def build_queue(con: duckdb.DuckDBPyConnection, f: Filters, week: date | None,
                lines: Sequence[cx.Correction], built: Mapping[str, str], *,
                skipped: Sequence[str] = (), cap: int = QUEUE_CAP) -> Queue:
    """The queue of one scope: its facts with their state now, least sure unreviewed first
    (facts skipped in this session after the others), and the progress counts. `built`:
    id -> status of the corrections the last build applied (queries.correction_outcomes)."""
    params = scope_params(f, week)
    rows = queries.run(con, "review_queue", cap=cap, **params)
    states, deciders = states_now(rows, lines, built)
    rows = rows.assign(state=states, pending=deciders)
    total = int(rows["total_rows"].iloc[0]) if len(rows) else 0
    reviewed = int(rows["reviewed_rows"].iloc[0]) if len(rows) else 0
    # the lines since the build change only rows that were read: count the change on those
    was, now = rows["review_state"].isin(REVIEWED), rows["state"].isin(REVIEWED)
    reviewed += int((now & ~was).sum()) - int((was & ~now).sum())
    rejected, back = rejected_in_scope(con, params, lines, built)
    later = rows["mention_id"].isin(list(skipped))
    rows = rows.assign(_later=later).sort_values("_later", kind="stable").drop(
        columns="_later")
    return Queue(rows, total=total + rejected, reviewed=reviewed + rejected - back,
                 pending=[c for c in lines if c.id not in built], capped=total > len(rows))


def rejected_in_scope(con: duckdb.DuckDBPyConnection, params: dict[str, object],
                      lines: Sequence[cx.Correction],
                      built: Mapping[str, str]) -> tuple[int, int]:
    """(facts of the scope the last build rejected, of which a withdrawal since brings back).

    A rejected fact is no longer in the built tables, so it is counted from the file: the
    rejects the last build applied whose article and target lie in the scope. (A reject made
    since the build is counted on its row of the queue.)"""
    gone = cx.withdrawn_by(lines)
    rejects = [c for c in lines if c.action == "reject" and built.get(c.id) == "applied"
               and _in_people_scope(c, params)]
    if not rejects:
        return 0, 0
    articles = queries.run(con, "review_rejected",
                           article_ids=sorted({c.article_id for c in rejects}))
    lo, hi, outlets = params["date_from"], params["date_to"], params["outlets"]
    kept = set()
    for r in articles.itertuples(index=False):
        day = None if pd.isna(r.published) else pd.Timestamp(r.published).date()
        if (lo and (day is None or day < lo)) or (hi and (day is None or day > hi)):
            continue
        if outlets and r.source not in outlets:
            continue
        kept.add(r.article_id)
    counted = [c for c in rejects if c.article_id in kept]
    return len(counted), sum(c.id in gone for c in counted)


def _in_people_scope(line: cx.Correction, params: dict[str, object]) -> bool:
    """A rejected fact passes the diplomat and country choices by what its target says."""
    actors, countries = params["actors"], params["countries"]
    target = {**line.before, **line.target}
    if actors and not ({target.get("actor"), *(target.get("participants") or [])}
                       & set(actors)):
        return False
    names = set(params["country_names"])
    return not countries or target.get("country") in countries or bool(
        {target.get("donor"), target.get("recipient")} & names)


def context(con: duckdb.DuckDBPyConnection, row: dict) -> tuple[str, int]:
    """(the text around a fact's evidence, the offset it starts at in the article)."""
    found = queries.run(con, "review_context", article_id=row["article_id"],
                        evidence_start=int(row["evidence_start"]),
                        evidence_end=int(row["evidence_end"]))
    if found.empty or not isinstance(found["text"].iloc[0], str):
        return str(row.get("evidence") or ""), int(row["evidence_start"])
    return str(found["text"].iloc[0]), int(found["text_start"].iloc[0])


def lapsed(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The verifications the last build found lapsed, newest first."""
    try:
        return queries.run(con, "review_lapsed")
    except duckdb.Error:
        return pd.DataFrame()
