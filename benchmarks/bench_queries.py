"""Every query function of ui/queries.py on a large database: min, median, p95 and max with
varied filters, beside the raw scan of the same filtered rows.

    .venv/bin/python benchmarks/bench_queries.py --db /tmp/shuttle-bench/mentions-1m.duckdb
        [--runs 21] [--json OUT.json]

The database is opened the way the dashboard opens it (ui/db.open_handle + cursor: attached
read-only, with the query macros). Each query runs --runs times (at least 3), cycling
through filter sets drawn from the database itself (no filter; one diplomat; two countries;
a year window with statuses; an outlet; everything at once), after one warm-up run.

The raw scan is the floor a page query is measured against: in the same run, right after
each page query, `select count(*)` over the query's first CTE (its filtered rows: the same
table, the same WHERE, the same bound parameters as the page query just ran with), or, for
a query without one, a count of the rows its WHERE selects (RAW below). Its median and the
ratio page / raw are printed per query, and the load average before each query's runs: the
machine is shared, and a figure means little without it. --json writes every figure for
benchmarks/write_tables.py.

Beside the main page queries, the same answers computed the naive way: read the table(s)
into pandas on every call and filter there. The row counts before the cap (`total_rows`)
must agree, which is checked and printed. Two naive figures are given: with the read
(what a page without a database does on each rerun) and with the frames already in memory.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl import statements  # noqa: E402
from ui import queries  # noqa: E402
from ui.db import cursor, open_handle  # noqa: E402
from ui.filters import Filters  # noqa: E402


def filter_sets(con: duckdb.DuckDBPyConnection) -> list[Filters]:
    """Filters an analyst might pick, drawn from the data so every one selects something."""
    bounds = queries.year_bounds(con)
    diplomats = list(queries.diplomat_counts(con)["actor"][:6])
    countries = list(queries.country_counts(con)["country"][:6])
    outlets = [o for o in queries.outlet_counts(con)["outlet"] if isinstance(o, str)][:3]
    first, last = bounds or (2013, 2024)
    mid = (first + last) // 2
    return [
        Filters(year_bounds=bounds),
        Filters(diplomats=(diplomats[0],), year_bounds=bounds),
        Filters(countries=tuple(countries[1:3]), year_bounds=bounds),
        Filters(years=(mid, mid + 1), statuses=("occurred",), year_bounds=bounds),
        Filters(outlets=(outlets[0],), year_bounds=bounds),
        Filters(diplomats=tuple(diplomats[2:4]), years=(first, mid), countries=(countries[0],),
                statuses=("occurred", "planned"), outlets=tuple(outlets[:2]),
                year_bounds=bounds),
        Filters(diplomats=(diplomats[5],), years=(last - 1, last), year_bounds=bounds),
    ]


def page_queries(con: duckdb.DuckDBPyConnection) -> dict[str, Callable[[Filters, int], object]]:
    """Every function of ui/queries.py that runs SQL, with varied arguments per run."""
    people = list(queries.person_list(con)["name"][:10])
    articles = [r[0] for r in statements.execute(con, "bench/sample_article_ids").fetchall()]
    words = ["Kyiv", "ceasefire", "million", "talks", "killed", "visit", "summit", "aid"]
    # the routes page asks for the legs touching the stops it draws: found before timing
    drawn = {f: queries.route_stops(con, f) for f in filter_sets(con)}
    return {
        "diplomat_counts": lambda f, i: queries.diplomat_counts(con),
        "year_bounds": lambda f, i: queries.year_bounds(con),
        "country_counts": lambda f, i: queries.country_counts(con),
        "outlet_counts": lambda f, i: queries.outlet_counts(con),
        "route_stops": lambda f, i: queries.route_stops(con, f),
        "route_legs": lambda f, i: queries.route_legs(con, f, drawn=drawn[f]),
        "route_months": lambda f, i: queries.route_months(con, f),
        "aid_rows": lambda f, i: queries.aid_rows(
            con, f, statuses=[["pledged", "delivered"], []][i % 2]),
        "aid_by_party": lambda f, i: queries.aid_by_party(
            con, f, statuses=[[], ["announced"]][i % 2], by=("donor", "recipient")[i % 2]),
        "aid_page": lambda f, i: queries.aid_page(
            con, f, statuses=[["pledged", "delivered"], []][i % 2], named=i % 3 != 2,
            offset=[0, 50, 500][i % 3]),
        "casualty_rows": lambda f, i: queries.casualty_rows(
            con, f, metrics=[[], ["killed"], ["displaced", "missing"]][i % 3]),
        "casualty_page": lambda f, i: queries.casualty_page(
            con, f, metrics=[[], ["killed"], ["displaced", "missing"]][i % 3],
            offset=[0, 50, 500][i % 2]),
        "person_list": lambda f, i: queries.person_list(con),
        "person_stops": lambda f, i: queries.person_stops(con, f, people[i % len(people)]),
        "person_legs": lambda f, i: queries.person_legs(con, f, people[i % len(people)]),
        "person_counterparts": lambda f, i: queries.person_counterparts(
            con, f, people[i % len(people)]),
        "person_roles": lambda f, i: queries.person_roles(con, people[i % len(people)]),
        "evidence_search": lambda f, i: queries.evidence_search(con, f, words[i % len(words)]),
        "article_list": lambda f, i: queries.article_list(
            con, f, title=["", "Kyiv", "aid"][i % 3], offset=[0, 50, 1000][i % 3]),
        "article_one": lambda f, i: queries.article_one(con, articles[i % len(articles)]),
        "article_facts": lambda f, i: queries.article_facts(con, articles[i % len(articles)]),
        "missing_tables": lambda f, i: queries.missing_tables(con, ("stops", "legs", "aid")),
    }


# -- the naive way ------------------------------------------------------------------------

def _lo_hi(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last day of ISO periods (YYYY, YYYY-MM, YYYY-MM-DD), as day_lo / day_hi."""
    text = text.astype("string")
    size = text.str.len()
    lo = pd.to_datetime(text.where(size != 4, text + "-01-01")
                        .where(size != 7, text + "-01"), errors="coerce", format="%Y-%m-%d")
    hi = lo.copy()
    hi[size == 7] = lo[size == 7] + pd.offsets.MonthEnd(0)
    hi[size == 4] = lo[size == 4] + pd.offsets.YearEnd(0)
    return lo, hi


