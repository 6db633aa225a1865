"""The write side's SQL statements, one file each under etl/sql/, loaded by name.

Python holds no SQL of its own: it names a file (`statement("store/delete_rows")`) and binds
the values as parameters. Where a statement must name a table or a catalogue, which SQL
takes no parameter for, the file writes `{name}` and the caller gives the identifier: it
is always quoted here (quote_identifier), never pasted in as it came.
"""

from __future__ import annotations

import re
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


def statement(name: str, **identifiers: str) -> str:
    """etl/sql/<name>.sql with each `{key}` replaced by the quoted identifier given for it;
    a placeholder without a value is an error, so a statement never runs half-filled.

    Identifiers may be dotted ("previous.corrections"): each part is quoted on its own.
    """
    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in identifiers:
            raise KeyError(f"etl/sql/{name}.sql needs {{{key}}}")
        return ".".join(quote_identifier(part) for part in str(identifiers[key]).split("."))

    return _PLACEHOLDER.sub(fill, sql_file(name))


def execute(con: duckdb.DuckDBPyConnection, name: str, params: Any = None,
            **identifiers: str) -> duckdb.DuckDBPyConnection:
    """Run etl/sql/<name>.sql on `con` with `params` bound; returns the cursor."""
    sql = statement(name, **identifiers)
    return con.execute(sql, params) if params is not None else con.execute(sql)
