"""One build at a time per database: an exclusive lock on a file beside it (<db>.lock).

Two builds of one database used to both run to the end, and the one to finish last won: a
3,000-article result was replaced by a 41-article one without a word. A build now holds
the lock from before it reads the old database until after it has swapped the new one in;
a second build waits for it (settings.BUILD_WAIT_SECONDS) and then starts from the result
of the first, or stops with a message naming the build that holds it.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from etl import settings
from etl.oneline import shown_path
from etl.tempdb import BuildError


def lock_path(db: Path) -> Path:
    """The lock file of a database: beside it, named after it."""
    return db.with_name(f"{db.name}.lock")


@contextmanager
def build_lock(db: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the build lock of `db` for the block; wait up to `wait` seconds (default
    settings.BUILD_WAIT_SECONDS) for another build to release it, then BuildError.

    The lock is flock(2) on an open file, so it goes with the process however that ends
    (kill -9 too) and never needs clearing by hand. The file is removed on release; a build
    that opened it just before checks, once it holds the lock, that the path still names
    the file it locked, and otherwise takes the new one.
    """
    path = lock_path(db)
    wait = settings.BUILD_WAIT_SECONDS if wait is None else wait
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise BuildError(f"cannot write {shown_path(path)}: "
                             f"{err.strerror or err}") from err
        if _lock_in_time(fd, deadline):
            if _same_file(fd, path):
                break
            os.close(fd)  # released and removed meanwhile: lock the file there now
            continue
        holder = _holder(fd)
        os.close(fd)
        raise BuildError(f"another build of {shown_path(db)} is running{holder}; waited "
                         f"{wait:g} s for it (${settings.BUILD_WAIT_ENV}); run this one "
                         "again when it has finished")
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        try:
            path.unlink()
        except OSError:
            pass
        os.close(fd)  # releases the lock


def _lock_in_time(fd: int, deadline: float) -> bool:
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def _same_file(fd: int, path: Path) -> bool:
    try:
        here = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)


def _holder(fd: int) -> str:
    """' (process N)', as the holder wrote it into the lock file, or ''."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (process {text})" if text.isdigit() else ""
