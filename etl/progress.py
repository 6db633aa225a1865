"""Progress of a long run: a one-line bar on a terminal, a plain line now and then in CI."""

from __future__ import annotations

import sys
import time
from typing import TextIO

# Nothing is shown in the first second: a short run prints only its summary.
QUIET_SECONDS = 1.0
# Off a terminal (CI logs, pipes) a line is written at every tenth of the work, or when
# this many seconds have passed since the last line, whichever comes first.
PLAIN_EVERY_SECONDS = 5.0
# On a terminal the bar is redrawn at most this often, so drawing never costs real time.
BAR_EVERY_SECONDS = 0.1
BAR_WIDTH = 30


def format_seconds(seconds: float) -> str:
    """Seconds as m:ss or h:mm:ss, for an ETA.

    >>> format_seconds(75)
    '1:15'
    >>> format_seconds(3725)
    '1:02:05'
    """
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """Counts finished items out of a known total and shows it on `stream`.

    `total` is an estimate (files are counted before reading, and a file may hold several
    articles), so the count is shown as it is and the bar is capped at full.
    """

    def __init__(
        self,
        total: int,
        label: str = "articles",
        stream: TextIO | None = None,
        tty: bool | None = None,
        quiet_seconds: float = QUIET_SECONDS,
    ) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.quiet_seconds = quiet_seconds
        self.count = 0
        self.started = time.monotonic()
        self._last_draw = self.started
        self._last_tenth = 0
        self._shown = False

    def advance(self, n: int = 1) -> None:
        """Record n more finished items and redraw when it is time to."""
        self.count += n
        now = time.monotonic()
        if now - self.started < self.quiet_seconds:
            return
        if self.tty:
            if now - self._last_draw >= BAR_EVERY_SECONDS or self.count == self.total:
                self._draw_bar(now)
        else:
            tenth = self.count * 10 // self.total if self.total else 0
            if tenth > self._last_tenth or now - self._last_draw >= PLAIN_EVERY_SECONDS:
                self._last_tenth = tenth
                self._write_line(now)

    def close(self) -> None:
        """Finish the bar (or the last plain line) so what follows starts on a clean line;
        nothing is written when nothing was shown."""
        if not self._shown:
            return
        now = time.monotonic()
        if self.tty:
            self._draw_bar(now)
            self.stream.write("\n")
        elif self._last_tenth < 10:
            self._write_line(now)
        self.stream.flush()
        self._shown = False  # closed: a second close writes nothing

    def _status(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.count / elapsed
        text = f"{self.count}/{self.total} {self.label}, {rate:.1f}/s"
        if self.count < self.total and rate > 0:
            text += f", ETA {format_seconds((self.total - self.count) / rate)}"
        else:
            text += f", {format_seconds(elapsed)} elapsed"
        return text

    def _draw_bar(self, now: float) -> None:
        done = min(self.count / self.total, 1.0) if self.total else 1.0
        filled = int(done * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done:4.0%} {self._status(now)}\x1b[K")
        self.stream.flush()
        self._last_draw = now
        self._shown = True

    def _write_line(self, now: float) -> None:
        self.stream.write(self._status(now) + "\n")
        self.stream.flush()
        self._last_draw = now
        self._shown = True
