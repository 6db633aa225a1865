"""Loading into DuckDB: articles, sentences and facts buffered per table and written in
Arrow batches, rows of unchanged articles reused from the previous database."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from etl import statements
from etl.facts import FACT_TABLES, FACT_TYPES, date_precision, fact_type
from etl.model import Article, Problem
from etl.schema import SCHEMA_SQL, create_schema, schema_fingerprint, schema_sql, table_columns
from etl.statements import quote_identifier, quote_literal

# A date column's precision column, derived from the date's length when the extractor does
# not give it (etl/facts.py).
PRECISION_OF = {t.precision: t.date for t in FACT_TYPES.values()}

__all__ = ["FACT_TABLES", "SCHEMA_SQL", "FactError", "Loader", "create_schema", "date_precision",
           "mention_id", "quote_identifier", "quote_literal", "schema_fingerprint",
           "schema_sql", "table_columns"]

# Rows are handed to DuckDB as Arrow tables of this many rows at most: large enough that
# the per-insert cost vanishes, small enough that memory stays flat on 100k articles.
BATCH_ROWS = 20_000

ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}


# The tables holding rows of one article beside the article itself: deleted, kept and
# copied with it.
ARTICLE_TABLES = ("sentences", "role_observations", "role_gaps", *FACT_TABLES.values())


def mention_id(article_id: str, fact: dict) -> str:
    """sha1 of article|type|key fields|evidence_start, first 16 hex characters.

    >>> fact = {"type": "casualty", "metric": "killed", "value": 4, "evidence_start": 10}
    >>> mention_id("a1", fact) == mention_id("a1", dict(fact)), len(mention_id("a1", fact))
    (True, 16)
    >>> mention_id("a1", fact) == mention_id("a1", {**fact, "evidence_start": 11})
    False
    """
    kind = fact.get("type")
    parts = [article_id, str(kind)]
    known = fact_type(kind)
    for name in known.mention_key if known else ():
        value = fact.get(name)
        if isinstance(value, list):
            value = sorted(str(v) for v in value)
        parts.append("" if value is None else json.dumps(value, ensure_ascii=False))
    parts.append(str(fact.get("evidence_start")))
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


class FactError(ValueError):
    """A fact that cannot become a row; the message says why in plain words."""


def _coerce(value: Any, data_type: str, column: str) -> Any:
    """value as the Python type Arrow needs for a DuckDB column, or FactError."""
    if value is None:
        return None
    if data_type == "VARCHAR":
        if isinstance(value, str):
            return value
    elif data_type in ("INTEGER", "BIGINT"):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
    elif data_type == "DOUBLE":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif data_type == "VARCHAR[]":
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return list(value)
    elif data_type == "BOOLEAN":
        if isinstance(value, bool):
            return value
    elif data_type == "DATE":
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
    elif data_type == "TIMESTAMP":
        if isinstance(value, datetime):
            return value
    raise FactError(f"{column} should be {data_type.lower()}, got {value!r}")


class Loader:
    """Buffers rows per table and writes them to DuckDB in Arrow batches.

    A batch that breaks a constraint is written again row by row: the rows that fail are
    dropped and reported (a bad fact becomes a warning about its article, a bad article a
    skipped file), the rest are kept. Problems are both kept in `skipped` / `warnings`
    for the summary and written to build_problems.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, seen_at: datetime) -> None:
        self.con = con
        self.seen_at = seen_at
        self.columns = table_columns(con)
        self.rows: dict[str, list[tuple]] = {table: [] for table in self.columns}
        # For each buffered row: (article id, path) it belongs to, to name it in a problem.
        self.owners: dict[str, list[tuple[str | None, str]]] = {t: [] for t in self.columns}
        self.reused: list[tuple[str, str | None]] = []
        self.has_previous = False
        # In place: the database is a byte copy of the previous one (see start_in_place), so
        # reused articles' rows are already there and only the others are written.
        self.in_place = False
        self.present: set[str] = set()  # ids of the articles this build keeps or writes
        self.skipped: list[Problem] = []
        self.warnings: list[Problem] = []
        # Articles that broke a constraint: their sentences and facts are not written either.
        self.rejected: set[str] = set()
        self._buffered = 0

    # -- what goes in -------------------------------------------------------------------

    def skip(self, problem: Problem) -> None:
        """A file or article left out of the database, with the reason."""
        self.skipped.append(problem)
        self._add_problem(problem, "skipped", None)

    def warn(self, problem: Problem, article_id: str | None) -> None:
        """An article loaded with a problem. `article_id` is given for problems with its
        facts (a fact dropped, facts over the cap), which a rebuild that reuses the facts
        carries over; the reader's problems are found again on every read."""
        self.warnings.append(problem)
        self._add_problem(problem, "warning", article_id)

    def add_article(self, article: Article, loaded_at: datetime) -> None:
        """The article row and its sentences."""
        self.present.add(article.id)
        owner = (article.id, article.path or article.id)
        self._add("articles", owner, {
            "id": article.id,
            "title": article.title,
            "source": article.source,
            "url": article.url,
            "published": article.published,
            "published_precision": article.published_precision,
            "language": article.language,
            "path": article.path,
            "sha256": article.sha256,
            "text": article.text,
            "loaded_at": loaded_at,
        })
        for s in article.sentences:
            self._add("sentences", owner, {
                "article_id": article.id, "n": s.n, "start": s.start, "end": s.end,
                "text": s.text, "boilerplate": s.boilerplate, "segment": s.segment,
            })

    def add_facts(self, article: Article, facts: Iterable[dict]) -> None:
        """The article's facts as mention rows; a fact that cannot be a row is a warning."""
        where = article.path or article.id
        for fact in facts:
            try:
                table, values = self._mention_row(article, fact)
            except FactError as err:
                kind = fact.get("type") if isinstance(fact, dict) else None
                self.warn(Problem(where, f"article {article.id}: {kind or 'a'} fact dropped: "
                                         f"{err}"), article.id)
                continue
            self._add(table, (article.id, where), values)

    def add_offices(self, article: Article, facts: object) -> None:
        """The offices the article gave people, and the role phrases nobody answered
        (etl.extract.FactList's roles and gaps; nothing for a plain list of facts)."""
        owner = (article.id, article.path or article.id)
        for row in getattr(facts, "roles", ()):
            self._add("role_observations", owner, {"article_id": article.id, **row})
        for row in getattr(facts, "gaps", ()):
            self._add("role_gaps", owner, {"article_id": article.id, **row})

    def replace_facts(self, article: Article, facts: Iterable[dict]) -> None:
        """An article read again (its role gaps answered): its mention rows written anew."""
        self.con.register("article_ids", pa.table({"id": pa.array([article.id], pa.string())}))
        try:
            for table in ("role_gaps", *FACT_TABLES.values()):
                statements.execute(self.con, "store/delete_listed", table=table,
                                   key="article_id")
        finally:
            self.con.unregister("article_ids")
        self.add_facts(article, facts)
        for row in getattr(facts, "gaps", ()):
            self._add("role_gaps", (article.id, article.path or article.id),
                      {"article_id": article.id, **row})

    def add_reused(self, article_id: str, path: str | None) -> None:
        """An unchanged article (same id and content hash, read by the same code): its row,
        sentences and facts are copied from the previous database (see attach_previous) in
        one statement per table at the next flush, with `path` as where it is now, instead
        of being written again from Python; in place (start_in_place) they are already
        there and only the path is brought up to date. Its loaded_at is the previous one."""
        self.reused.append((article_id, path))
        self.present.add(article_id)
        self._buffered += 1

    def attach_previous(self, path: Path) -> None:
        """Attach the database being replaced, read-only, as the source of reused facts."""
        statements.execute(self.con, "store/attach_previous", [str(path)])
        self.has_previous = True

    def start_in_place(self) -> None:
        """The database is a byte copy of the previous build's, same schema and extraction
        code: rows of reused articles stay where they are instead of being copied over
        (copying re-checked every key and constraint of rows checked last time: 1.2 s of a
        2.8 s incremental build of 10,000 articles). What a build writes afresh is emptied."""
        self.in_place = True
        for table in ("build_problems", "build_files", "build_info"):
            statements.execute(self.con, "store/clear_table", table=table)

    def drop_absent(self) -> None:
        """In place: remove the articles (and their sentences and facts) of the previous
        build that this one neither kept nor wrote: files gone, ids gone, articles now
        skipped."""
        if self.in_place:
            self._delete_articles(sorted(self.present - self.rejected), keep=True)

    def _clear_rewritten(self) -> None:
        """In place: the previous rows of the articles about to be written again."""
        ids = sorted({a for a, _ in self.owners["articles"] if a is not None})
        if self.in_place and ids:
            self._delete_articles(ids, keep=False)

    def _delete_articles(self, ids: list[str], *, keep: bool) -> None:
        """Delete the rows of the articles in `ids`, or with `keep` of every article not in
        them: sentences and facts first, then the articles they refer to."""
        delete = "store/delete_unlisted" if keep else "store/delete_listed"
        self.con.register("article_ids", pa.table({"id": pa.array(ids, pa.string())}))
        try:
            for table in ARTICLE_TABLES:
                statements.execute(self.con, delete, table=table, key="article_id")
            statements.execute(self.con, delete, table="articles", key="id")
        finally:
            self.con.unregister("article_ids")

    def detach_previous(self) -> None:
        if self.has_previous:
            self.has_previous = False
            statements.execute(self.con, "store/detach_previous")

    # -- writing --------------------------------------------------------------------------

    def maybe_flush(self) -> None:
        """Write the buffers once they hold a batch; call between articles."""
        if self._buffered >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Write every buffered row: articles first, then what refers to them."""
        self._clear_rewritten()
        self.rejected |= self._insert("articles", kind="skipped")
        for table in self.rows:
            if table in ("articles", "build_problems"):
                continue
            if self.rejected:
                self._drop_rows_of(table, self.rejected)
            self._insert(table, kind="warning")
        self._copy_reused()
        self._insert("build_problems", kind=None)
        self._buffered = 0

    def _add(self, table: str, owner: tuple[str | None, str], values: dict) -> None:
        self.rows[table].append(tuple(values.get(c) for c, _ in self.columns[table]))
        self.owners[table].append(owner)
        self._buffered += 1

    def _add_problem(self, problem: Problem, kind: str, article_id: str | None) -> None:
        self._add("build_problems", (article_id, problem.path), {
            "path": problem.path, "line": problem.line, "reason": problem.reason,
            "seen_at": self.seen_at, "article_id": article_id, "kind": kind,
        })

    def _mention_row(self, article: Article, fact: Any) -> tuple[str, dict]:
        if not isinstance(fact, dict):
            raise FactError(f"not a fact object: {fact!r}")
        kind = fact.get("type")
        table = FACT_TABLES.get(kind)
        if table is None:
            raise FactError(f"unknown fact type {kind!r}")
        fact = dict(fact)
        evidence = fact.get("evidence")
        if not isinstance(evidence, str) or not evidence:
            raise FactError("no evidence")
        if fact.get("evidence_start") is None:
            # An extractor that gives no offsets: find the evidence in the text.
            start = article.text.find(evidence)
            if start < 0:
                raise FactError("evidence not found in the article text")
            fact["evidence_start"], fact["evidence_end"] = start, start + len(evidence)
        start, end = fact["evidence_start"], fact.get("evidence_end")
        if not (isinstance(start, int) and isinstance(end, int)
                and 0 <= start <= end <= len(article.text)):
            raise FactError(f"evidence offsets {start!r}..{end!r} outside the article text")
        if isinstance(fact.get("participants"), list):
            fact["participants"] = sorted(fact["participants"], key=str)
        for column, source in PRECISION_OF.items():
            if fact.get(column) is None:
                fact[column] = date_precision(fact.get(source))
        fact["mention_id"] = mention_id(article.id, fact)
        fact["article_id"] = article.id
        values = {c: _coerce(fact.get(c), t, c) for c, t in self.columns[table]}
        return table, values

    def _arrow(self, table: str, rows: Sequence[tuple]) -> pa.Table:
        columns = self.columns[table]
        arrays = [
            pa.array([row[i] for row in rows], type=ARROW_TYPES[data_type])
            for i, (_, data_type) in enumerate(columns)
        ]
        return pa.Table.from_arrays(arrays, names=[c for c, _ in columns])

    def _insert(self, table: str, kind: str | None) -> set[str]:
        """Write the buffered rows of a table; returns the article ids of rejected rows."""
        rows, owners = self.rows[table], self.owners[table]
        self.rows[table], self.owners[table] = [], []
        if not rows:
            return set()
        names = [c for c, _ in self.columns[table]]
        try:
            batch = self._arrow(table, rows)
        except (pa.ArrowException, OverflowError):
            batch = None  # a value of the wrong type: the row-by-row pass names it
        if batch is not None:
            self.con.register("batch", batch)
            try:
                statements.execute(self.con, "store/insert_batch", table=table, columns=names)
                return set()
            except (duckdb.ConstraintException, duckdb.ConversionException):
                pass  # one row broke a rule: the row-by-row pass finds it
            finally:
                self.con.unregister("batch")
        # Write row by row to keep the good rows and name the bad ones.
        one_row = statements.statement("store/insert_row", table=table, columns=names,
                                       values=len(names))
        failed: set[str] = set()
        for row, (article_id, path) in zip(rows, owners, strict=True):
            try:
                self.con.execute(one_row, list(row))
            except (duckdb.ConstraintException, duckdb.ConversionException,
                    duckdb.InvalidInputException) as err:
                if kind is None:
                    raise
                failed.add(article_id)
                reason = _constraint_reason(err, self.columns[table], row)
                if table == "articles":
                    self.skip(Problem(path, f"article {article_id} not loaded: {reason}"))
                elif table.startswith("mentions_"):
                    what = table.removeprefix("mentions_")
                    self.warn(Problem(path, f"article {article_id}: {what} fact dropped: "
                                            f"{reason}"), article_id)
                else:  # found again on every read, so not carried over with the facts
                    self.warn(Problem(path, f"article {article_id}: {table} row dropped: "
                                            f"{reason}"), None)
        return failed

    def _drop_rows_of(self, table: str, article_ids: set[str]) -> None:
        keep = [i for i, (a, _) in enumerate(self.owners[table]) if a not in article_ids]
        self.rows[table] = [self.rows[table][i] for i in keep]
        self.owners[table] = [self.owners[table][i] for i in keep]

    def _copy_reused(self) -> None:
        """Copy the rows, sentences, facts (and fact warnings) of reused articles from the
        previous database."""
        reused = [(a, p) for a, p in self.reused if a not in self.rejected]
        self.reused = []
        if not reused or not self.has_previous:
            return
        ids = pa.table({"id": pa.array([a for a, _ in reused], pa.string()),
                        "path": pa.array([p for _, p in reused], pa.string())})
        self.con.register("reused", ids)
        try:
            if self.in_place:
                statements.execute(self.con, "store/update_reused_paths")
            else:
                self._copy_reused_rows()
            old = statements.execute(self.con, "store/reused_warnings").fetchall()
        finally:
            self.con.unregister("reused")
        for path, line, reason, article_id in old:
            self.warn(Problem(path, reason, line), article_id)

    def _copy_reused_rows(self) -> None:
        """The rows, sentences and facts of the articles in `reused` (registered), copied
        from the previous database."""
        statements.execute(self.con, "store/copy_reused_articles",
                           columns=[c for c, _ in self.columns["articles"]])
        for table in ARTICLE_TABLES:
            statements.execute(self.con, "store/copy_reused_rows", table=table,
                               source=f"previous.{table}",
                               columns=[c for c, _ in self.columns[table]])


def _constraint_reason(err: duckdb.Error, columns: list[tuple[str, str]], row: tuple) -> str:
    """DuckDB's constraint message, short, with the values of the columns it names.

    >>> err = duckdb.ConstraintException(
    ...     "Constraint Error: CHECK constraint failed on table mentions_visit with "
    ...     "expression CHECK((status IN ('occurred', 'planned')))")
    >>> _constraint_reason(err, [("actor", "VARCHAR"), ("status", "VARCHAR")], ("X", "gone"))
    "status='gone' breaks (status IN ('occurred', 'planned'))"
    """
    text = re.sub(r"^\w+ Error: ", "", str(err).splitlines()[0])
    check = re.search(r"with expression CHECK\((.*)\)$", text)
    not_null = re.search(r"NOT NULL constraint failed: \w+\.(\w+)", text)
    if not_null:
        return f"{not_null.group(1)} is missing"
    if not check:
        return text
    named = [(c, v) for (c, _), v in zip(columns, row, strict=True)
             if re.search(rf"\b{re.escape(c)}\b", check.group(1))]
    values = ", ".join(f"{c}={v!r}" for c, v in named)
    return f"{values} breaks {check.group(1)}" if values else f"breaks {check.group(1)}"
