"""The corrections file: JSON lines, read bytes-safe line by line (a bad line is named with
its number and skipped, the rest apply) and appended to atomically, following a symbolic
link and keeping the file's mode, so a team's shared file stays shared."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from pathlib import Path

from etl.corrections.record import Correction, CorrectionError, corrections_path
from etl.oneline import one_line, shown_path


def append_correction(correction: Correction, path: Path | None = None) -> Path:
    """Add one line to the corrections file, atomically.

    The whole file is rewritten into a temp file beside it, flushed to disk and swapped in
    with os.replace, under an exclusive lock on the folder (the file itself is replaced, so
    it cannot carry the lock), so a crash leaves the old or the new file and two writers
    (the dashboard and the command line) never lose each other's lines. A symbolic link is
    followed (its target is rewritten, the link stays) and the file keeps its mode and
    owner: a team's shared, group-writable file stays shared.
    """
    path = corrections_path(path)
    path = Path(os.path.realpath(path))  # a link's target, so the link itself stays
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        old = path.read_bytes() if path.exists() else b""
        if old and not old.endswith(b"\n"):
            old += b"\n"
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            _keep_mode(fd, path)
            with os.fdopen(fd, "wb") as handle:
                handle.write(old + correction.to_json().encode("utf-8") + b"\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        os.fsync(folder)  # the rename itself reaches the disk
    finally:
        os.close(folder)  # releases the lock
    return path


def _keep_mode(fd: int, path: Path) -> None:
    """Give the temp file (mkstemp makes it 0600) the mode and owner of the file it
    replaces, or the umask's default for a new file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    os.fchmod(fd, info.st_mode & 0o7777)
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        pass  # not ours to give away: the file becomes the writer's, mode kept


def read_corrections(path: Path | None = None) -> tuple[list[Correction], list[str]]:
    """The corrections of the file in file order, and a problem per unreadable line.

    A missing file is no corrections. A bad line (not UTF-8, not JSON, nested deeper or
    longer than a correction can be, not a correction) is named with its number and left
    out, and the rest apply; a repeated id keeps the first line. The file is read as bytes,
    line by line, so one bad byte costs one line, not the file.
    """
    path = corrections_path(path)
    shown = shown_path(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return [], []
    except OSError as err:
        return [], [f"{shown}: corrections not read: {err.strerror or err}"]
    corrections: list[Correction] = []
    problems: list[str] = []
    seen: set[str] = set()
    with handle:
        for n, raw in enumerate(handle, start=1):
            try:
                correction = _parse_line(raw)
            except (ValueError, CorrectionError, TypeError) as err:
                problems.append(one_line(f"{shown}:{n}: correction not read: {err}"))
                continue
            if correction is None:
                continue
            if correction.id in seen:
                problems.append(one_line(f"{shown}:{n}: correction {correction.id} repeats "
                                         "an earlier id"))
                continue
            seen.add(correction.id)
            corrections.append(correction)
    return corrections, problems


# A correction line is a few hundred bytes, its JSON three levels deep; past these bounds a
# line is refused before it is parsed.
MAX_LINE_BYTES = 64 * 1024
MAX_DEPTH = 8


def _parse_line(raw: bytes) -> Correction | None:
    """One line of the file as a Correction, None when blank; CorrectionError saying why
    it is not one."""
    if len(raw) > MAX_LINE_BYTES:
        raise CorrectionError(f"the line is {len(raw):,} bytes, over the {MAX_LINE_BYTES:,} "
                              "limit")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorrectionError(f"not UTF-8 (byte 0x{raw[err.start]:02x} at column "
                              f"{err.start + 1})") from None
    if not line.strip():
        return None
    if _depth(line) > MAX_DEPTH:
        raise CorrectionError(f"nested more than {MAX_DEPTH} levels deep")
    try:
        record = json.loads(line)
    except RecursionError:
        raise CorrectionError("nested too deep to read") from None
    return Correction.from_record(record)


def _depth(text: str) -> int:
    """The deepest nesting of [ and { in a JSON text, outside its strings; counted without
    parsing, so no depth of brackets can exhaust the parser's stack.

    >>> _depth('{"a": [1, {"b": "[[["}]}'), _depth("[" * 100000)
    (3, 100000)
    """
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest
