"""Corrections and the built database: which articles the last build corrected, the
`corrected` flag of mentions loaded without corrections, and making a correction of a
mention the database holds (the Sources page and `python -m etl correct`)."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from etl import statements
from etl.corrections.record import (
    Correction,
    CorrectionError,
    coerce_value,
    fact_problems,
    find_span,
    new_correction,
    target_of,
)
from etl.facts import FACT_TABLES, FACT_TYPES


def previously_corrected(con: duckdb.DuckDBPyConnection, catalog: str = "previous") -> set[str]:
    """Article ids the attached previous database had corrections for: their stored facts
    are corrected ones, so they are extracted again rather than reused."""
    try:
        rows = statements.execute(con, "corrections/article_ids",
                                  corrections=f"{catalog}.corrections").fetchall()
    except duckdb.Error:
        return set()
    return {article_id for (article_id,) in rows}


def normalise_flags(con: duckdb.DuckDBPyConnection) -> None:
    """corrected = false on mentions loaded without the corrections step."""
    for table in FACT_TABLES.values():
        statements.execute(con, "corrections/unflagged", table=table)


def mention_target(con: duckdb.DuckDBPyConnection, mention_id: str
                   ) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(type, the mention as a fact, the target a new correction of it should name).

    A mention already corrected keeps the target of the correction that last changed it
    (naming the fact as extracted, or as added), so a further correction finds the same
    fact on the next build.
    """
    for kind, table in FACT_TABLES.items():
        cursor = statements.execute(con, "corrections/mention", [mention_id], table=table)
        row = cursor.fetchone()
        if row is None:
            continue
        fact = dict(zip([d[0] for d in cursor.description], row, strict=True))
        fact["type"] = kind
        target = target_of(kind, fact["article_id"], fact)
        if fact.get("correction_id"):
            stored = statements.execute(con, "corrections/target",
                                        [fact["correction_id"]]).fetchone()
            if stored:
                target = json.loads(stored[0])
        return kind, fact, target
    raise CorrectionError(f"no mention {mention_id} in the database")


def article_mentions(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    """Every mention of one article as a fact dict with its `type`, in text order."""
    facts = []
    for kind, table in FACT_TABLES.items():
        cursor = statements.execute(con, "corrections/article_mentions", [article_id], table=table)
        names = [d[0] for d in cursor.description]
        facts += [{**{k: _plain(v) for k, v in zip(names, row, strict=True)}, "type": kind}
                  for row in cursor.fetchall()]
    return sorted(facts, key=lambda f: (f["evidence_start"], f["type"], f["mention_id"]))


def correction_of_mention(
    con: duckdb.DuckDBPyConnection, action: str, mention_id: str, reason: str,
    user: str | None = None, changes: dict[str, Any] | None = None,
) -> Correction:
    """A reject, edit or verify of a mention of the built database, keyed by what it says,
    with the fact's fields as they are now (`before`)."""
    if action not in ("reject", "edit", "verify"):
        raise CorrectionError(f"a mention can be rejected, edited or verified, not {action!r}")
    kind, fact, target = mention_target(con, mention_id)
    before = {k: _plain(fact.get(k)) for k in FACT_TYPES[kind].editable}
    if action == "edit":
        changes = {k: coerce_value(kind, k, v) for k, v in (changes or {}).items()}
        changes = {k: v for k, v in changes.items() if v != _plain(fact.get(k))}
        if not changes:
            raise CorrectionError("the edit changes nothing")
        fields = FACT_TYPES[kind].editable
        problems = fact_problems(kind, {**{k: _plain(fact.get(k)) for k in fields}, **changes})
        if problems:
            raise CorrectionError("; ".join(problems))
    return new_correction(action, target, reason, user, changes=changes, before=before)


def correction_of_addition(
    con: duckdb.DuckDBPyConnection, article_id: str, kind: str, evidence: str,
    fact: dict[str, Any], reason: str, user: str | None = None,
) -> Correction:
    """An added fact, pinned to `evidence`, which must be found in the article's text."""
    row = statements.execute(con, "corrections/article_text", [article_id]).fetchone()
    if row is None:
        raise CorrectionError(f"no article {article_id} in the database")
    span = find_span(row[0], evidence.strip()) if evidence and evidence.strip() else None
    if span is None:
        raise CorrectionError("the evidence is not in the article text: copy it verbatim")
    if kind not in FACT_TYPES:
        raise CorrectionError(f"unknown fact type {kind!r}")
    fields = FACT_TYPES[kind].editable
    values = {k: coerce_value(kind, k, v) for k, v in fact.items() if k in fields}
    problems = fact_problems(kind, values)
    if problems:
        raise CorrectionError("; ".join(problems))
    target = {"article_id": article_id, "type": kind, "evidence": row[0][span[0]:span[1]]}
    return new_correction("add", target, reason, user, fact=values)


def _plain(value: Any) -> Any:
    """A value read from DuckDB as JSON would hold it (lists for arrays, None for NaN)."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and value != value:
        return None
    return value
