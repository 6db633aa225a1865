"""Building the database: read, extract (or reuse), load into a temp file, swap it in."""

from __future__ import annotations

import glob
import hashlib
import importlib
import itertools
import multiprocessing
import os
import re
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar

import duckdb
import pyarrow as pa

from etl import resolve, settings
from etl.corrections import CorrectionSet, normalise_flags, previously_corrected
from etl.extract import extract_article
from etl.load import FACT_TABLES, Loader, create_schema, schema_fingerprint
from etl.model import Article, Problem
from etl.read import UnchangedFile, iter_articles

# Articles handed to a worker process at once; a few chunks per worker are in flight at
# any time, so memory stays flat however many articles there are.
CHUNK_ARTICLES = 32
CHUNKS_IN_FLIGHT_PER_WORKER = 3

# The code and data that decide which facts an article yields. A database built with a
# different fingerprint has facts from other rules, so none of them is reused. The write
# side (this module, the loader, the marts) is left out: it changes no fact.
_FINGERPRINT_SKIPS = {"__main__.py", "build.py", "load.py", "progress.py", "events.py",
                      "corrections.py", "engine_dask.py"}

# A file modified this close to the build's start may change again within the same mtime
# tick without changing size; its stat is not kept, so the next build reads it again.
RACY_SECONDS = 2.0


T = TypeVar("T")


class ProgressLike(Protocol):
    def advance(self, n: int = 1) -> None: ...
    def close(self) -> None: ...


class BuildError(Exception):
    """The build could not complete; the previous database is untouched."""


@dataclass
class Outcome:
    """One article after extraction: its facts, None when reused, or the error."""

    article: Article
    facts: list[dict] | None
    error: str | None = None


