"""The Dask engine: reading and extraction as dask.distributed tasks, facts as Parquet.

`python -m etl build --engine dask [--scheduler ADDRESS]` takes this path. The single-machine
build (etl.build.build) stays the default and needs no cluster; this one is for a corpus
that outgrows one machine:

1. The input files are listed in the order etl.read reads them and cut into parts of
   FILES_PER_TASK files. Each part is one task: read (etl.read.iter_articles) and extract
   (the same per-article step etl.build uses) on a worker.
2. Each task writes its facts as Parquet, partitioned by year (Hive style,
   ``facts/year=2023/part-00042.parquet``; ``year=unknown`` when the fact has no date and
   the article none either), plus one row per article in ``articles/part-00042.parquet``.
   The folder is the product of the cluster: any Parquet reader can use it as it is.
3. The database is then written by etl.build.build itself (temp file, swap, marts,
   summary), with an extractor that looks each article's facts up in the Parquet parts
   instead of extracting again. The loading, checks and reuse rules are therefore the
   single-machine build's, not a copy of them.

With a remote scheduler the workers must import this project (start ``dask worker`` from
the project folder, or with it on PYTHONPATH) and see the article paths and the facts
folder at the same paths as the machine running the build (a shared file system).
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from etl.build import BuildReport, ProgressLike, _extract_one, build
from etl.model import Article
from etl.read import _expand, iter_articles

# Files per task: enough work per task (a second or more) that scheduling costs vanish,
# few enough that the parts spread evenly over the workers.
FILES_PER_TASK = 64
LOCAL_WORKERS = 2

ARTICLE_SCHEMA = pa.schema([
    ("part", pa.int32()),
    ("seq", pa.int32()),
    ("article_id", pa.string()),
    ("facts", pa.int32()),
    ("error_type", pa.string()),
    ("error", pa.string()),
])

FACT_SCHEMA = pa.schema([
    ("part", pa.int32()),
    ("seq", pa.int32()),
    ("n", pa.int32()),
    ("article_id", pa.string()),
    ("type", pa.string()),
    ("date", pa.string()),
    ("status", pa.string()),
    ("evidence_start", pa.int64()),
    ("evidence_end", pa.int64()),
    # The whole fact as the extractor gave it (JSON keeps ints, floats, lists and nulls as
    # they were), so the loader receives exactly what a single-machine build receives.
    ("fact", pa.string()),
])


def input_parts(paths: Sequence[Path], files_per_task: int = FILES_PER_TASK) -> list[list[str]]:
    """The input files in etl.read's order, cut into parts of `files_per_task` files."""
    files: list[str] = []
    for given in paths:
        files += [str(p) for p in _expand(Path(given)) if isinstance(p, Path)]
    return [files[i:i + files_per_task] for i in range(0, len(files), files_per_task)]


def fact_year(fact: dict, article: Article) -> str:
    """The partition of a fact: the year of its date (as_of for a casualty), else of the
    article's publication day, else 'unknown'."""
    stated = fact.get("date") or fact.get("as_of")
    if isinstance(stated, str) and len(stated) >= 4 and stated[:4].isdigit():
        return stated[:4]
    return str(article.published.year) if article.published else "unknown"


def extract_part(part: int, files: list[str], out: str) -> dict:
    """Task: read and extract one part; write its Parquet files; return its counts."""
    articles: list[dict] = []
    facts_by_year: dict[str, list[dict]] = {}
    for item in iter_articles(files):
        if not isinstance(item, Article):
            continue  # problems are reported by the loading pass, which reads again
        outcome = _extract_one(item)
        seq = len(articles)
        error_type = error = None
        if outcome.error is not None:
            # "extraction failed: ValueError: message" -> ("ValueError", "message")
            detail = outcome.error.removeprefix("extraction failed: ")
            error_type, _, error = detail.partition(": ")
        facts = outcome.facts or []
        articles.append({"part": part, "seq": seq, "article_id": item.id,
                         "facts": len(facts), "error_type": error_type, "error": error})
        for n, fact in enumerate(facts):
            facts_by_year.setdefault(fact_year(fact, item), []).append({
                "part": part, "seq": seq, "n": n, "article_id": item.id,
                "type": fact.get("type"), "date": fact.get("date") or fact.get("as_of"),
                "status": fact.get("status"), "evidence_start": fact.get("evidence_start"),
                "evidence_end": fact.get("evidence_end"),
                "fact": json.dumps(fact, ensure_ascii=False),
            })
    root = Path(out)
    name = f"part-{part:05d}.parquet"
    (root / "articles").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(articles, schema=ARTICLE_SCHEMA),
                   root / "articles" / name)
    for year, rows in facts_by_year.items():
        folder = root / "facts" / f"year={year}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=FACT_SCHEMA), folder / name)
    return {"part": part, "articles": len(articles),
            "facts": sum(len(rows) for rows in facts_by_year.values())}


