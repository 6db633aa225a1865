"""Mentions across articles -> events: the marts the dashboard reads, built in DuckDB.

`build_marts(con)` runs the SQL models of etl/sql/marts/ in dependency order. Python does
only the per-value work (etl/resolve.py: people reference, geocoding the distinct places, ECB
rates for the distinct currency-days); SQL does the merging, joining and grouping, so a
build stays a handful of set operations however many mentions there are.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl import resolve

SQL_DIR = Path(__file__).resolve().parent / "sql"
MARTS_DIR = SQL_DIR / "marts"
POST_DIR = SQL_DIR / "post"

# The tables the pages read and `python -m etl export` writes, in build order.
MARTS: tuple[str, ...] = (
    "meetings",
    "stops",
    "legs",
    "aid",
    "casualty_reports",
    "people",
    "places",
    "event_mentions",
    "evidence_sentences",
)

# Every model in dependency order. int_* models are temp tables of the build connection:
# they never reach the database file the dashboard opens.
_MODELS: tuple[str, ...] = (
    "int_article_windows",
    "int_visit_mentions",
    "int_meeting_mentions",
    "int_stop_members",
    "int_visit_stops",
    "int_meeting_members",
    "meetings",
    "int_meeting_stop_members",
    "stops",
    "legs",
    "int_aid_mentions",
    "int_aid_members",
    "int_aid_events",
    "aid",  # needs stg_fx: resolve.stage_fx runs just before it
    "int_casualty_members",
    "casualty_reports",
    "people",
    "places",
    "event_mentions",
)

_STAGING = ("ref_people", "ref_roles", "stg_places", "stg_fx")

# The event marts and, for etl/sql/post/event_columns.sql: their event_mentions.event_type,
# id column, date column and the DATE an undated row is placed at.
EVENT_MARTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("stops", "stop", "stop_id", "date", "mart.first_reported"),
    ("meetings", "meeting", "meeting_id", "date", "null::date"),
    ("aid", "aid", "aid_id", "date", "mart.fx_date"),
    ("casualty_reports", "casualty", "report_id", "as_of", "null::date"),
)


def build_marts(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the marts from the raw and mentions tables of `con`. Idempotent.

    Expects the contract's tables: articles, sentences, mentions_visit, mentions_meeting,
    mentions_aid, mentions_casualty. Each mart is dropped and recreated.
    """
    con.execute(_read(SQL_DIR / "macros.sql"))
    resolve.stage_people(con)
    resolve.stage_places(con)
    for name in _MODELS:
        if name == "aid":
            resolve.stage_fx(con, "int_aid_events")
        _run_model(con, name)
    post_marts(con)
    for name in (*_MODELS, *_STAGING):
        if name not in MARTS:
            con.execute(f"drop table if exists temp.{name}")


def post_marts(con: duckdb.DuckDBPyConnection) -> None:
    """What the pages read beside the merged events, worked out from the finished marts:
    every event mart's day window, latest evidence, article ids and outlets; every leg the
    same of the stops at its ends; one row per evidence sentence for the search.

    The pages filter and caption every event by these; computing them here once keeps each
    page query a scan of one table (etl/sql/post/*.sql say what each column means). Needs
    event_mentions, articles and the macros of etl/sql/macros.sql.
    """
    template = _read(POST_DIR / "event_columns.sql")
    for table, event_type, id_column, date_column, fallback in EVENT_MARTS:
        con.execute(template.format(table=table, event_type=event_type, id=id_column,
                                    date=date_column, fallback=fallback))
    con.execute(_read(POST_DIR / "leg_columns.sql"))
    con.execute(_read(POST_DIR / "evidence_sentences.sql"))


def model_sql(name: str) -> str:
    """The select statement of one model, as written in etl/sql/marts/<name>.sql."""
    return _read(MARTS_DIR / f"{name}.sql")


def _run_model(con: duckdb.DuckDBPyConnection, name: str) -> None:
    select = model_sql(name)
    if name in MARTS:
        con.execute(f"create or replace table {name} as\n{select}")
    else:
        con.execute(f"create or replace temp table {name} as\n{select}")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
