"""Write the tables of BENCHMARKS.md from the benchmarks' own output (their --json files), with
the machine and the date, so the page says what the scripts print and nothing else.

    .venv/bin/python benchmarks/write_tables.py [--results /tmp/shuttle-bench/results]
        [--out BENCHMARKS.md]

Reads from --results whichever of these exist (each made by the command beside it):

    queries-1m-before.json  bench_queries.py --db <1M file built before a change> --json ...
    queries-1m.json         bench_queries.py --db <1M file> --json ...
    (further runs of either as queries-1m-2.json, queries-1m-3.json, ...: the tables give
    the min / median / max over the runs)
    build.json              bench_build.py --dask --json ...
    browser.json            bench_browser.py --db <1M file> --json ...
    extract-dev.json        bench_extract.py --mix dev --json ...
    extract-real.json       bench_extract.py --mix real --json ... (when there is no dev run)

and replaces the text between `<!-- generated -->` and `<!-- /generated -->` in --out (the
rest of the page, its history and explanations, is left as written). Every figure carries
the load average it was measured at: the machine is shared with other people's work.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- generated -->", "<!-- /generated -->"
ARTICLES_A_DAY = 1_000_000


def read(results: Path, name: str) -> dict | None:
    path = results / name
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def machine() -> list[str]:
    """The machine the figures come from, as /proc and the libraries say."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory = f"{int(mem.split()[1]) / 2**20:.1f} GiB"
    except (OSError, StopIteration):
        memory = "unknown memory"
    import duckdb

    return [
        f"- Written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `benchmarks/write_tables.py` from "
        "the scripts' --json output of the same day.",
        f"- Linux {platform.release()}, Python {platform.python_version()}, DuckDB "
        f"{duckdb.__version__}; CPU `{cpu}`, **{os.cpu_count()} cores**, {memory}.",
        "- The machine is shared with other people's builds and test suites while these ran: "
        "the load average (1, 5, 15 minutes) is given beside every figure, and at a load of "
        "10 on 2 cores a figure is several times what the same code does on a quiet machine.",
    ]


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"


def query_runs(results: Path, stem: str) -> list[dict]:
    """The runs of bench_queries.py under one name: `<stem>.json`, then `<stem>-2.json`,
    `<stem>-3.json`, ... (one --json file per run of the script)."""
    runs = [r] if (r := read(results, f"{stem}.json")) else []
    while r := read(results, f"{stem}-{len(runs) + 1}.json"):
        runs.append(r)
    return runs


