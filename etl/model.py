"""The records passed between reading, extraction and loading."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from etl.oneline import one_line


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article body; start/end are character offsets into Article.text."""

    n: int
    start: int
    end: int
    text: str
    boilerplate: bool = False
    segment: int = 0


@dataclass(frozen=True)
class Segment:
    """A run of the body that tells one story; a page may append unrelated stories.

    `anchor` is the date that weekdays and "yesterday" are read against in this segment:
    the publication date for the first segment, the segment's own stated date otherwise.
    """

    n: int
    start: int
    end: int
    anchor: date | None
    anchor_precision: str  # day | month | year | unknown


@dataclass
class Article:
    """An article as read from disk; `text` is the normalised body that offsets refer to."""

    id: str
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_precision: str = "unknown"  # day | approx | unknown
    language: str = "en"
    path: str | None = None
    sha256: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """A file (or line of a file) that could not be read, with the reason in plain words."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return one_line(f"{where}: {self.reason}")  # a name or reason cannot forge a line