class ParquetFacts:
    """An extractor for etl.build.build that returns the facts the cluster wrote.

    The loading pass reads the articles in the same order as the parts, so one part's
    facts are held at a time: memory stays flat however many parts there are.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        index = pq.read_table(out / "articles").to_pydict()
        # First occurrence wins, as in etl.read (a later duplicate id is skipped there).
        self.part_of: dict[str, int] = {}
        self.errors: dict[str, tuple[str, str]] = {}
        for part, article_id, error_type, error in zip(
            index["part"], index["article_id"], index["error_type"], index["error"],
            strict=True,
        ):
            if article_id in self.part_of:
                continue
            self.part_of[article_id] = part
            if error_type is not None:
                self.errors[article_id] = (error_type, error or "")
        self.part: int | None = None
        self.facts: dict[str, list[dict]] = {}

    def _load(self, part: int) -> None:
        name = f"part-{part:05d}.parquet"
        rows: list[tuple[int, int, str, str]] = []
        for file in sorted((self.out / "facts").glob(f"year=*/{name}")):
            table = pq.read_table(file, columns=["seq", "n", "article_id", "fact"]).to_pydict()
            rows += zip(table["seq"], table["n"], table["article_id"], table["fact"],
                        strict=True)
        self.facts = {}
        for _, _, article_id, fact in sorted(rows, key=lambda r: (r[0], r[1])):
            self.facts.setdefault(article_id, []).append(json.loads(fact))
        self.part = part

    def __call__(self, article: Article) -> list[dict]:
        if article.id not in self.part_of:
            raise LookupError(f"no facts for {article.id} in {self.out}")
        if article.id in self.errors:
            name, message = self.errors[article.id]
            raise type(name, (Exception,), {})(message)
        part = self.part_of[article.id]
        if part != self.part:
            self._load(part)
        return self.facts.get(article.id, [])


def run_tasks(paths: Sequence[Path], out: Path, scheduler: str | None,
              workers: int = LOCAL_WORKERS,
              files_per_task: int = FILES_PER_TASK) -> tuple[int, int, int]:
    """Read and extract every part on the cluster; returns (workers, articles, facts)."""
    from dask.distributed import Client, LocalCluster, as_completed

    if out.exists():
        shutil.rmtree(out)  # parts of an earlier run must not mix with this one's
    out.mkdir(parents=True)
    parts = input_parts(paths, files_per_task)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        n_workers = len(client.scheduler_info().get("workers", {})) or workers
        futures = [client.submit(extract_part, i, files, str(out), pure=False)
                   for i, files in enumerate(parts)]
        articles = facts = 0
        for future in as_completed(futures):
            counts = future.result()
            articles += counts["articles"]
            facts += counts["facts"]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return n_workers, articles, facts


def build_dask(
    paths: Sequence[Path],
    db: Path,
    *,
    scheduler: str | None = None,
    workers: int = LOCAL_WORKERS,
    facts_dir: Path | None = None,
    progress: ProgressLike | None = None,
    rebuild: bool = False,
    corrections: Path | None = None,
    files_per_task: int = FILES_PER_TASK,
) -> BuildReport:
    """Build `db` with reading and extraction on a Dask cluster (a LocalCluster of
    `workers` processes when no scheduler address is given).

    The facts stay in `facts_dir` (default: beside the database, ``<name>.facts``) as
    Parquet partitioned by year. `corrections` is passed on to etl.build.build. Every
    article is extracted on the cluster; the loading pass still reuses the rows of
    unchanged articles as the single-machine build does.
    """
    started = time.monotonic()
    db = Path(db)
    out = facts_dir or db.with_name(f"{db.stem}.facts")
    n_workers, articles, facts = run_tasks(paths, out, scheduler, workers, files_per_task)
    extracted = time.monotonic() - started
    report = build(paths, db, progress=progress, rebuild=rebuild, extract=ParquetFacts(out),
                   corrections=corrections)
    report.notes.append(
        f"read and extracted {articles} articles ({facts} facts) on {n_workers} Dask "
        f"workers in {extracted:.1f} s; the facts are in {out} (Parquet, by year)")
    report.seconds = time.monotonic() - started
    return report


def iter_fact_rows(out: Path) -> Iterator[dict]:
    """Every fact of a facts folder, as the extractor gave it (for checks and tools)."""
    for file in sorted((out / "facts").glob("year=*/part-*.parquet")):
        for fact in pq.read_table(file, columns=["fact"]).column("fact").to_pylist():
            yield json.loads(fact)