def _spread(values: list[float], unit: str = "") -> str:
    """'min / median / max' of the runs' figures, or the one figure of a single run."""
    values = sorted(values)
    if not values:
        return "-"
    mid = values[len(values) // 2] if len(values) % 2 else \
        (values[len(values) // 2 - 1] + values[len(values) // 2]) / 2
    text = [f"{v:,.1f}{unit}" for v in (values[0], mid, values[-1])]
    return text[0] if len(values) == 1 else " / ".join(text)


P95_TARGET_MS = 50.0
RATIO_TARGET = 10.0


def queries_table(after: list[dict], before: list[dict]) -> list[str]:
    """Per query over the runs: p95 and ratio (min / median / max of the runs), how many runs
    met each target (p95 under 50 ms, within 10x of the raw scan), and the same figures of
    the runs before a change beside them."""
    runs = len(after)
    lines = [
        f"Page queries on {after[0]['mentions']:,} mentions (`bench_queries.py`), "
        f"{runs} run{'s' if runs > 1 else ''} of the script, {after[0]['runs']} calls per "
        "query in each, ms. *p95* and *ratio*: min / median / max over the runs of each "
        "run's figure; *raw*: the median of `count(*)` over the same filtered rows with the "
        "same parameters, right after each call; *ratio*: median / raw. Targets: p95 under "
        f"{P95_TARGET_MS:.0f} ms, ratio under {RATIO_TARGET:.0f}x; the columns after them "
        "say in how many runs each held.",
        "",
    ]
    head = "| query | p95 | median | raw | ratio | p95 < 50 ms | ratio < 10x |"
    if before:
        head += " p95 before | ratio before |"
    head += " load average (1 min) |"
    lines += [head, "|" + "---|" * (head.count("|") - 1)]
    both = []
    for name in after[0]["queries"]:
        figures = [r["queries"][name] for r in after if name in r["queries"]]
        p95 = [f["p95"] for f in figures]
        ratios = [f["ratio"] for f in figures if f["ratio"] is not None]
        fast = sum(v < P95_TARGET_MS for v in p95)
        near = sum(v < RATIO_TARGET for v in ratios)
        if fast == len(p95) and near == len(ratios):
            both.append(name)
        row = (f"| {name} | {_spread(p95)} | {_spread([f['median'] for f in figures])} | "
               f"{_spread([f['raw_median'] for f in figures if f['raw_median'] is not None])}"
               f" | {_spread(ratios, 'x')} | {fast} of {len(p95)} | "
               + (f"{near} of {len(ratios)} |" if ratios else "- |"))
        if before:
            old = [r["queries"][name] for r in before if name in r["queries"]]
            row += (f" {_spread([f['p95'] for f in old])} | "
                    f"{_spread([f['ratio'] for f in old if f['ratio'] is not None], 'x')} |")
        loads = sorted(float(f["load"].split()[0]) for f in figures)
        row += f" {loads[0]:.1f}-{loads[-1]:.1f} |"
        lines.append(row)
    missed = [n for n in after[0]["queries"] if n not in both]
    lines += ["", f"Both targets held in every run for {len(both)} of "
              f"{len(after[0]['queries'])} queries"
              + (f"; not for {', '.join(missed)}." if missed else ".")]
    if before:
        lines.append(f"*before*: {len(before)} run{'s' if len(before) > 1 else ''} of the "
                     "script of the code before the change, on a file its build wrote from "
                     "the same generated mentions.")
    return lines


def build_table(build: dict) -> list[str]:
    figures = build["figures"]
    lines = [f"`python -m etl build` on {build['size']:,} generated articles "
             "(`bench_build.py`), wall time of the whole command in a fresh process:", "",
             "| build | min s | median s | max s | runs | vs one worker | load average |",
             "|---|---|---|---|---|---|---|"]
    for label, f in figures.items():
        if label.startswith("incremental"):
            extra = f"{f['share_of_full']:.1%} of a full build"
        elif label == "nothing changed":
            extra = "file untouched" if f.get("untouched") else "FILE CHANGED"
        else:
            extra = f"{f.get('speedup', 1):.2f}x"
        lines.append(f"| {label} | {f['min']:.2f} | {f['median']:.2f} | {f['max']:.2f} | "
                     f"{f['runs']} | {extra} | {f['load']} |")
    inc = figures.get("incremental (10 changed)")
    if inc:
        sizes = ", ".join(f"{s / 1e6:.1f}" for s in inc["sizes"])
        largest = max(inc["sizes"]) / inc["fresh_size"]
        lines += ["", f"File size after each of {len(inc['sizes'])} incremental builds: "
                  f"{sizes} MB; a fresh build of the same articles: "
                  f"{inc['fresh_size'] / 1e6:.1f} MB (largest {largest:.2f}x)."]
    return lines


def browser_table(browser: dict) -> list[str]:
    labels = {"cold": "cold server to routes drawn (target < 8 s)",
              "warm": "navigation to routes drawn (target < 2.5 s)",
              "filter": "filter change to redraw (target < 0.7 s)"}
    lines = [f"Headless chromium on `{Path(browser['db']).name}` (`bench_browser.py`):", "",
             "| what | min s | median s | max s | runs | load average |",
             "|---|---|---|---|---|---|"]
    for key, f in browser["figures"].items():
        lines.append(f"| {labels.get(key, key)} | {f['min']:.2f} | {f['median']:.2f} | "
                     f"{f['max']:.2f} | {f['runs']} | {f['load']} |")
    return lines


_MIXES = {"dev": "`bench_extract.py --mix dev`: corpus/dev and dev2",
          "real": "`bench_extract.py --mix real`: the seeds, corpus/dev and dev2 repeated"}


def extract_table(extract: dict) -> list[str]:
    mix = "dev" if "dev" in extract else "real"
    dev = extract[mix]
    lines = [f"Extraction of real articles ({_MIXES[mix]}, "
             f"{dev['articles']} articles of {dev['words_per_article']:.0f} words on average, "
             "read at run time and never stored), ms per article and articles/s (median):",
             "", "| engine | min | median | max | articles/s | runs | load average |",
             "|---|---|---|---|---|---|---|"]
    for key, label in (("engine_1", "rules, 1 worker"), ("engine_2", "rules, 2 workers"),
                       ("spacy_full", "spaCy's whole small pipeline, for scale")):
        f = dev[key]
        lines.append(f"| {label} | {f['ms_min']:.1f} | {f['ms_median']:.1f} | "
                     f"{f['ms_max']:.1f} | {1000 / f['ms_median']:.1f} | {f['runs']} | "
                     f"{f['load_min']:.1f}-{f['load_max']:.1f} |")
    one, two, full = (dev[k]["ms_median"] for k in ("engine_1", "engine_2", "spacy_full"))
    lines += ["", f"1 worker against the whole small pipeline: {full / one:.2f}x; 2 workers "
              f"against 1: {one / two:.2f}x (medians)."]
    return lines


def capacity_plan(extract: dict, build: dict | None) -> list[str]:
    """A million articles a day at the measured real-article cost."""
    f = extract["dev" if "dev" in extract else "real"]["engine_1"]
    best, median = f["ms_min"], f["ms_median"]
    core_hours = ARTICLES_A_DAY * median / 1000 / 3600
    per_second = ARTICLES_A_DAY / 86_400
    cores_even = per_second * median / 1000
    lines = [
        f"At the measured {median:.1f} ms of one core per real article (median; {best:.1f} ms "
        f"the best run, at load {f['load_min']:.1f}-{f['load_max']:.1f}), "
        f"{ARTICLES_A_DAY:,} articles a day are:",
        "",
        f"- **extraction**: {core_hours:,.0f} core-hours a day; arriving evenly, "
        f"{per_second:.1f} articles/s keep {cores_even:.1f} cores busy, a 10x peak hour "
        f"{10 * cores_even:.0f} cores: a Dask cluster (`--engine dask --scheduler ...`) of "
        f"{(m := max(1, round(10 * cores_even / 8 + 0.49)))} machine{'s' * (m > 1)} of 8 "
        f"cores, or a day's batch "
        f"in {core_hours / 16:.1f} hours on 16 cores;",
    ]
    if build and "incremental (10 changed)" in build["figures"] and build["size"] >= 5_000:
        inc = build["figures"]["incremental (10 changed)"]
        per_article = inc["fresh_size"] / build["size"]
        lines.append(f"- **storage**: {per_article / 1e3:.1f} KB of DuckDB per article with its "
                     f"text, sentences, facts and marts (a fresh build of {build['size']:,} "
                     f"generated articles), {ARTICLES_A_DAY * per_article / 1e9:.1f} GB a day: "
                     "the dashboard's file should hold the window analysts read, older "
                     "articles and facts in Parquet;")
    elif build:
        lines.append(f"- **storage**: not from these runs (a file of {build['size']:,} articles "
                     "is mostly its fixed part); the 100,000-article build of the history "
                     "below stored 3.2 KB per article;")
    lines.append("- the figures of one core come from a machine at the load average shown; on "
                 "a quiet core the same code is faster, so these are upper bounds.")
    return lines


def kept_sections(text: str) -> tuple[str, dict[str, list[str]]]:
    """The sections of the generated part of `text` as last written, by title, and the line
    saying when ("- Written ..."), for the sections this run has no --json file for."""
    block = text.split(START, 1)[-1].split(END, 1)[0]
    written = next((line for line in block.splitlines() if line.startswith("- Written ")), "")
    sections: dict[str, list[str]] = {}
    title = None
    for line in block.splitlines():
        if line.startswith("### "):
            title = line
            sections[title] = []
        elif title:
            sections[title].append(line)
    return written, {t: body[:-1] if body and not body[-1] else body
                     for t, body in sections.items()}


def _kept_since(previous: str) -> dict[str, str]:
    """Section name -> the day the page last said it was kept from."""
    out = {}
    for m in re.finditer(r"^- Not re-run this time, so kept as written on (.+? UTC): (.+)\.$",
                         previous, re.MULTILINE):
        for name in m.group(2).split(", "):
            out[name] = m.group(1)
    return out


def generated(results: Path, previous: str = "") -> list[str]:
    lines = ["## Current figures", "", *machine(), ""]
    written, kept = kept_sections(previous)
    after, before = query_runs(results, "queries-1m"), query_runs(results, "queries-1m-before")
    sections = [
        ("### Page queries", queries_table(after, before) if after else None),
        ("### Builds", build_table(b) if (b := read(results, "build.json")) else None),
        ("### The dashboard in a browser",
         browser_table(w) if (w := read(results, "browser.json")) else None),
        ("### Extraction of real articles",
         extract_table(x) if (x := read(results, "extract-dev.json")
                                 or read(results, "extract-real.json")) else None),
        ("### Plan for a million articles a day",
         capacity_plan(x, b) if x else None),
    ]
    reused = [title for title, body in sections if not body and kept.get(title)]
    if reused and written:
        last = written.removeprefix("- Written ").split(" by ", 1)[0]
        by_day: dict[str, list[str]] = {}
        for title in reused:  # a section kept before keeps the day it was written
            name = title.removeprefix("### ").lower()
            by_day.setdefault(_kept_since(previous).get(name, last), []).append(name)
        for when, names in by_day.items():
            lines.insert(len(lines) - 1, f"- Not re-run this time, so kept as written on "
                         f"{when}: " + ", ".join(names) + ".")
    for title, body in sections:
        body = body or kept.get(title)
        if body:
            lines += [title, *([""] if body[0] else []), *body, ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=Path("/tmp/shuttle-bench/results"))
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    text = args.out.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"{args.out} has no {START} ... {END} section", file=sys.stderr)
        return 1
    body = "\n".join(generated(args.results, text)).rstrip()
    text = re.sub(re.escape(START) + r".*?" + re.escape(END),
                  lambda _: f"{START}\n{body}\n{END}", text, count=1, flags=re.S)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote the tables of {args.out} from {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
