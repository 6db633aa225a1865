"""Files and bytes: which files a path holds (recursively, sorted, hidden files and README.md
skipped), and decoding their bytes (BOMs, UTF-8, a detected charset as the last resort)."""

from __future__ import annotations

import codecs
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import charset_normalizer

from etl.model import Article, Problem
from etl.oneline import shown_path

log = logging.getLogger("etl.read")
MAX_CONTROL_SHARE = 0.30
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _expand(path: Path, follow_links: bool = False,
            inside: tuple[Path, ...] = ()) -> Iterator[Path | Problem]:
    """The files a path names: itself, or a folder's files recursively in sorted order
    (hidden files and README.md skipped). A symbolic link found in a folder is read only
    when it resolves inside that folder (or one of `inside`, the other folders given), or
    with `follow_links`: a link to /etc/passwd in an articles folder is not an article."""
    if path.is_dir():
        errors: list[OSError] = []
        folders = (path.resolve(), *inside)
        for root, dirs, files in os.walk(path, onerror=errors.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in sorted(files):
                if file.startswith(".") or file.lower() == "readme.md":
                    continue
                found = Path(root) / file
                outside = None if follow_links else _outside(found, folders)
                yield found if outside is None else Problem(
                    shown_path(found), f"a link to {shown_path(outside)}, outside "
                    f"{shown_path(path)}; not read (--follow-links reads it)")
            yield from _folder_problems(errors, path)
        yield from _folder_problems(errors, path)  # the top folder itself unreadable
    elif path.is_file():
        yield path
    elif path.exists():
        yield Problem(shown_path(path), "not a regular file or directory")
    else:
        yield Problem(shown_path(path), "no such file or directory")


def _outside(file: Path, folders: tuple[Path, ...]) -> Path | None:
    """Where a symbolic link leads when that is outside every one of `folders`, else None
    (a file that is not a link is inside the folder it was found in)."""
    if not file.is_symlink():
        return None
    try:
        target = file.resolve(strict=False)
    except (OSError, RuntimeError):  # a loop of links
        return Path(os.readlink(file))
    return None if any(target.is_relative_to(f) for f in folders) else target


def _folder_problems(errors: list[OSError], top: Path) -> Iterator[Problem]:
    while errors:
        error = errors.pop(0)
        yield Problem(shown_path(error.filename or top), f"cannot read the folder: "
                      f"{error.strerror or error}")


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:g} MB" if value == int(value) else f"{value:.1f} MB"


def _line_of(article: Article) -> int | None:
    """The line of a .jsonl article (etl.build reads it too), None for other files."""
    return getattr(article, "_line", None)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str = "<bytes>") -> str | None:
    """Text of `data`, or None when it is binary or no encoding fits.

    UTF-8 first (a BOM is stripped; UTF-16/32 with a BOM are honoured). Bytes that are
    not UTF-8 are detected with charset-normalizer; ties among the least chaotic guesses go
    to cp1252, the commonest legacy encoding of English pages. A fallback is logged as a
    warning naming the file and the encoding. NUL bytes (without a UTF-16/32 BOM) or more
    than 30% control characters mean binary.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return None if _looks_binary(text) else text
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_fallback(data, name)
        if text is None:
            return None
    return None if _looks_binary(text) else text


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text)


def _decode_fallback(data: bytes, name: str) -> str | None:
    # Mostly UTF-8 with a few stray bytes (a scrape that mixed encodings): keep the UTF-8.
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = sum(1 for ch in replaced if ord(ch) > 127) - bad
    if good > 0 and bad * 10 <= good:
        log.warning("%s: not valid UTF-8; decoded as UTF-8 with %d bad byte sequence(s) "
                    "replaced", name, bad)
        return replaced
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    encoding = best.encoding
    least_chaos = min(m.chaos for m in matches)
    if any(m.chaos <= least_chaos and "cp1252" in m.could_be_from_charset for m in matches):
        encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding, text = best.encoding, str(best)
    log.warning("%s: not valid UTF-8; decoded as %s", name, encoding)
    return text
