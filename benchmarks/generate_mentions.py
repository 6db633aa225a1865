"""Fill a DuckDB file with 1M or 10M mentions shaped like the bundled database, then the marts.

    .venv/bin/python benchmarks/generate_mentions.py --mentions 1000000 \\
        --db /tmp/shuttle-bench/mentions-1m.duckdb

The bundled sample (data/articles, built once with etl.build) is copied K times, article by
article, in DuckDB itself:

- each copy of an article gets a publication day whose year is drawn from the sample's
  year histogram (a random day of that year), and every date it states (visit and meeting
  dates, aid dates, casualty as-of dates) moves by the same number of days, so stated dates
  keep their distance to the publication day and the years follow the sample;
- the people are permuted within one of 16 variants (variant 0 keeps the names), so each
  copy has the sample's shape (a few people make most trips) while trips of different
  copies do not all merge into the same stops;
- places, countries, statuses, outlets, amounts, metrics, sentences and evidence are kept.

The draws come from DuckDB's hash() of the copy number and article id, so the same
arguments give the same database. The marts are then built by etl.events.build_marts, the
same code a normal build runs, and the seconds of each step are printed.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl import settings, statements  # noqa: E402
from etl.build import build  # noqa: E402
from etl.events import build_marts  # noqa: E402
from etl.load import FACT_TABLES, create_schema  # noqa: E402

VARIANTS = 16


def sample_database(work: Path) -> Path:
    """The bundled corpus built into a database once (the source of every copy)."""
    db = work / "sample.duckdb"
    if not db.exists():
        build([settings.ARTICLES_DIR], db)
    return db


def step(label: str, started: float) -> float:
    now = time.perf_counter()
    print(f"  {label:<44} {now - started:7.1f} s", flush=True)
    return now


def generate(target: int, db: Path, work: Path) -> dict[str, int]:
    """Write the copies into a new database at `db`; returns the row count per table."""
    source = sample_database(work)
    for path in (db, Path(f"{db}.wal")):
        path.unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    try:
        t = time.perf_counter()
        create_schema(con)
        statements.execute(con, "bench/attach_source", [str(source)])
        per_copy = sum(
            statements.execute(con, "store/count_rows", table=f"src.{table}").fetchone()[0]
            for table in FACT_TABLES.values()
        )
        copies = math.ceil(target / per_copy)
        print(f"  {per_copy} mentions in the sample: {copies} copies for {target}")
        # A stated date moved by `off` days, at its own precision (day, month or year).
        statements.execute(con, "bench/shift_date_macro")
        # Year histogram of the dated sample articles, as cumulative shares.
        statements.execute(con, "bench/years")
        statements.execute(con, "bench/plan", [VARIANTS, copies])
        # Variant v > 0 permutes the sample's people; variant 0 keeps them.
        statements.execute(con, "bench/person_map", [VARIANTS])
        t = step("plan (articles x copies, dates, people)", t)

        # Each table's rows, once per copy of their article, with the copy's id, people
        # and dates (etl/sql/bench/copy_<table>.sql).
        statements.execute(con, "bench/copy_articles")
        t = step("articles", t)
        statements.execute(con, "bench/copy_sentences")
        t = step("sentences", t)
        statements.execute(con, "bench/copy_mentions_visit")
        statements.execute(con, "bench/copy_mentions_meeting")
        statements.execute(con, "bench/copy_mentions_aid")
        statements.execute(con, "bench/copy_mentions_casualty")
        t = step("mentions", t)
        statements.execute(con, "bench/built_at")
        statements.execute(con, "bench/detach_source")
        con.execute("checkpoint")
        build_marts(con)
        t = step("marts (etl.events.build_marts)", t)
        con.execute("checkpoint")
        counts = {
            table: statements.execute(con, "store/count_rows", table=table).fetchone()[0]
            for table in ("articles", "sentences", *FACT_TABLES.values(), "stops", "legs",
                          "meetings", "aid", "casualty_reports", "event_mentions")
        }
    finally:
        con.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/shuttle-bench"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = generate(args.mentions, args.db, args.work)
    mentions = sum(counts[t] for t in FACT_TABLES.values())
    print(f"wrote {args.db} ({args.db.stat().st_size / 1e6:.0f} MB) in "
          f"{time.perf_counter() - started:.0f} s: {mentions} mentions; "
          + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
