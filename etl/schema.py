"""The raw tables: etl/sql/schema.sql filled with the fact contract's accepted values, its
fingerprint (a database with the same one has the same raw tables) and the catalogue's view
of the columns the loader writes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

from etl import statements
from etl.facts import schema_values

SCHEMA_SQL = Path(__file__).with_name("sql") / "schema.sql"
_PLACEHOLDER = re.compile(r"\{([a-z_]+(?::[a-z_.]+)?)\}")


def schema_sql() -> str:
    """etl/sql/schema.sql with its {accepted:TYPE.FIELD} and {fact_types} placeholders
    filled from the fact contract (etl/facts.py); an unknown placeholder is an error."""
    values = schema_values()

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise KeyError(f"schema.sql names {match.group(0)}, which etl/facts.py lacks")
        return values[match.group(1)]

    return _PLACEHOLDER.sub(fill, SCHEMA_SQL.read_text(encoding="utf-8"))


def schema_fingerprint() -> str:
    """A hash of the schema as created (schema.sql with the contract's values): a database
    whose build_info names the same one has the same raw tables, so a build can start from
    a copy of it."""
    return hashlib.sha256(schema_sql().encode("utf-8")).hexdigest()[:16]


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables of etl/sql/schema.sql in an empty database."""
    con.execute(schema_sql())


def table_columns(
    con: duckdb.DuckDBPyConnection, schema: str = "main", catalog: str | None = None
) -> dict[str, list[tuple[str, str]]]:
    """{table: [(column, DuckDB type), ...]} in column order, read from the catalogue."""
    rows = statements.execute(con, "store/table_columns", [schema, catalog]).fetchall()
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        columns.setdefault(table, []).append((column, data_type))
    return columns
