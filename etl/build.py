"""Building the database: read, extract (or reuse), correct, load into a temp file, build the
marts, swap it in. The pieces: etl/pool.py (extraction processes), etl/tempdb.py (the
atomic temp file), etl/incremental.py (what is unchanged since the last build)."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

import duckdb

from etl import resolve, settings, statements
from etl.corrections import (
    CorrectionSet,
    articles_naming,
    normalise_flags,
    previously_corrected,
)
from etl.events import build_marts
from etl.extract import FactList, extract_article
from etl.extract.registry import use_observed
from etl.facts import FACT_TABLES
from etl.incremental import (
    RACY_SECONDS,
    code_fingerprint,
    known_files,
    previous_articles,
    same_build_code,
    store_file_stats,
)
from etl.integrity import damage_of
from etl.load import Loader
from etl.lock import build_lock
from etl.model import Article, Problem
from etl.oneline import first_line, one_line
from etl.pool import (
    CHUNK_ARTICLES,
    CHUNKS_IN_FLIGHT_PER_WORKER,
    ExtractionPool,
    Extractor,
    Outcome,
    _extract_one,
    _warm_worker,
    extract_stream,
)
from etl.read import UnchangedFile, iter_articles
from etl.roles import read_again, rename_variants, same_office_holders
from etl.schema import create_schema, schema_fingerprint
from etl.stopping import raise_if_stopped
from etl.tempdb import BuildError, check_target, remove_dead_temps, temp_database
from etl.unchanged import database_stamp

__all__ = ["CHUNKS_IN_FLIGHT_PER_WORKER", "CHUNK_ARTICLES", "RACY_SECONDS", "BuildError",
           "BuildReport", "ExtractionPool", "Extractor", "Outcome", "ProgressLike",
           "ReadWarning", "_extract_one", "_warm_worker", "build", "cap_facts",
           "check_memory", "classify_problems", "code_fingerprint", "count_inputs",
           "ensure_database", "extract_stream", "remove_dead_temps", "resident_mb"]


class ProgressLike(Protocol):
    def advance(self, n: int = 1) -> None: ...
    def close(self) -> None: ...


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
    # [inode, size, mtime ns] of the file swapped in, taken under the build lock
    # (etl/unchanged.py keeps it with the inputs' fingerprint)
    stamp: list[int] | None = None

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
        # a file name or reason with a newline in it cannot start a line of its own
        return "\n".join(one_line(line) for line in lines)


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
            if file.suffix.lower() == ".jsonl" and file.is_file():  # never a FIFO: it blocks
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1  # the reader reports it
            else:
                total += 1
    return total


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


def build(
    paths: Sequence[Path],
    db: Path,
    *,
    workers: int = 1,
    progress: ProgressLike | None = None,
    rebuild: bool = False,
    extract: Extractor = extract_article,
    corrections: Path | None = None,
    follow_links: bool = False,
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
    A symbolic link out of the article folders is read only with `follow_links`.

    One build of a database runs at a time (etl/lock.py). A previous database that is
    damaged (etl/integrity.py) is not built on: every article is extracted again into a
    new file, and the summary says so. Raises BuildError when the database cannot be
    written; any DuckDB error becomes one.
    """
    db = Path(db)
    check_target(db)
    options = dict(workers=workers, progress=progress, extract=extract,
                   corrections=corrections, follow_links=follow_links)
    with build_lock(db):
        fingerprint = code_fingerprint()
        # only a database this build would start from needs reading through
        damage = None if rebuild or not same_build_code(db, fingerprint) else damage_of(db)
        try:
            report = _build_once(paths, db, rebuild=rebuild or damage is not None,
                                 fingerprint=fingerprint, **options)
        except duckdb.Error as err:
            raise BuildError(f"{type(err).__name__}: {first_line(err)}") from err
        report.stamp = database_stamp(db)
    if damage is not None:
        report.notes.append(f"the previous database was damaged ({damage}), so it was not "
                            "built on: every article was extracted again into a new file")
    return report


