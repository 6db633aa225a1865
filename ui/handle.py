"""The read-only DuckDB handle on the database file, without streamlit: ui/db.py caches it
for the dashboard and renews it when the file changes; the exporter opens one directly.

The build writes a new file and renames it over the old one. A DuckDB database opened by
path stays bound to the file it opened (and DuckDB's per-process instance cache would hand
the old one back), so the cached handle remembers the file's inode, mtime and size and is
dropped when they change. The database is ATTACHed read-only to a private in-memory
instance, which keeps it out of DuckDB's path-keyed instance cache: the next run opens the
new file while a run still busy on the old one finishes undisturbed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import duckdb

from ui.queries import sql_text


@dataclass(frozen=True)
class Handle:
    """An in-memory DuckDB with the database file attached read-only as `shuttle`."""

    path: str
    stamp: tuple[int, int, int]
    con: duckdb.DuckDBPyConnection


def file_stamp(path: str | os.PathLike[str]) -> tuple[int, int, int]:
    """(inode, mtime in ns, size): changes when the file is rewritten or replaced."""
    info = os.stat(path)
    return info.st_ino, info.st_mtime_ns, info.st_size


def open_handle(path: str | os.PathLike[str]) -> Handle:
    """Attach the database at `path` read-only to a fresh in-memory DuckDB."""
    path = str(path)
    stamp = file_stamp(path)
    con = duckdb.connect(":memory:", config={"python_enable_replacements": False})
    con.execute(sql_text("attach_database"), [path])
    # no file access past the attach (ui/sql/lock_down.sql says why)
    con.execute(sql_text("lock_down"))
    return Handle(path=path, stamp=stamp, con=con)


def cursor(handle: Handle) -> duckdb.DuckDBPyConnection:
    """A connection of its own for one script run, reading `shuttle`, with the query macros.

    DuckDB connections are not for concurrent use; sessions run in threads, so each run
    takes its own cursor of the shared in-memory instance.
    """
    con = handle.con.cursor()
    con.execute(sql_text("use_database"))
    con.execute(sql_text("macros"))
    return con
