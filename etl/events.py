"""Mentions across articles -> events: the marts the dashboard reads, built in DuckDB.

`build_marts(con)` runs the SQL models of etl/sql/intermediate/ (temp tables of the build)
and etl/sql/marts/ (the tables the pages read) in the order their own references give:
a model that reads another (`from int_visit_mentions`, `join stops`) runs after it, so a
new model needs no list to be added to. Python does only the per-value work (etl/resolve.py:
people reference, geocoding the distinct places, ECB rates for the distinct currency-days);
SQL does the merging, joining and grouping, so a build stays a handful of set operations
however many mentions there are.
"""

from __future__ import annotations

import re
from functools import cache
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

from etl import aid_roles, casualty_terms, resolve, statements, trust

SQL_DIR = Path(__file__).resolve().parent / "sql"
MARTS_DIR = SQL_DIR / "marts"
INTERMEDIATE_DIR = SQL_DIR / "intermediate"
POST_DIR = SQL_DIR / "post"

# The tables the pages read and `python -m etl export` writes: every model of marts/, and
# what post_marts adds.
MARTS: tuple[str, ...] = (*sorted(p.stem for p in MARTS_DIR.glob("*.sql")),
                          "article_events", "evidence_sentences", "filter_counts")

# Tables made by Python before the models run (etl/resolve.py), and the one made between
# them: stg_fx needs the aid events' currencies and days, and aid needs the rates.
_STAGED_FIRST = ("ref_people", "ref_roles", "stg_places", "stg_aid_roles", "stg_reporters",
                 "stg_areas", "stg_casualty_checks")
_STAGED_FROM = {"stg_fx": "int_aid_events"}

# The event marts and, for etl/sql/post/event_columns.sql: their event_mentions.event_type,
# id column, date column and the DATE an undated row is placed at.
EVENT_MARTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("stops", "stop", "stop_id", "date", "mart.first_reported"),
    ("meetings", "meeting", "meeting_id", "date", "null::date"),
    ("aid", "aid", "aid_id", "date", "mart.fx_date"),
    ("casualty_reports", "casualty", "report_id", "as_of", "null::date"),
)

# The large tables the pages read, and the keys they are stored in order of (the keys the
# pages filter on first, then the row's id so the order is the same on every build).
CLUSTER_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("event_mentions", ("article_id", "evidence_start", "event_type", "event_id", "mention_id")),
    ("stops", ("actor", "day_lo", "stop_id")),
    ("legs", ("actor", "day_lo", "trip_id", "seq")),
    ("meetings", ("day_lo", "meeting_id")),
    ("aid", ("day_lo", "aid_id")),
)

# The large tables the pages list newest first, stored newest first (etl/sql/post/
# cluster_newest_first.sql): (table, its day column, then the keys that break ties). A
# "newest first, the first N" query then fills its N from the first rows it reads and
# passes over the older ones without copying their columns; stored oldest first, every row
# read was newer than those kept so far and went through the sort (casualty_rows at 1M:
# about half its time). The day's row-group statistics are the same either way.
NEWEST_FIRST: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("casualty_reports", "day_lo", ("report_id",)),
    ("evidence_sentences", "published", ("article_id", "evidence_start")),
)

_NAME = r"[a-z_][a-z0-9_]*"
_READS = re.compile(rf"\b(?:from|join)\s+({_NAME})\b")
_CTE = re.compile(rf"\b({_NAME})\s+as\s*\(")


