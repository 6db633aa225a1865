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

from etl import settings


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
        match = re.fullmatch(re.escape(db.name) + r"\.tmp-(\d+)-\d+(?:\.wal|\.tmp)?",
                             path.name)
        if match and not _pid_alive(int(match.group(1))):
            if path.is_dir():  # DuckDB's spill folder, <temp file>.tmp
                shutil.rmtree(path, ignore_errors=True)
            else:
                _remove_quietly(path)
            removed.append(path)
    return removed


def check_target(db: Path) -> None:
    """Make the folder of `db` when missing (build/check.duckdb on a fresh clone); a file in
    the way, or a `db` that is not a DuckDB database, is an error, never replaced."""
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise BuildError(f"cannot write {db}: {db.parent} is not a directory") from None
    if db.is_dir() or (db.exists() and not _is_duckdb_file(db)):
        raise BuildError(f"will not overwrite {db}: it is not a DuckDB database")


@contextmanager
def temp_database(db: Path, *, from_previous: bool = False
                  ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a new temp file beside `db` (a byte copy of it with `from_previous`),
    swapped in over `db` when the block ends normally. On any error, and when the block is
    left by an exception, the temp file goes and `db` stays as it was; running out of
    memory becomes a BuildError that names the limit."""
    remove_dead_temps(db)
    temp = db.with_name(f"{db.name}.tmp-{os.getpid()}-{next(_temp_counter)}")
    _remove_quietly(temp, Path(f"{temp}.wal"))
    try:
        if from_previous:
            shutil.copyfile(db, temp)
        con = duckdb.connect(str(temp))
    except (OSError, duckdb.Error) as err:
        _remove_quietly(temp, Path(f"{temp}.wal"))
        raise BuildError(f"cannot write {temp}: {err}") from err
    try:
        yield con
        con.execute("checkpoint")
        con.close()
        try:
            os.replace(temp, db)
        except OSError as err:
            raise BuildError(f"cannot replace {db}: {err}") from err
    except (MemoryError, duckdb.OutOfMemoryException) as err:
        con.close()
        _remove_quietly(temp, Path(f"{temp}.wal"))
        raise BuildError(f"out of memory ({type(err).__name__}: {err}); the limit is "
                         f"{settings.MAX_BUILD_MEMORY_MB} MB ($SHUTTLE_BUILD_MEMORY_MB)") from err
    except BaseException:
        con.close()
        _remove_quietly(temp, Path(f"{temp}.wal"))
        raise