def _in_window(lo: pd.Series, hi: pd.Series, f: Filters) -> pd.Series:
    keep = pd.Series(True, index=lo.index)
    if f.date_from is not None:
        keep &= hi >= pd.Timestamp(f.date_from)
    if f.date_to is not None:
        keep &= lo <= pd.Timestamp(f.date_to)
    return keep


def _picked(column: pd.Series, choices: tuple | list) -> pd.Series:
    return column.isin(list(choices)) if choices else pd.Series(True, index=column.index)


class Naive:
    """The page queries recomputed in pandas from whole tables."""

    def __init__(self, con: duckdb.DuckDBPyConnection, cached: bool) -> None:
        self.con = con
        self.cached = cached
        self.frames: dict[str, pd.DataFrame] = {}

    def table(self, name: str, columns: str = "*") -> pd.DataFrame:
        key = f"{name}:{columns}"
        if self.cached and key in self.frames:
            return self.frames[key]
        frame = self.con.execute(f"select {columns} from {name}").df()
        if self.cached:
            self.frames[key] = frame
        return frame

    def _from_outlets(self, event_type: str, outlets: tuple[str, ...]) -> set[str]:
        em = self.table("event_mentions", "event_type, event_id, article_id")
        arts = self.table("articles", "id, source, published")
        em = em[em["event_type"] == event_type]
        ids = set(arts.loc[arts["source"].isin(list(outlets)), "id"])
        return set(em.loc[em["article_id"].isin(ids), "event_id"])

    def route_stops(self, f: Filters, i: int) -> int:
        stops = self.table("stops")
        lo, hi = _lo_hi(stops["date"])
        first = pd.to_datetime(stops["first_reported"])
        lo, hi = lo.fillna(first), hi.fillna(first)
        keep = (_picked(stops["actor"], f.diplomats) & _picked(stops["country"], f.countries)
                & _picked(stops["status"], f.statuses) & _in_window(lo, hi, f)
                & stops["lat"].notna() & stops["lon"].notna())
        if f.outlets:
            keep &= stops["stop_id"].isin(self._from_outlets("stop", f.outlets))
        return int(keep.sum())

    def casualty_rows(self, f: Filters, i: int) -> int:
        metrics = [[], ["killed"], ["displaced", "missing"]][i % 3]
        reports = self.table("casualty_reports")
        lo, hi = _lo_hi(reports["as_of"])
        keep = _picked(reports["metric"], metrics) & _in_window(lo, hi, f) & lo.notna()
        names = queries._country_names(f)
        if names:
            where = reports["where"].fillna("").str.lower()
            hit = pd.Series(False, index=reports.index)
            for name in names:
                hit |= where.str.contains(name.lower(), regex=False)
            keep &= hit
        if f.outlets:
            keep &= reports["report_id"].isin(self._from_outlets("casualty", f.outlets))
        return int(keep.sum())

    def evidence_search(self, f: Filters, i: int) -> int:
        words = ["Kyiv", "ceasefire", "million", "talks", "killed", "visit", "summit", "aid"]
        word = words[i % len(words)]
        em = self.table("event_mentions", "article_id, evidence_start, evidence, event_type")
        arts = self.table("articles", "id, source, published")
        hits = em[em["evidence"].str.contains(word, case=False, regex=False)]
        hits = hits.merge(arts, left_on="article_id", right_on="id")
        published = pd.to_datetime(hits["published"])
        keep = _picked(hits["source"], f.outlets) & _in_window(published, published, f)
        return len(hits[keep].drop_duplicates(["article_id", "evidence_start", "evidence"]))


