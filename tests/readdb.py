"""Reading a built database in the tests: one query, read-only, the connection closed after."""

from __future__ import annotations

from pathlib import Path

import duckdb


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """The rows of `sql` on the database file `db`, opened read-only for this query only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
