"""Is a database file whole? A file cut short (a full disk, a copy that stopped) or with one
bad block opens, and fails only when the damaged part is read, so an incremental build on
it failed with a DuckDB traceback wherever it touched that part, every time. Reading every
block of every table once finds the damage before the build starts from the file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl import statements
from etl.oneline import first_line

# Rows fetched at once while reading a table through: memory stays flat on a large file.
_BATCH_ROWS = 100_000


def damage_of(db: Path) -> str | None:
    """None when every table of the database at `db` reads to its end, else the first
    error in one line (a missing or empty file is not damaged: there is nothing to read)."""
    db = Path(db)
    if not db.is_file() or db.stat().st_size == 0:
        return None
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            tables = [t for (t,) in statements.execute(con, "store/base_tables").fetchall()]
            for table in tables:
                query = statements.statement("store/read_table", table=table)
                reader = con.sql(query).to_arrow_reader(_BATCH_ROWS)
                for _ in reader:
                    pass
    except duckdb.Error as err:
        return f"{type(err).__name__}: {first_line(err)}"
    return None