NAIVE = {"route_stops": Naive.route_stops, "casualty_rows": Naive.casualty_rows,
         "evidence_search": Naive.evidence_search}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def total_of(result: object) -> int | None:
    if isinstance(result, pd.DataFrame):
        if "total_rows" in result.columns:
            return int(result["total_rows"].iloc[0]) if len(result) else 0
    return None


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# -- the raw scan of a page query's rows ----------------------------------------------------

# Queries without a first CTE of filtered rows: the count of what their WHERE selects, in
# etl/sql/bench/raw_<name>.sql. Keyed by the name of the SQL file (ui/sql/<name>.sql) the
# query function runs.
RAW = {name: f"bench/raw_{name}" for name in (
    "article_facts", "article_one", "person_legs", "person_roles",
    # the sidebar's and People page's counts: the rows of filter_counts they read
    "person_list", "filter_diplomats", "filter_countries", "filter_outlets",
    "route_months")}
_FIRST_CTE = re.compile(r"^\s*with\s+(\w+)\s+as\s+(?:not\s+)?(?:materialized\s+)?\(", re.I | re.S)


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def raw_sql(name: str) -> str | None:
    """`select count(*)` over the first CTE of ui/sql/<name>.sql, or RAW[name]."""
    if name in RAW:
        return statements.statement(RAW[name])
    try:
        sql = _strip_comments(queries.sql_text(name))
    except FileNotFoundError:
        return None
    match = _FIRST_CTE.match(sql)
    if not match:
        return None
    depth, start = 0, match.end() - 1
    for i in range(start, len(sql)):
        depth += {"(": 1, ")": -1}.get(sql[i], 0)
        if depth == 0:
            return f"with {match.group(1)} as ({sql[start + 1:i]}) select count(*) from " \
                   f"{match.group(1)}"
    return None


class Recorder:
    """Wraps queries.run to keep the name and parameters of the last page query, so the raw
    scan binds exactly what the page query bound."""

    def __init__(self) -> None:
        self.original = queries.run
        self.last: tuple[str, dict] | None = None

    def __call__(self, con: duckdb.DuckDBPyConnection, name: str, **params: object):
        self.last = (name, params)
        return self.original(con, name, **params)


def raw_scan(con: duckdb.DuckDBPyConnection, call: tuple[str, dict] | None) -> float | None:
    """Seconds of the raw scan of the page query `call` made, None when it has none."""
    if call is None:
        return None
    name, params = call
    sql = raw_sql(name)
    if sql is None:
        return None
    wanted = set(queries._PARAM.findall(sql))
    started = time.perf_counter()
    con.execute(sql, {k: params[k] for k in wanted}).fetchall()
    return time.perf_counter() - started


