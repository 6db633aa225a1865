"""Reading articles: Markdown with front matter, plain text, saved HTML pages and JSON lines.

`iter_articles` walks files and directories and yields one `Article` per article read and
one `Problem` per file (or line of a .jsonl file) that could not be read, or whose
publication date had to be ignored; it never raises for bad input. A Problem about an
article that *was* read (a date ignored) comes right after that Article, with the same
path and line (etl.build relies on this to list it as a warning, not a skipped file).
Every Article comes fully prepared by `parse_article_text`: normalised text, sentences
with offsets and boilerplate flags, and segments (appended stories) with their anchors.

    formats.py   the readers per format      files.py      paths and bytes
    article.py   parse_article_text          normalise.py  the body's one normal form
    sentences.py sentences with offsets      boilerplate.py  page chrome, flagged not cut
    segments.py  appended stories and the date each is read against
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from etl import settings
from etl.model import Article, Problem
from etl.oneline import one_line, shown_path
from etl.read.article import PRECISIONS, parse_article_text
from etl.read.files import _expand, _line_of, _megabytes, decode_bytes
from etl.read.formats import (
    _read_html,
    _read_jsonl,
    _read_markdown_or_text,
    html_text,
    parse_published,
)

__all__ = ["PRECISIONS", "SUPPORTED_SUFFIXES", "KnownFiles", "UnchangedFile", "_expand",
           "decode_bytes", "html_text", "iter_articles", "iter_file", "parse_article_text",
           "parse_published", "read_file"]

log = logging.getLogger("etl.read")

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True)
class UnchangedFile:
    """A file not read again: the caller knew its articles (`ids`) from an earlier read."""

    path: str
    ids: tuple[str, ...]


# Given a file and its stat taken before any read, the ids of the articles it held when it
# was last read if it is known unchanged (same size and modification time), else None.
KnownFiles = Callable[[Path, os.stat_result], Sequence[str] | None]


def iter_articles(
    paths: Iterable[str | Path], known: KnownFiles | None = None, *,
    follow_links: bool = False,
) -> Iterator[Article | Problem | UnchangedFile]:
    """Read every article under `paths` (files, or directories read recursively in sorted
    order, skipping hidden files and README.md). Yields Articles and Problems; an id seen
    before in this call is a Problem naming the file that had it first.

    With `known`, a file it vouches for is not read (no decode, hash or parse: the cost of
    an incremental build is then in the files that changed): an UnchangedFile with its
    article ids comes instead, unless one of those ids was already seen in this call, in
    which case the file is read so the duplicate is reported as usual.

    A symbolic link in a folder is read only when it resolves inside one of the folders
    given, unless `follow_links` (see files._expand).
    """
    paths = [Path(p) for p in paths]
    folders = tuple(p.resolve() for p in paths if p.is_dir())
    first_seen: dict[str, str] = {}
    done: set[object] = set()
    for given in paths:
        for path in _expand(given, follow_links, folders):
            if isinstance(path, Problem):
                yield path
                continue
            # the same file named twice (a link, a second path to it) is read once; its
            # device and inode say so from one stat, which `known` reuses
            try:
                info: os.stat_result | None = path.stat()
            except OSError:
                info = None  # read_file reports what is wrong with it
            same_file = (info.st_dev, info.st_ino) if info is not None else path.absolute()
            if same_file in done:
                continue
            done.add(same_file)
            if known is not None:
                ids = known(path, info) if info is not None else None
                if ids and not any(i in first_seen for i in ids):
                    first_seen.update((i, shown_path(path)) for i in ids)
                    yield UnchangedFile(shown_path(path), tuple(ids))
                    continue
            dropped: tuple[str, int | None] | None = None
            for item in iter_file(path):
                if isinstance(item, Article):
                    line = _line_of(item)
                    if item.id in first_seen:
                        yield Problem(shown_path(path), f"duplicate id {item.id}, first seen in "
                                      f"{first_seen[item.id]}", line)
                        dropped = (shown_path(path), line)
                        continue
                    dropped = None
                    first_seen[item.id] = f"{item.path}:{line}" if line else str(item.path)
                elif (item.path, item.line) == dropped:
                    continue  # a warning about the duplicate just dropped
                yield item


def read_file(path: Path) -> list[Article | Problem]:
    """All articles of one file, with a Problem for each part that could not be read."""
    return list(iter_file(path))


def iter_file(path: Path) -> Iterator[Article | Problem]:
    """The articles of one file as they are read (a .jsonl file one line at a time), with a
    Problem for each part that could not be read; never raises for bad input."""
    path = Path(path)
    name = shown_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = one_line(suffix) or "no extension"
        yield Problem(name, f"unsupported file type ({shown}); expected .md, .markdown, "
                      ".txt, .html, .htm or .jsonl")
        return
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or device would block or never end
            yield Problem(name, "not a regular file")
            return
        if suffix in JSONL_SUFFIXES:
            handle = path.open("rb")
        else:
            size = info.st_size
            if size == 0:
                yield Problem(name, "file is empty (0 bytes)")
                return
            if size > settings.MAX_ARTICLE_BYTES:
                yield Problem(name, f"file is {_megabytes(size)}, over the "
                              f"{_megabytes(settings.MAX_ARTICLE_BYTES)} limit")
                return
            data = path.read_bytes()
    except OSError as error:
        yield Problem(name, f"cannot read the file: {error.strerror or error}")
        return
    if suffix in JSONL_SUFFIXES:
        try:
            yield from _read_jsonl(handle, path)
        except OSError as error:  # the disk failed mid-file: the lines read so far stand
            yield Problem(name, f"cannot read the file: {error.strerror or error}")
        return
    yield from _read_whole(data, path, name, suffix)


def _read_whole(data: bytes, path: Path, name: str, suffix: str) -> list[Article | Problem]:
    """The articles of a file read whole (Markdown, text, HTML)."""
    try:
        decoded = decode_bytes(data, name)
        if decoded is None:
            return [Problem(name, "binary or undecodable file")]
        if not decoded.strip():
            return [Problem(name, "file has only whitespace")]
        sha = hashlib.sha256(data).hexdigest()
        if suffix in HTML_SUFFIXES:
            return _read_html(decoded, path, sha)
        return _read_markdown_or_text(decoded, path, sha, markdown=suffix in MARKDOWN_SUFFIXES)
    except Exception as error:  # a reader bug must not stop a build: report it by file
        log.exception("unexpected error reading %s", name)
        return [Problem(name, f"unexpected error while reading: {error!r}")]
