"""The dashboard's DuckDB connection: the read-only handle of ui/handle.py, cached per file
with st.cache_resource and dropped when the file's inode, mtime or size change (the build
renames a new file over the old one)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import streamlit as st

from etl.integrity import damage_of
from etl.settings import db_path
from ui.handle import Handle, cursor, file_stamp, open_handle

__all__ = ["Handle", "connection", "cursor", "damage", "file_stamp", "open_handle"]


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


@st.cache_data(show_spinner=False, max_entries=8)
def _damage(path: str, stamp: tuple[int, int, int]) -> str | None:
    return damage_of(Path(path))


def damage(path: str | os.PathLike[str] | None = None) -> str | None:
    """What is wrong with the database file, if it is damaged (etl/integrity.py: every
    block read once), else None; read once per version of the file, not per page."""
    name = str(db_path(path))
    try:
        stamp = file_stamp(name)
    except OSError:
        return None
    return _damage(name, stamp)
