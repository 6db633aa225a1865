"""python -m etl export: every table of the database as one Parquet or CSV file."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from etl import statements


def export_tables(db: Path, out: Path, fmt: str = "parquet") -> list[tuple[Path, int]]:
    """Every table and view of the database to one file per table in `out`.

    Returns [(file, row count), ...]. Names come from the catalogue; the file name keeps
    only safe characters, and the path reaches COPY as a quoted literal (COPY takes no
    parameter for it; etl/statements.py quotes it).
    """
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown export format {fmt!r}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [name for (name,) in statements.execute(con, "export/tables").fetchall()]
        for name in tables:
            stem = re.sub(r"[^A-Za-z0-9_.-]", "_", name).lstrip(".") or "table"
            target = out / f"{stem}.{fmt}"
            statements.execute(con, f"export/copy_{fmt}", table=name,
                               literals={"target": str(target)})
            (count,) = statements.execute(con, "store/count_rows", table=name).fetchone()
            written.append((target, count))
    finally:
        con.close()
    return written
