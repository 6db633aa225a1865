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

from etl import settings  # noqa: E402
from etl.build import build  # noqa: E402
from etl.events import build_marts  # noqa: E402
from etl.load import FACT_TABLES, create_schema, quote_identifier, table_columns  # noqa: E402

VARIANTS = 16
# A stated date moved by `off` days, at its own precision (day, month or year).
SHIFT_MACRO = """
create or replace temp macro shift_date(d, off) as
    case length(d)
        when 10 then strftime(cast(d as date) + cast(off as integer), '%Y-%m-%d')
        when 7 then strftime(cast(d || '-15' as date) + cast(off as integer), '%Y-%m')
        when 4 then cast(cast(d as integer) + cast(round(off / 365.25) as integer) as varchar)
    end
"""


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
        con.execute("attach ? as src (read_only)", [str(source)])
        per_copy = sum(
            con.execute(f"select count(*) from src.{table}").fetchone()[0]
            for table in FACT_TABLES.values()
        )
        copies = math.ceil(target / per_copy)
        print(f"  {per_copy} mentions in the sample: {copies} copies for {target}")
        con.execute(SHIFT_MACRO)
        # Year histogram of the dated sample articles, as cumulative shares.
        con.execute("""
            create temp table years as
            with counts as (
                select year(published) as year, count(*) as n
                from src.articles where published is not null group by 1
            )
            select year,
                (sum(n) over (order by year) - n) / sum(n) over () as lo,
                sum(n) over (order by year) / sum(n) over () as hi
            from counts
        """)
        con.execute("""
            create temp table plan as
            with draws as (
                select
                    k,
                    a.id as src_id,
                    a.published as src_published,
                    (hash(k, a.id, 'year') % 1000000) / 1000000.0 as u,
                    hash(k, a.id, 'day') % 365 as day,
                    hash(k, a.id, 'people') % ? as variant
                from range(?) as r(k)
                cross join src.articles a
            )
            select
                draws.k,
                draws.src_id,
                draws.src_id || '~' || draws.k as id,
                draws.variant,
                make_date(years.year, 1, 1) + cast(draws.day as integer) as published,
                (make_date(years.year, 1, 1) + cast(draws.day as integer))
                    - coalesce(draws.src_published, date '2019-07-01') as off
            from draws
            join years on draws.u >= years.lo and draws.u < years.hi
        """, [VARIANTS, copies])
        # Variant v > 0 permutes the sample's people; variant 0 keeps them.
        con.execute("""
            create temp table person_map as
            with people as (
                select distinct actor as name from src.mentions_visit
                union
                select distinct unnest(participants) from src.mentions_meeting
            ),
            ranked as (
                select v, name,
                    row_number() over (partition by v order by name) as by_name,
                    row_number() over (partition by v order by hash(v, name)) as by_hash
                from people, range(1, ?) as r(v)
            )
            select a.v, map_from_entries(list(struct_pack(k := a.name, v := b.name))) as m
            from ranked a join ranked b on a.v = b.v and a.by_name = b.by_hash
            group by a.v
        """, [VARIANTS])
        t = step("plan (articles x copies, dates, people)", t)

        columns = table_columns(con)

        def copy(table: str, overrides: dict[str, str], key: str = "article_id") -> None:
            names = [c for c, _ in columns[table]]
            select = ", ".join(overrides.get(c, f"s.{quote_identifier(c)}") for c in names)
            con.execute(
                f"insert into {table} ({', '.join(map(quote_identifier, names))}) "
                f"select {select} from src.{table} s join plan p on s.{key} = p.src_id "
                "left join person_map pm on pm.v = p.variant"
            )

        copy("articles", {"id": "p.id", "published": "case when s.published is null then "
                          "null else p.published end",
                          "path": "s.path || '#' || p.k"}, key="id")
        t = step("articles", t)
        copy("sentences", {"article_id": "p.id"})
        t = step("sentences", t)
        mention = {"mention_id": "md5(s.mention_id || ':' || p.k)[:16]",
                   "article_id": "p.id"}
        copy("mentions_visit", {**mention, "actor": "coalesce(pm.m[s.actor], s.actor)",
                                "date": "shift_date(s.date, p.off)"})
        copy("mentions_meeting", {**mention, "date": "shift_date(s.date, p.off)",
                                  "participants": "list_sort(list_transform(s.participants, "
                                  "lambda x: coalesce(pm.m[x], x)))"})
        copy("mentions_aid", {**mention, "date": "shift_date(s.date, p.off)"})
        copy("mentions_casualty", {**mention, "as_of": "shift_date(s.as_of, p.off)"})
        t = step("mentions", t)
        con.execute("insert into build_info values ('built_at', cast(now() as varchar))")
        con.execute("detach src")
        con.execute("checkpoint")
        build_marts(con)
        t = step("marts (etl.events.build_marts)", t)
        con.execute("checkpoint")
        counts = {
            table: con.execute(f"select count(*) from {quote_identifier(table)}").fetchone()[0]
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