def build_marts(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the marts from the raw and mentions tables of `con`. Idempotent.

    Expects the contract's tables: articles, sentences, mentions_visit, mentions_meeting,
    mentions_aid, mentions_casualty. Each mart is dropped and recreated.
    """
    con.execute(statements.sql_file("macros"))
    resolve.stage_people(con)
    resolve.stage_places(con)
    aid_roles.stage_aid_roles(con)
    casualty_terms.stage_casualty_terms(con)
    for name in build_order():
        if name == "stg_fx":
            resolve.stage_fx(con, _STAGED_FROM[name])
        else:
            _run_model(con, name)
    post_marts(con)
    cluster_marts(con)
    for name in (*models(), *_STAGED_FIRST, *_STAGED_FROM):
        if name not in MARTS:
            statements.execute(con, "events/drop_temp_table", name=f"temp.{name}")


def cluster_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Store the large marts in the order of CLUSTER_KEYS (etl/sql/post/cluster.sql): a page
    filtering one article's mentions or one person's stops then reads the few row groups
    that hold them instead of the whole table; those of NEWEST_FIRST newest first. Rows and
    columns stay as they were."""
    for table, keys in CLUSTER_KEYS:
        statements.execute(con, "post/cluster", table=table, keys=list(keys))
    for table, day, keys in NEWEST_FIRST:
        statements.execute(con, "post/cluster_newest_first", table=table, day=day,
                           keys=list(keys))


def post_marts(con: duckdb.DuckDBPyConnection) -> None:
    """What the pages read beside the merged events, worked out from the finished marts:
    every event mart's day window, latest evidence, article ids, outlets and whether an
    analyst corrected it; every leg the same of the stops at its ends; one row per evidence
    sentence; the words of every title and sentence for the full-text search; the counts
    beside the sidebar's choices and the events of each article; each aid package's stage
    history; beside every mention, its event's summary and status; the order each long
    list is shown in, as one integer per row.

    The pages filter and caption every event by these; computing them here once keeps each
    page query a scan of one table (etl/sql/post/*.sql say what each column means). Needs
    event_mentions, articles and the macros of etl/sql/macros.sql.
    """
    template = _read(POST_DIR / "event_columns.sql")
    for table, event_type, id_column, date_column, fallback in EVENT_MARTS:
        con.execute(template.format(table=table, event_type=event_type, id=id_column,
                                    date=date_column, fallback=fallback))
    con.execute(_read(POST_DIR / "leg_columns.sql"))
    con.execute(_read(POST_DIR / "package_columns.sql"))
    con.execute(_read(POST_DIR / "evidence_sentences.sql"))
    con.execute(_read(POST_DIR / "search_index.sql"))
    trust.add_trust_columns(con)  # confidence and review state (etl/trust.py)
    con.execute(_read(POST_DIR / "filter_counts.sql"))
    con.execute(_read(POST_DIR / "article_events.sql"))
    con.execute(_read(POST_DIR / "package_histories.sql"))
    con.execute(_read(POST_DIR / "mention_summaries.sql"))
    con.execute(_read(POST_DIR / "page_ranks.sql"))


@cache
def models() -> dict[str, Path]:
    """Every model by name: the intermediates, then the marts."""
    found = {p.stem: p for folder in (INTERMEDIATE_DIR, MARTS_DIR)
             for p in sorted(folder.glob("*.sql"))}
    return found


def model_sql(name: str) -> str:
    """The select statement of one model, as written in its .sql file."""
    return _read(models()[name])


def references(sql: str, known: set[str]) -> set[str]:
    """The names in `known` that the SQL reads (after from or join), leaving out reads of
    its own CTEs: `meetings as (select * from meetings)` reads the model meetings inside
    that CTE, and the CTE everywhere else.

    >>> references("with a as (select * from mentions_aid) select * from a join b using (x)",
    ...            {"a", "b"})
    {'b'}
    >>> sorted(references("with m as (select * from m), n as (select * from m) "
    ...                   "select * from n", {"m", "n"}))
    ['m']
    """
    code = "\n".join(line.split("--", 1)[0] for line in sql.lower().splitlines())
    found: set[str] = set()
    ctes: set[str] = set()
    position = 0
    for match in _CTE.finditer(code):
        if match.start() < position:
            continue  # a name inside a CTE already read (a subquery alias)
        end = _closing(code, match.end() - 1)
        body = code[match.end():end]
        # inside its own body a CTE's name is the table of that name; other CTEs named
        # earlier are CTEs there too
        found |= {n for n in _READS.findall(body) if n not in ctes}
        ctes.add(match.group(1))
        position = end
    found |= {n for n in _READS.findall(code[position:]) if n not in ctes}
    return found & known


def _closing(code: str, opening: int) -> int:
    """The index of the parenthesis that closes the one at `opening`."""
    depth = 0
    for i in range(opening, len(code)):
        if code[i] == "(":
            depth += 1
        elif code[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError("unbalanced parentheses in a model")


@cache
def build_order() -> tuple[str, ...]:
    """Every model (and stg_fx, staged from int_aid_events) after what it reads; the graph
    is built in the files' alphabetical order, so the order is the same on every run."""
    names = set(models()) | set(_STAGED_FROM)
    graph: TopologicalSorter[str] = TopologicalSorter()
    for name, path in models().items():
        graph.add(name, *sorted(references(_read(path), names - {name})))
    for name, source in _STAGED_FROM.items():
        graph.add(name, source)
    return tuple(graph.static_order())


def _run_model(con: duckdb.DuckDBPyConnection, name: str) -> None:
    create = "events/create_table" if name in MARTS else "events/create_temp_table"
    con.execute(statements.statement(create, name=name) + "\n" + model_sql(name))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
