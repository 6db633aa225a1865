"""The incremental state between builds: the fingerprint of the code that extracts facts,
which input files are unchanged since the last build (not read again), which articles are
(their facts reused), and the file stats kept for the next build."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import settings, statements
from etl.load import Loader
from etl.oneline import shown_path
from etl.schema import schema_fingerprint

# The code and data that decide which facts an article yields. A database built with a
# different fingerprint has facts from other rules, so none of them is reused. The write
# side (the build, the loader, the marts, the corrections) is left out: it changes no fact;
# a package (corrections) is named by its folder.
_FINGERPRINT_SKIPS = {"__main__.py", "build.py", "load.py", "progress.py", "events.py",
                      "engine_dask.py", "pool.py", "tempdb.py", "incremental.py", "schema.py",
                      "export.py", "statements.py", "corrections"}

# A file modified this close to the build's start may change again within the same mtime
# tick without changing size; its stat is not kept, so the next build reads it again.
RACY_SECONDS = 2.0


def code_fingerprint(etl_dir: Path | None = None) -> str:
    """sha256 over the extraction code (etl/**.py, etl/sql/schema.sql), the data files of
    etl/extract/ (a lexicon decides facts as much as code does) and data/reference.
    `etl_dir` is this package unless a test gives a copy."""
    etl_dir = etl_dir or Path(__file__).resolve().parent
    code = [p for p in etl_dir.rglob("*.py")
            if p.relative_to(etl_dir).parts[0] not in _FINGERPRINT_SKIPS]
    code += [p for p in (etl_dir / "extract").rglob("*") if p.is_file() and p.suffix != ".py"
             and p.suffix != ".pyc"]
    code.append(etl_dir / "sql" / "schema.sql")
    reference = settings.REFERENCE_DIR
    data = [p for p in reference.rglob("*") if p.is_file()] if reference.is_dir() else []
    digest = hashlib.sha256()
    for base, files in ((etl_dir, code), (reference, data)):
        for file in sorted(files):
            if "__pycache__" in file.parts:
                continue
            digest.update(file.relative_to(base).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()


FileStats = dict[str, tuple[int, int]]


def known_files(
    con: duckdb.DuckDBPyConnection, previous: dict, redo: set[str], started: float,
) -> tuple[Callable[[Path, os.stat_result], list[str] | None], FileStats]:
    """The reader's `known` hook, and the stats it collects for build_files.

    A file is vouched for (not read again, its articles copied from the previous database)
    when the previous build, by the same extraction code, read it at the same size and
    mtime, loaded its articles with no problem about the file itself, and none of them has
    an analyst correction to reapply. Every other file is read, and a changed mtime with
    the same content still reuses the facts by their hash. The hook records each file's
    stat as taken before its read, for the next build.
    """
    stats: FileStats = {}
    vouched: dict[str, tuple[int, int, list[str]]] = {}
    if previous:
        try:
            rows = statements.execute(con, "incremental/vouched_files").fetchall()
        except duckdb.Error:
            rows = []  # a database from before build_files: every file is read
        vouched = {path: (size, mtime, ids) for path, size, mtime, ids in rows
                   if not redo.intersection(ids)}
    racy_after = int((started - RACY_SECONDS) * 1e9)

    def known(path: Path, info: os.stat_result) -> list[str] | None:
        name = shown_path(path)  # as etl.read names it in articles.path
        if info.st_mtime_ns < racy_after:
            stats[name] = (info.st_size, info.st_mtime_ns)
        old = vouched.get(name)
        if old is not None and old[:2] == (info.st_size, info.st_mtime_ns):
            return old[2]
        return None

    return known, stats


def store_file_stats(con: duckdb.DuckDBPyConnection, stats: FileStats) -> None:
    """Size and mtime of every file whose articles are in this database."""
    if not stats:
        return
    table = pa.table({
        "path": pa.array(list(stats), pa.string()),
        "size": pa.array([s for s, _ in stats.values()], pa.int64()),
        "mtime_ns": pa.array([m for _, m in stats.values()], pa.int64()),
    })
    con.register("file_stats", table)
    try:
        statements.execute(con, "incremental/store_file_stats")
    finally:
        con.unregister("file_stats")


def same_build_code(db: Path, fingerprint: str) -> bool:
    """True when the database at `db` was built by this extraction code on this schema: an
    incremental build then starts from a byte copy of it (Loader.start_in_place) and
    writes only what changed. Anything unreadable or older says no: the build then starts
    from an empty file and copies what it reuses."""
    if not db.is_file() or db.stat().st_size == 0:
        return False
    try:
        with duckdb.connect(str(db), read_only=True) as previous:
            info = dict(statements.execute(previous, "incremental/build_info",
                                           table="build_info").fetchall())
    except duckdb.Error:
        return False
    return (info.get("extraction_fingerprint") == fingerprint
            and info.get("schema_fingerprint") == schema_fingerprint())


def previous_articles(
    con: duckdb.DuckDBPyConnection, loader: Loader, db: Path, fingerprint: str,
    notes: list[str],
) -> dict[str, tuple[str, datetime]]:
    """{article id: (sha256, loaded_at)} of the database being replaced, attached for the
    loader to copy facts from; empty when there is none or it was built by other code."""
    if not db.exists() or db.stat().st_size == 0:
        return {}
    try:
        loader.attach_previous(db)
        info = dict(statements.execute(con, "incremental/build_info",
                                       table="previous.build_info").fetchall())
        if info.get("extraction_fingerprint") != fingerprint:
            notes.append("the extraction code changed since the last build: "
                                "every article extracted again")
            loader.detach_previous()
            return {}
        return {
            article_id: (sha, loaded_at)
            for article_id, sha, loaded_at in statements.execute(
                con, "incremental/previous_articles").fetchall()
        }
    except duckdb.Error as err:
        notes.append(f"could not read the previous database ({err}); "
                            "every article extracted again")
        try:
            loader.detach_previous()
        except duckdb.Error:
            pass  # it was never attached
        return {}