def _build_once(
    paths: Sequence[Path], db: Path, *, workers: int, progress: ProgressLike | None,
    rebuild: bool, extract: Extractor, corrections: Path | None, follow_links: bool,
    fingerprint: str,
) -> BuildReport:
    """build() under the lock: one pass of read, extract, load, marts and swap."""
    started = time.monotonic()
    build_time = datetime.now().replace(microsecond=0)
    report = BuildReport(db=db)
    # the first pass reads each article alone, as a fresh process does: offices learned
    # by an earlier build in this process (or an office since withdrawn) answer nothing
    use_observed([])
    in_place = not rebuild and same_build_code(db, fingerprint)
    with temp_database(db, from_previous=in_place) as con:
        if not in_place:
            create_schema(con)
        statements.execute(con, "store/memory_limit",
                           [f"{max(settings.MAX_BUILD_MEMORY_MB // 2, 1)}MB"])
        loader = Loader(con, seen_at=build_time)
        if in_place:
            loader.start_in_place()
        previous = {} if rebuild else previous_articles(con, loader, db, fingerprint,
                                                         report.notes)
        if loader.has_previous:
            resolve.carry_over(con)  # places and rates resolved last time, for the marts
        fixes = CorrectionSet.load(corrections)
        redo = fixes.article_ids | (previously_corrected(con) | articles_naming(
            con, fixes.person_names) if previous else set())

        def reusable(article: Article) -> bool:
            old = previous.get(article.id)
            return (bool(article.sha256) and old is not None and old[0] == article.sha256
                    and article.id not in redo)

        known, stats = known_files(con, previous, redo, build_time.timestamp())
        items = classify_problems(iter_articles(list(paths), known=known,
                                                follow_links=follow_links))
        outcomes = extract_stream(items, workers=workers, reuse=reusable, extract=extract)
        _load(outcomes, loader, fixes, report, progress, build_time)
        loader.flush()
        loader.drop_absent()
        _learn_offices(con, loader, fixes, report, extract)
        store_file_stats(con, stats)
        loader.detach_previous()
        if progress is not None:
            progress.close()
        _finish(con, loader, fixes, report, build_time, fingerprint)
    report.seconds = time.monotonic() - started
    return report


def _load(outcomes: Iterable[object], loader: Loader, fixes: CorrectionSet,
          report: BuildReport, progress: ProgressLike | None, build_time: datetime) -> None:
    """Every outcome of the read and extraction into the loader: unchanged files and
    articles reused, extracted ones corrected, capped and written, problems kept."""
    for outcome in outcomes:
        raise_if_stopped()
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
        elif isinstance(outcome, Outcome):
            article = outcome.article
            report.articles_read += 1
            if outcome.error:
                loader.skip(Problem(article.path or article.id, outcome.error))
            elif outcome.facts is None:
                loader.add_reused(article.id, article.path)
                report.reused += 1
            else:
                facts, problem = cap_facts(article, fixes.apply(article, outcome.facts))
                if problem:
                    loader.warn(problem, article.id)
                loader.add_article(article, loaded_at=build_time)
                loader.add_facts(article, facts)
                loader.add_offices(article, fixes.offices(article, outcome.facts))
                report.extracted += 1
        loader.maybe_flush()
        check_memory()
        if progress is not None:
            progress.advance()


def _learn_offices(con: duckdb.DuckDBPyConnection, loader: Loader, fixes: CorrectionSet,
                   report: BuildReport, extract: Extractor) -> None:
    """Articles whose role phrases another article's offices now answer, read again."""

    def replace(article: Article, facts: list[dict]) -> None:
        kept, _ = cap_facts(article, fixes.apply(article, facts))
        loader.replace_facts(article, _with_offices(kept, facts))

    count = read_again(con, extract, replace, fixes.people.office_observations())
    loader.flush()
    rename_variants(con, fixes.people.allowed(same_office_holders(con)))
    if count:
        report.notes.append(f"{count} article(s) read again: another article said who holds "
                            "an office they named only by its title")


def _with_offices(kept: list[dict], facts: object) -> list[dict]:
    """The corrected facts, keeping the role gaps that came with them."""
    out = FactList(kept)
    out.gaps = list(getattr(facts, "gaps", ()))
    return out


def _finish(con: duckdb.DuckDBPyConnection, loader: Loader, fixes: CorrectionSet,
            report: BuildReport, build_time: datetime, fingerprint: str) -> None:
    """After the last article: the corrections tables, the marts, what the build was, and
    the counts for the summary."""
    normalise_flags(con)
    fixes.store(con)
    report.corrections = fixes.summary_lines()
    _build_marts(con)
    con.executemany(statements.statement("store/add_build_info"), [
        ["built_at", build_time.isoformat()],
        ["extraction_fingerprint", fingerprint],
        ["schema_fingerprint", schema_fingerprint()],
    ])
    report.skipped, report.warnings = loader.skipped, loader.warnings
    report.facts = {
        kind: statements.execute(con, "store/count_rows", table=table).fetchone()[0]
        for kind, table in FACT_TABLES.items()
    }


def _build_marts(con: duckdb.DuckDBPyConnection) -> None:
    """The marts of etl/events.py; a failing model is a BuildError that names it."""
    try:
        build_marts(con)
    except duckdb.Error as err:
        raise BuildError(f"building the marts failed: {type(err).__name__}: {err}") from err


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
