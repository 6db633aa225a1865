"""The write side's SQL statements, one file each under etl/sql/, loaded by name.

Python holds no SQL of its own: it names a file (`statement("store/delete_rows")`) and binds
the values as parameters. Where a statement must name a table or a catalogue, which SQL
takes no parameter for, the file writes `{name}` and the caller gives the identifier: it
is always quoted here (quote_identifier), never pasted in as it came.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

SQL_DIR = Path(__file__).resolve().parent / "sql"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def quote_identifier(name: str) -> str:
    """A name as a DuckDB identifier, safe whatever it contains.

    >>> quote_identifier('where')
    '"where"'
    >>> quote_identifier('odd"name')
    '"odd""name"'
    """
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """A string as a SQL literal, for the few places (COPY ... TO) that take no parameter.

    >>> quote_literal("it's")
    "'it''s'"
    """
    if "\x00" in text:
        raise ValueError("a NUL character cannot appear in a path")
    return "'" + text.replace("'", "''") + "'"


@cache
def sql_file(name: str) -> str:
    """The text of etl/sql/<name>.sql, read once."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def statement(name: str, /, *, literals: dict[str, str] | None = None,
              **identifiers: str | Sequence[str] | int) -> str:
    """etl/sql/<name>.sql with each `{key}` filled; a placeholder without a value is an
    error, so a statement never runs half-filled. What fills it:

    - a name: the quoted identifier; dotted ones ("previous.corrections") part by part;
    - a list of names: the quoted identifiers, comma-separated (a column list);
    - a number n: n parameter marks, "?, ?, ?" (the values are still bound);
    - `literals[key]`: a quoted string literal, for COPY ... TO, which takes no parameter.

    >>> statement("store/insert_row", table="mentions_aid", columns=["a", "b"], values=2)
    'insert into "mentions_aid" ("a", "b") values (?, ?)'
    """
    literals = literals or {}

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in literals:
            return quote_literal(literals[key])
        if key not in identifiers:
            raise KeyError(f"etl/sql/{name}.sql needs {{{key}}}")
        value = identifiers[key]
        if isinstance(value, bool):
            raise TypeError(f"{{{key}}} takes a name, names or a count, not {value!r}")
        if isinstance(value, int):
            return ", ".join("?" for _ in range(value))
        if isinstance(value, str):
            return ".".join(quote_identifier(part) for part in value.split("."))
        return ", ".join(quote_identifier(part) for part in value)

    return _PLACEHOLDER.sub(fill, _body(name))


def _body(name: str) -> str:
    """The statement of a file without its comment lines (they explain the placeholders,
    which must not be filled there)."""
    lines = sql_file(name).splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("--")).strip()


def execute(con: duckdb.DuckDBPyConnection, name: str, params: Any = None, /, *,
            literals: dict[str, str] | None = None,
            **identifiers: str | Sequence[str] | int) -> duckdb.DuckDBPyConnection:
    """Run etl/sql/<name>.sql on `con` with `params` bound; returns the cursor."""
    sql = statement(name, literals=literals, **identifiers)
    return con.execute(sql, params) if params is not None else con.execute(sql)
