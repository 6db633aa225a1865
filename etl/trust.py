"""Trust columns of the marts: every fact's review state beside its confidence
(review_facts), and every event's and leg's confidence and review state, worked out from
the facts behind them after the marts are built (etl/sql/post/review_facts.sql,
event_trust.sql, leg_trust.sql say what each column means).

Kept apart from the mart models so the events' SQL stays the events' own: these steps read
only each mart's id and status, the link table event_mentions and the corrections.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

POST_DIR = Path(__file__).resolve().parent / "sql" / "post"

# (mart, its event_mentions.event_type, its id column, the SQL of its status): constants
# for etl/sql/post/event_trust.sql, never input. Casualty reports have no status.
TRUST_MARTS: tuple[tuple[str, str, str, str], ...] = (
    ("stops", "stop", "stop_id", "mart.status"),
    ("meetings", "meeting", "meeting_id", "mart.status"),
    ("aid", "aid", "aid_id", "mart.status"),
    ("casualty_reports", "casualty", "report_id", "null::varchar"),
)


def add_trust_columns(con: duckdb.DuckDBPyConnection) -> None:
    """review_facts, then confidence, confidence_reasons, review_state and reviewed_by on
    every event mart and on legs; confidence, review_state and reviewed_by on the aid packages
    and their stages (from their reports'). Needs the marts, event_mentions, articles, the mentions
    tables and the corrections table of the build."""
    con.execute(_read("trust_macros"))
    con.execute(_read("review_facts"))
    template = _read("event_trust")
    for table, event_type, id_column, status in TRUST_MARTS:
        con.execute(fill(template, table=table, event_type=event_type, id=id_column,
                         status=status))
    con.execute(_read("leg_trust"))
    con.execute(_read("package_trust"))


def fill(template: str, **values: str) -> str:
    """The template with each `{name}` replaced; other braces (DuckDB's format() patterns)
    are left as they are, which str.format would not do.

    >>> fill("select format('{:.2f}', x) from {table}", table="stops")
    "select format('{:.2f}', x) from stops"
    """
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def _read(name: str) -> str:
    return (POST_DIR / f"{name}.sql").read_text(encoding="utf-8")