def spread(samples: list[float]) -> dict[str, float]:
    return {"min": min(samples), "median": statistics.median(samples),
            "p95": percentile(samples, 0.95), "max": max(samples)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--naive-runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    args.runs = max(args.runs, 3)
    con = cursor(open_handle(args.db))
    mentions = sum(statements.execute(con, "store/count_rows", table=t).fetchone()[0]
                   for t in ("mentions_visit", "mentions_meeting", "mentions_aid",
                             "mentions_casualty"))
    print(f"{args.db}: {mentions} mentions; {args.runs} runs per query, ms; "
          f"load average at start {load()}")
    filters = filter_sets(con)
    print(f"{'query':<22}{'min':>8}{'median':>8}{'p95':>8}{'max':>8}{'raw med':>9}"
          f"{'ratio':>7}  load average")
    recorder = Recorder()
    queries.run = recorder
    figures: dict[str, dict] = {}
    try:
        for name, run in page_queries(con).items():
            run(filters[0], 0)  # warm-up: the first run pays for reading the columns
            at = load()
            samples, raws = [], []
            for i, f in zip(range(args.runs), itertools.cycle(filters), strict=False):
                recorder.last = None
                started = time.perf_counter()
                run(f, i)
                samples.append((time.perf_counter() - started) * 1000)
                raw = raw_scan(con, recorder.last)
                if raw is not None:
                    raws.append(raw * 1000)
            figure = spread(samples)
            figure["raw_median"] = statistics.median(raws) if raws else None
            figure["ratio"] = (figure["median"] / figure["raw_median"]
                               if raws and figure["raw_median"] > 0 else None)
            figure["load"] = at
            figures[name] = figure
            raw_text = f"{figure['raw_median']:9.1f}" if raws else f"{'-':>9}"
            ratio_text = f"{figure['ratio']:6.1f}x" if figure["ratio"] else f"{'-':>7}"
            print(f"{name:<22}{figure['min']:8.1f}{figure['median']:8.1f}{figure['p95']:8.1f}"
                  f"{figure['max']:8.1f}{raw_text}{ratio_text}  {at}")
    finally:
        queries.run = recorder.original
    worst = max(figures, key=lambda n: figures[n]["p95"])
    print(f"slowest p95: {worst} {figures[worst]['p95']:.1f} ms")
    if args.json:
        args.json.write_text(json.dumps({"db": str(args.db), "mentions": mentions,
                                         "runs": args.runs, "queries": figures}, indent=1))

    if args.naive_runs < 1:
        return 0
    print(f"\nnaive pandas vs DuckDB, {args.naive_runs} runs each, ms (p50); "
          f"totals before the cap compared; load average {load()}")
    print(f"{'query':<18}{'duckdb':>9}{'pandas+read':>13}{'ratio':>8}{'pandas only':>13}"
          f"{'ratio':>8}  answers")
    queries_by_name = page_queries(con)
    for name, naive in NAIVE.items():
        fast, slow, warm, agree = [], [], [], True
        cold_naive, warm_naive = Naive(con, cached=False), Naive(con, cached=True)
        naive(warm_naive, filters[0], 0)
        for i, f in zip(range(args.naive_runs), itertools.cycle(filters), strict=False):
            started = time.perf_counter()
            expected = total_of(queries_by_name[name](f, i))
            fast.append(time.perf_counter() - started)
            started = time.perf_counter()
            got = naive(cold_naive, f, i)
            slow.append(time.perf_counter() - started)
            started = time.perf_counter()
            naive(warm_naive, f, i)
            warm.append(time.perf_counter() - started)
            agree &= got == expected
        d, s, w = (statistics.median(x) * 1000 for x in (fast, slow, warm))
        print(f"{name:<18}{d:9.1f}{s:13.1f}{s / d:7.1f}x{w:13.1f}{w / d:7.1f}x  "
              f"{'same totals' if agree else 'TOTALS DIFFER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
