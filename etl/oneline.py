"""Untrusted names and reasons shown on one line: file names and article text reach the
build's summary, its log and the database, and none of them may forge a line, hide text
behind a direction override, or carry bytes that are not UTF-8 (a file name from another
system) into a database that stores only UTF-8."""

from __future__ import annotations

import os
import re

# Control characters (a newline forges a summary line, ESC drives a terminal), the line and
# paragraph separators, the direction marks and overrides (text that reads backwards), and
# lone surrogates (bytes of a file name that were not UTF-8, or a JSON "\ud800").
_UNSAFE = "\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_TEXT = re.compile(f"[{_UNSAFE}]")
_UNSAFE_PATH = re.compile(f"[{_UNSAFE}\\\\]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape of the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: object) -> str:
    r"""`text` with every control, separator, direction or surrogate character written as
    an escape, so it shows as one line and encodes as UTF-8.

    >>> one_line("two\nlines\x1b[31m")
    'two\\nlines\\x1b[31m'
    >>> one_line("plain words: kept")
    'plain words: kept'
    """
    return _UNSAFE_TEXT.sub(_escape, str(text))


def shown_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    r"""A file name as it is shown and stored: bytes that are not UTF-8 as `\xff`, control
    characters escaped, a backslash doubled (so no two names show the same).

    >>> shown_path(os.fsdecode(b"bad\xff\xfename.md"))
    'bad\\xff\\xfename.md'
    >>> shown_path("a\nb.md"), shown_path("ok/name.md")
    ('a\\nb.md', 'ok/name.md')
    """
    return _UNSAFE_PATH.sub(_escape, os.fsdecode(path))


def valid_text(text: str) -> str:
    """`text` with lone surrogates (a JSON "\\ud800", which no UTF-8 file can hold) made
    U+FFFD, the replacement character; other text unchanged.

    >>> valid_text("a\\ud800b")
    'a\\ufffdb'
    """
    return _SURROGATE.sub("\ufffd", text)


def first_line(error: object) -> str:
    r"""The first non-blank line of an error's message, on one line (DuckDB's messages go on
    with the statement and a caret under it).

    >>> first_line("IO Error: disk full\n\nLINE 1: select")
    'IO Error: disk full'
    """
    for line in str(error).splitlines():
        if line.strip():
            return one_line(line.strip())
    return one_line(str(error).strip()) or type(error).__name__