@dataclass
class BuildReport:
    """What a build did, for the summary and the exit status."""

    db: Path
    articles_read: int = 0
    reused: int = 0
    # files not read at all: same path, size and mtime as in the previous build
    files_unchanged: int = 0
    extracted: int = 0
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when every file loaded cleanly, 1 when anything was skipped or warned about."""
        return 1 if self.skipped or self.warnings else 0

    def summary(self) -> str:
        lines = [
            f"Built {self.db} in {self.seconds:.1f} s: {self.articles_read} articles read, "
            f"{self.reused} reused unchanged, {self.extracted} extracted, "
            f"{len(self.skipped)} skipped."
            + (f" {self.files_unchanged} files unchanged since the last build (same size and "
               "modification time) were not read again." if self.files_unchanged else ""),
            "Facts: " + ", ".join(f"{kind} {n}" for kind, n in self.facts.items())
            + f" ({sum(self.facts.values())} in all).",
        ]
        if self.skipped:
            lines.append(f"Skipped ({len(self.skipped)}):")
            lines += [f"  {p}" for p in self.skipped]
        if self.warnings:
            lines.append(f"Warnings ({len(self.warnings)}):")
            lines += [f"  {p}" for p in self.warnings]
        lines += self.corrections
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)


def count_inputs(paths: Iterable[Path]) -> int:
    """How many articles the paths hold, roughly and cheaply, for the progress total:
    one per file, one per non-empty line of a .jsonl file (skipping what etl.read skips:
    hidden files and folders, README.md)."""
    total = 0
    for path in paths:
        files = [path] if path.is_file() else (
            p for p in sorted(path.rglob("*"))
            if p.is_file() and p.name.lower() != "readme.md"
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        for file in files:
            if file.suffix.lower() == ".jsonl":
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


def code_fingerprint() -> str:
    """sha256 over the extraction code (etl/**.py, etl/sql/schema.sql) and data/reference."""
    etl_dir = Path(__file__).resolve().parent
    code = [p for p in etl_dir.rglob("*.py")
            if not (p.parent == etl_dir and p.name in _FINGERPRINT_SKIPS)]
    code.append(etl_dir / "sql" / "schema.sql")
    reference = settings.REFERENCE_DIR
    data = [p for p in reference.rglob("*") if p.is_file()] if reference.is_dir() else []
    digest = hashlib.sha256()
    for base, files in ((etl_dir, code), (reference, data)):
        for file in sorted(files):
            if "__pycache__" in file.parts:
                continue
            digest.update(file.relative_to(base).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()


def cap_facts(article: Article, facts: list[dict]) -> tuple[list[dict], Problem | None]:
    """At most settings.MAX_FACTS_PER_ARTICLE facts, with a problem naming the article."""
    limit = settings.MAX_FACTS_PER_ARTICLE
    if len(facts) <= limit:
        return facts, None
    return facts[:limit], Problem(
        article.path or article.id,
        f"article {article.id}: {len(facts)} facts, more than {limit}; kept the first {limit}",
    )


@dataclass(frozen=True)
class ReadWarning:
    """A problem the reader reported about an article it did read (a publication date
    ignored, say): the article is loaded, the problem is listed as a warning."""

    problem: Problem


def classify_problems(items: Iterable[Article | Problem]) -> Iterator[Article | Problem |
                                                                     ReadWarning]:
    """The reader's items, with each Problem about the article just read as a ReadWarning.

    etl.read yields an article's problems right after the article, with its file (and line,
    in a .jsonl file); any other Problem is a file or line that was not read at all.
    """
    last: tuple[str | None, int | None] | None = None
    for item in items:
        if isinstance(item, Article):
            last = (item.path, getattr(item, "_line", None))
        elif isinstance(item, Problem) and (item.path, item.line) == last:
            item = ReadWarning(item)
        yield item


Extractor = Callable[[Article], list[dict]]


def _extract_one(article: Article, extract: Extractor = extract_article) -> Outcome:
    try:
        return Outcome(article, list(extract(article)))
    except Exception as err:  # one bad article must not stop the run
        return Outcome(article, None, f"extraction failed: {type(err).__name__}: {err}")


def _warm_worker(extract: Extractor | None, ready=None) -> None:
    """Worker start: load the reference data (gazetteer, people, roles) once, before the
    first chunk arrives, by extracting a made-up two-sentence article; then say so on
    `ready` (a semaphore of the pool), so a caller can wait for warm workers."""
    from etl.read import parse_article_text

    if extract is not None:
        _extract_one(parse_article_text(
            "The minister flew to Paris on Monday. She met the president in Berlin on 3 May "
            "2024.", id="warm-up", title="Warm-up"), extract)
    if ready is not None:
        ready.release()


def _started() -> None:
    """A task that does nothing: submitting one makes the pool start a process."""


def _extract_chunk(
    articles: list[Article], extract: Extractor
) -> list[tuple[list[dict] | None, str | None]]:
    """Worker side: facts or error per article, without sending the articles back."""
    return [(o.facts, o.error) for o in (_extract_one(a, extract) for a in articles)]


class ExtractionPool:
    """`workers` processes that run `extract`, started as soon as the pool is made unless
    not `start` (then on demand, so a build with nothing to extract starts none).

    A process needs about a second to start (imports, then the reference data, loaded by
    extracting a made-up article); `wait_warm` waits for that, so a benchmark can time
    the extraction alone. The processes fork from a forkserver that has imported the
    extraction code once, and inherit neither DuckDB's threads nor open files. `extract`
    must be a module-level function.
    """

    def __init__(self, workers: int, extract: Extractor = extract_article, *,
                 start: bool = True) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["etl.build"])
        self.workers = workers
        self.extract = extract
        self._ready = context.Semaphore(0)
        self._warm = False
        # another extractor (a test's) has no reference data to warm
        warm_with = extract if extract is extract_article else None
        self.executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_warm_worker,
            initargs=(warm_with, self._ready))
        if start:  # else each starts with the first chunk that finds no idle process
            for _ in range(workers):
                self.executor.submit(_started)

    def wait_warm(self, timeout: float = 300.0) -> None:
        """Return once every process has started and loaded its reference data (for a
        pool made with `start`); TimeoutError if that takes over `timeout` seconds."""
        if not self._warm:
            deadline = time.monotonic() + timeout
            for _ in range(self.workers):
                if not self._ready.acquire(timeout=max(deadline - time.monotonic(), 0)):
                    raise TimeoutError(f"the extraction workers did not start in {timeout} s")
            self._warm = True

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def extract_stream(
    items: Iterable[Article | T],
    workers: int = 1,
    reuse: Callable[[Article], bool] = lambda article: False,
    extract: Extractor = extract_article,
    pool: ExtractionPool | None = None,
) -> Iterator[Outcome | T]:
    """An Outcome per article: reused (facts None) when `reuse(article)`, extracted by
    `extract` otherwise, in `workers` processes when more than one (`extract` must then be
    a module-level function; `pool`, when given, is used instead of starting processes,
    and its extractor and size win). Other items (problems) pass through as they come, so
    with workers they may come before articles read earlier; the order is the same on
    every run."""
    if pool is None and workers <= 1:
        for item in items:
            if not isinstance(item, Article):
                yield item
            elif reuse(item):
                yield Outcome(item, None)
            else:
                yield _extract_one(item, extract)
        return
    if pool is None:
        with ExtractionPool(workers, extract, start=False) as own:
            yield from _pooled_stream(items, reuse, own)
    else:
        yield from _pooled_stream(items, reuse, pool)


def _pooled_stream(
    items: Iterable[Article | T], reuse: Callable[[Article], bool], pool: ExtractionPool,
) -> Iterator[Outcome | T]:
    """extract_stream with workers: chunks of articles out to `pool`, their outcomes back
    in the order the articles came."""
    in_flight: deque[tuple[list[Article], Future]] = deque()
    keep = pool.workers * CHUNKS_IN_FLIGHT_PER_WORKER
    chunk: list[Article] = []

    def submit() -> None:
        in_flight.append((chunk[:], pool.executor.submit(_extract_chunk, chunk[:],
                                                         pool.extract)))
        chunk.clear()

    def drain(keep: int) -> Iterator[Outcome]:
        while len(in_flight) > keep:
            articles, future = in_flight.popleft()
            for article, (facts, error) in zip(articles, future.result(), strict=True):
                yield Outcome(article, facts, error)

    try:
        for item in items:
            if not isinstance(item, Article):
                yield item
            elif reuse(item):
                yield Outcome(item, None)
            else:
                chunk.append(item)
                if len(chunk) >= CHUNK_ARTICLES:
                    submit()
                    yield from drain(keep)
        if chunk:
            submit()
        yield from drain(keep=0)
    finally:
        for _, future in in_flight:
            future.cancel()


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


def resident_mb() -> float:
    """This process's resident memory now, in MB (Linux /proc; the peak elsewhere)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def check_memory() -> None:
    """BuildError when the build's process holds more than settings.MAX_BUILD_MEMORY_MB."""
    used, limit = resident_mb(), settings.MAX_BUILD_MEMORY_MB
    if used > limit:
        raise BuildError(f"the build holds {used:.0f} MB of memory, over its {limit} MB "
                         "limit (settings.MAX_BUILD_MEMORY_MB, $SHUTTLE_BUILD_MEMORY_MB)")


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


def build(
    paths: Sequence[Path],
    db: Path,
    *,
    workers: int = 1,
    progress: ProgressLike | None = None,
    rebuild: bool = False,
    extract: Extractor = extract_article,
    corrections: Path | None = None,
) -> BuildReport:
    """Build the database at `db` from the articles under `paths`.

    Everything is written into a new file beside `db` and swapped in with os.replace once
    complete, so a reader of the old file keeps its rows and a failed build leaves the old
    database as it was. Articles whose id and content hash are unchanged since the previous
    build (by the same extraction code) keep their facts without extracting again, unless
    `rebuild`. `extract` is the fact extractor (etl.extract's unless a test gives another).
    The analyst corrections of `corrections` (default: etl.corrections.corrections_path())
    are applied to the facts before the marts; articles with corrections, now or in the
    previous build, are always extracted again so the stored facts follow the file.
    Raises BuildError when the database cannot be written.
    """
    started = time.monotonic()
    build_time = datetime.now().replace(microsecond=0)
    db = Path(db)
    report = BuildReport(db=db)
    # A missing folder is made (build/check.duckdb on a fresh clone); a file in the way is
    # an error, never replaced.
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise BuildError(f"cannot write {db}: {db.parent} is not a directory") from None
    if db.is_dir() or (db.exists() and not _is_duckdb_file(db)):
        raise BuildError(f"will not overwrite {db}: it is not a DuckDB database")
    remove_dead_temps(db)
    temp = db.with_name(f"{db.name}.tmp-{os.getpid()}-{next(_temp_counter)}")
    _remove_quietly(temp, Path(f"{temp}.wal"))
    fingerprint = code_fingerprint()
    in_place = not rebuild and _same_build_code(db, fingerprint)
    try:
        if in_place:
            shutil.copyfile(db, temp)
        con = duckdb.connect(str(temp))
    except (OSError, duckdb.Error) as err:
        _remove_quietly(temp, Path(f"{temp}.wal"))
        raise BuildError(f"cannot write {temp}: {err}") from err
    try:
        if not in_place:
            create_schema(con)
        con.execute("set memory_limit = ?", [f"{max(settings.MAX_BUILD_MEMORY_MB // 2, 1)}MB"])
        loader = Loader(con, seen_at=build_time)
        if in_place:
            loader.start_in_place()
        previous = {} if rebuild else _previous_articles(con, loader, db, fingerprint, report)
        if loader.has_previous:
            resolve.carry_over(con)  # places and rates resolved last time, for the marts
        fixes = CorrectionSet.load(corrections)
        redo = fixes.article_ids | (previously_corrected(con) if previous else set())

        def reusable(article: Article) -> bool:
            old = previous.get(article.id)
            return (bool(article.sha256) and old is not None and old[0] == article.sha256
                    and article.id not in redo)

        known, stats = _known_files(con, previous, redo, build_time.timestamp())
        items = classify_problems(iter_articles(list(paths), known=known))
        for outcome in extract_stream(items, workers=workers, reuse=reusable,
                                      extract=extract):
            if isinstance(outcome, UnchangedFile):
                for article_id in outcome.ids:
                    loader.add_reused(article_id, outcome.path)
                report.articles_read += len(outcome.ids)
                report.reused += len(outcome.ids)
                report.files_unchanged += 1
                loader.maybe_flush()
                if progress is not None:
                    progress.advance(len(outcome.ids))
                continue
            if isinstance(outcome, ReadWarning):
                loader.warn(outcome.problem, article_id=None)
                continue  # not an input of its own: the progress count stays
            if isinstance(outcome, Problem):
                loader.skip(outcome)
            else:
                article = outcome.article
                report.articles_read += 1
                if outcome.error:
                    loader.skip(Problem(article.path or article.id, outcome.error))
                elif outcome.facts is None:
                    loader.add_reused(article.id, article.path)
                    report.reused += 1
                else:
                    facts, problem = cap_facts(article, fixes.apply(article,
                                                                    outcome.facts))
                    if problem:
                        loader.warn(problem, article.id)
                    loader.add_article(article, loaded_at=build_time)
                    loader.add_facts(article, facts)
                    report.extracted += 1
            loader.maybe_flush()
            check_memory()
            if progress is not None:
                progress.advance()
        loader.flush()
        loader.drop_absent()
        _store_file_stats(con, stats)
        loader.detach_previous()
        if progress is not None:
            progress.close()
        normalise_flags(con)
        fixes.store(con)
        report.corrections = fixes.summary_lines()

        report.notes += _build_marts(con)
        con.executemany("insert into build_info values (?, ?)", [
            ["built_at", build_time.isoformat()],
            ["extraction_fingerprint", fingerprint],
            ["schema_fingerprint", schema_fingerprint()],
        ])
        report.skipped, report.warnings = loader.skipped, loader.warnings
        report.facts = {
            kind: con.execute(f"select count(*) from {table}").fetchone()[0]
            for kind, table in FACT_TABLES.items()
        }
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
    report.seconds = time.monotonic() - started
    return report


FileStats = dict[str, tuple[int, int]]


def _known_files(
    con: duckdb.DuckDBPyConnection, previous: dict, redo: set[str], started: float,
) -> tuple[Callable[[Path, os.stat_result], list[str] | None], FileStats]:
    """The reader's `known` hook, and the stats it collects for build_files.

    A file is vouched for (not read again, its articles copied from the previous database)
    when the previous build, by the same extraction code, read it at the same size and
    mtime, loaded its articles with no problem about the file itself, and none of them has
    an analyst correction to reapply. Every other file is read, and a changed mtime with
    the same content still reuses the facts by their hash. The hook records each file's
    stat as taken before its read, for the next build.
    """
    stats: FileStats = {}
    vouched: dict[str, tuple[int, int, list[str]]] = {}
    if previous:
        try:
            rows = con.execute("""
                select f.path, f.size, f.mtime_ns, list(a.id order by a.id)
                from previous.build_files f
                join previous.articles a on a.path = f.path
                where not exists (
                    select 1 from previous.build_problems p
                    where p.path = f.path and p.article_id is null
                )
                group by f.path, f.size, f.mtime_ns
            """).fetchall()
        except duckdb.Error:
            rows = []  # a database from before build_files: every file is read
        vouched = {path: (size, mtime, ids) for path, size, mtime, ids in rows
                   if not redo.intersection(ids)}
    racy_after = int((started - RACY_SECONDS) * 1e9)

    def known(path: Path, info: os.stat_result) -> list[str] | None:
        name = str(path)
        if info.st_mtime_ns < racy_after:
            stats[name] = (info.st_size, info.st_mtime_ns)
        old = vouched.get(name)
        if old is not None and old[:2] == (info.st_size, info.st_mtime_ns):
            return old[2]
        return None

    return known, stats


def _store_file_stats(con: duckdb.DuckDBPyConnection, stats: FileStats) -> None:
    """Size and mtime of every file whose articles are in this database."""
    if not stats:
        return
    table = pa.table({
        "path": pa.array(list(stats), pa.string()),
        "size": pa.array([s for s, _ in stats.values()], pa.int64()),
        "mtime_ns": pa.array([m for _, m in stats.values()], pa.int64()),
    })
    con.register("file_stats", table)
    try:
        con.execute("insert into build_files select path, size, mtime_ns from file_stats "
                    "where path in (select path from articles)")
    finally:
        con.unregister("file_stats")


def _same_build_code(db: Path, fingerprint: str) -> bool:
    """True when the database at `db` was built by this extraction code on this schema: an
    incremental build then starts from a byte copy of it (Loader.start_in_place) and
    writes only what changed. Anything unreadable or older says no: the build then starts
    from an empty file and copies what it reuses."""
    if not db.is_file() or db.stat().st_size == 0:
        return False
    try:
        with duckdb.connect(str(db), read_only=True) as previous:
            info = dict(previous.execute("select key, value from build_info").fetchall())
    except duckdb.Error:
        return False
    return (info.get("extraction_fingerprint") == fingerprint
            and info.get("schema_fingerprint") == schema_fingerprint())


def _previous_articles(
    con: duckdb.DuckDBPyConnection, loader: Loader, db: Path, fingerprint: str,
    report: BuildReport,
) -> dict[str, tuple[str, datetime]]:
    """{article id: (sha256, loaded_at)} of the database being replaced, attached for the
    loader to copy facts from; empty when there is none or it was built by other code."""
    if not db.exists() or db.stat().st_size == 0:
        return {}
    try:
        loader.attach_previous(db)
        row = con.execute(
            "select value from previous.build_info where key = 'extraction_fingerprint'"
        ).fetchone()
        if row is None or row[0] != fingerprint:
            report.notes.append("the extraction code changed since the last build: "
                                "every article extracted again")
            loader.detach_previous()
            return {}
        return {
            article_id: (sha, loaded_at)
            for article_id, sha, loaded_at in con.execute(
                "select id, sha256, loaded_at from previous.articles"
            ).fetchall()
        }
    except duckdb.Error as err:
        report.notes.append(f"could not read the previous database ({err}); "
                            "every article extracted again")
        try:
            loader.detach_previous()
        except duckdb.Error:
            pass  # it was never attached
        return {}


def _build_marts(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Run etl.events.build_marts when it exists; a note when it does not."""
    try:
        events = importlib.import_module("etl.events")
    except ImportError as err:
        return [f"marts not built: etl.events cannot be imported ({err})"]
    build_marts = getattr(events, "build_marts", None)
    if build_marts is None:
        return ["marts not built: etl.events has no build_marts yet"]
    try:
        build_marts(con)
    except duckdb.Error as err:
        raise BuildError(f"building the marts failed: {type(err).__name__}: {err}") from err
    return []


_ensure_lock = threading.Lock()


def ensure_database(db: Path) -> None:
    """Build the database from settings.ARTICLES_DIR when the file does not exist yet, so a
    fresh clone's dashboard starts with the bundled sample. One build at a time per process."""
    db = Path(db)
    if db.exists():
        return
    with _ensure_lock:
        if db.exists():
            return
        report = build([settings.ARTICLES_DIR], db)
        print(report.summary(), file=sys.stderr)
