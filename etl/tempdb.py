"""The atomic build file: a build writes a temp database beside the real one and swaps it in
with os.replace only when complete, so a reader of the old file keeps its rows and a build
that fails, runs out of memory or is killed leaves the old database as it was."""

from __future__ import annotations

import glob
import itertools
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from etl import settings, statements
from etl.oneline import first_line, shown_path
from etl.stopping import raise_if_stopped


class BuildError(Exception):
    """The build could not complete; the previous database is untouched."""


def _is_duckdb_file(path: Path) -> bool:
    """True when the file starts like a DuckDB database (the magic bytes follow an
    8-byte checksum) or is empty; anything else is not ours to overwrite."""
    with path.open("rb") as handle:
        head = handle.read(12)
    return not head or head[8:12] == b"DUCK"


_temp_counter = itertools.count()


def _remove_quietly(*paths: Path) -> None:
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_dead_temps(db: Path) -> list[Path]:
    """Delete the temp files (and WALs) of builds of `db` whose process is gone: a build
    killed (kill -9, power loss) never reaches its own clean-up, and each would leave a
    database-sized file behind. A live build's file, on this machine, is left alone."""
    removed = []
    for path in db.parent.glob(f"{glob.escape(db.name)}.tmp-*"):
        match = re.fullmatch(re.escape(db.name)
                             + r"\.tmp-(\d+)-\d+(?:\.compact)?(?:\.wal|\.tmp)?",
                             path.name)
        if match and not _pid_alive(int(match.group(1))):
            if path.is_dir():  # DuckDB's spill folder, <temp file>.tmp
                shutil.rmtree(path, ignore_errors=True)
            else:
                _remove_quietly(path)
            removed.append(path)
    return removed


def _stamp(db: Path) -> tuple[int, int, int] | None:
    """(inode, mtime, size) of the database file, None when there is none."""
    try:
        info = db.stat()
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def check_target(db: Path) -> None:
    """Make the folder of `db` when missing (build/check.duckdb on a fresh clone); a file in
    the way, or a `db` that is not a DuckDB database, is an error, never replaced."""
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise BuildError(f"cannot write {shown_path(db)}: {shown_path(db.parent)} is not a "
                         "directory") from None
    if db.is_dir() or (db.exists() and not _is_duckdb_file(db)):
        raise BuildError(f"will not overwrite {shown_path(db)}: it is not a DuckDB database")


@contextmanager
def temp_database(db: Path, *, from_previous: bool = False
                  ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a new temp file beside `db` (a byte copy of it with `from_previous`),
    swapped in over `db` when the block ends normally. On any error, and when the block is
    left by an exception, the temp file goes and `db` stays as it was; running out of
    memory becomes a BuildError that names the limit."""
    remove_dead_temps(db)
    before = _stamp(db)
    temp = db.with_name(f"{db.name}.tmp-{os.getpid()}-{next(_temp_counter)}")
    _remove_quietly(temp, Path(f"{temp}.wal"))
    try:
        if from_previous:
            shutil.copyfile(db, temp)
        con = duckdb.connect(str(temp))
    except (OSError, duckdb.Error) as err:
        _remove_quietly(temp, Path(f"{temp}.wal"))
        raise BuildError(f"cannot write {shown_path(temp)}: {_reason(err)}") from err
    try:
        yield con
        raise_if_stopped()  # a Ctrl-C lost on its way up is no finished build
        con.execute("checkpoint")
        compact_if_wasteful(con, temp)
        con.close()
        if _stamp(db) != before:  # a writer that does not take the build lock
            raise BuildError(f"{shown_path(db)} was replaced while this build ran, by a "
                             "writer that does not take the build lock; this build's result "
                             "was not swapped in over it")
        try:
            os.replace(temp, db)
        except OSError as err:
            raise BuildError(f"cannot replace {shown_path(db)}: {_reason(err)}") from err
    except (MemoryError, duckdb.OutOfMemoryException) as err:
        _close_quietly(con)
        _remove_quietly(temp, Path(f"{temp}.wal"), *_compact_files(temp))
        raise BuildError(f"out of memory ({type(err).__name__}: {first_line(err)}); the limit is "
                         f"{settings.MAX_BUILD_MEMORY_MB} MB ($SHUTTLE_BUILD_MEMORY_MB)") from err
    except (OSError, duckdb.Error) as err:  # a full disk, a folder made read-only
        _close_quietly(con)
        _remove_quietly(temp, Path(f"{temp}.wal"), *_compact_files(temp))
        if isinstance(err, OSError) or _reason(err) != first_line(err):
            raise BuildError(f"cannot write the new database beside {shown_path(db)}: "
                             f"{_reason(err)}") from err
        raise
    except BaseException:  # Ctrl-C and SIGTERM (etl/__main__.py) too: nothing left behind
        _close_quietly(con)
        _remove_quietly(temp, Path(f"{temp}.wal"), *_compact_files(temp))
        raise


def _compact_files(temp: Path) -> tuple[Path, Path]:
    """The fresh file a compaction of `temp` writes, and its WAL."""
    return Path(f"{temp}.compact"), Path(f"{temp}.compact.wal")


def wasted_share(con: duckdb.DuckDBPyConnection) -> float:
    """The share of the database file of `con` in free blocks, after a checkpoint."""
    total, free = statements.execute(con, "store/database_blocks").fetchone()
    return free / total if total else 0.0


def compact_if_wasteful(con: duckdb.DuckDBPyConnection, temp: Path) -> bool:
    """Copy the database into a fresh file when more than settings.COMPACT_WASTE of it is
    free blocks, and put that file in `temp`'s place; True when it did. `con` is closed
    then. An incremental build starts from a byte copy of the last database and replaces
    every mart, so each leaves the old marts' blocks free: 16 MB fresh became 27-31 MB
    after one to five incremental builds of 2,000 articles, and DuckDB does not give free
    blocks back to the file system."""
    if wasted_share(con) <= settings.COMPACT_WASTE:
        return False
    fresh, fresh_wal = _compact_files(temp)
    _remove_quietly(fresh, fresh_wal)
    source = statements.execute(con, "store/current_database").fetchone()[0]
    statements.execute(con, "store/attach_compact", [str(fresh)])
    statements.execute(con, "store/copy_database", source=source, target="compact")
    statements.execute(con, "store/detach_compact")
    con.close()
    os.replace(fresh, temp)
    _remove_quietly(Path(f"{temp}.wal"))
    return True


def _close_quietly(con: duckdb.DuckDBPyConnection) -> None:
    """Close a connection that may be unusable (DuckDB invalidates it after a fatal error)."""
    try:
        con.close()
    except duckdb.Error:
        pass


_WRITE_FAILURES = ("No space left on device", "Read-only file system", "Permission denied",
                   "Disk quota exceeded", "File too large")


def _reason(err: BaseException) -> str:
    """What went wrong writing, in a few words: the OS's own ("No space left on device")
    when it has one, else the first line of DuckDB's message."""
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    text = first_line(err)
    for known in _WRITE_FAILURES:
        if known.lower() in text.lower():
            return f"{known} ({text})"
    return text
