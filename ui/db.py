"""The read-only DuckDB connection the dashboard reads through, renewed when the file changes.

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
from pathlib import Path

import duckdb
import streamlit as st

from etl.settings import db_path

MACROS_SQL = (Path(__file__).resolve().parent / "sql" / "macros.sql").read_text(encoding="utf-8")


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
    con.execute("attach ? as shuttle (read_only)", [path])
    # Past the attach, no query of the dashboard needs a file: no COPY TO, read_csv or
    # other ATTACH through this connection, and no setting may turn that back on.
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return Handle(path=path, stamp=stamp, con=con)


def cursor(handle: Handle) -> duckdb.DuckDBPyConnection:
    """A connection of its own for one script run, reading `shuttle`, with the query macros.

    DuckDB connections are not for concurrent use; sessions run in threads, so each run
    takes its own cursor of the shared in-memory instance.
    """
    con = handle.con.cursor()
    con.execute("use shuttle")
    con.execute(MACROS_SQL)
    return con


def _unchanged(handle: Handle) -> bool:
    try:
        return file_stamp(handle.path) == handle.stamp
    except OSError:
        return False


# No on_release close: a session still running on the old file keeps its cursor until its
# run ends; the old instance is freed when the last reference goes.
@st.cache_resource(validate=_unchanged, show_spinner=False, max_entries=4)
def _cached_handle(path: str) -> Handle:
    return open_handle(path)


def connection(path: str | os.PathLike[str] | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current database file ($SHUTTLE_DB or data/)."""
    return cursor(_cached_handle(str(db_path(path))))
