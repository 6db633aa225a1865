"""Ctrl-C and SIGTERM as exceptions that wait for the end of a critical section.

The command line turns both signals into exceptions, so a build's clean-up runs and it ends
in one line. An exception raised in the middle of starting or stopping worker processes,
though, left a half-started worker that failed with a traceback of its own once the build
was gone. Inside `deferred_stops()` a stop is kept and raised when the section ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

_depth = 0
_pending: list[BaseException] = []
_received: list[BaseException] = []


def stop(exception: BaseException) -> None:
    """Raise `exception` now, or at the end of the critical section running now. Called
    from a signal handler, which Python runs in the main thread between two bytecodes.
    The stop is also kept for `raise_if_stopped`: an exception raised while a C extension
    is being imported (spaCy's, on the first article) can be lost inside the import."""
    if not _received:
        _received.append(exception)
    if _depth:
        if not _pending:
            _pending.append(exception)
        return
    raise exception


def raise_if_stopped() -> None:
    """Raise a stop that came and was lost on its way up: called between articles and
    before the new database is swapped in, so a Ctrl-C is never a finished build."""
    if _received:
        raise _received.pop()


@contextmanager
def deferred_stops() -> Iterator[None]:
    """A critical section: a stop that comes meanwhile is raised when it ends."""
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if not _depth and _pending:
            raise _pending.pop()
