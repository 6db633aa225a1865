"""Builds as the analyst runs them (`python -m etl build`): full builds by number of workers
and engine, a build with nothing changed, incremental builds and the file's size after them.

    .venv/bin/python benchmarks/bench_build.py [--size 300] [--workers 1 2] [--repeat 3]
        [--dask] [--work /tmp/shuttle-bench] [--json OUT.json]

The articles are generated once (benchmarks/generate_articles.py, cached in --work). Every
figure is the wall time of the command in a fresh process, --repeat times (at least 3),
printed as min / median / max with the load average before the runs: the machine is
shared, and a figure means little without it.

- full: `build --rebuild` with each --workers (and `--engine dask` on a local cluster with
  2 workers, when --dask and Dask is installed), the speed-up over one worker beside it;
- nothing changed: `build` again with no input changed (it must not touch the file: the
  file's sha256 and mtime are compared, and printed);
- incremental: 5 builds, each after changing 10 other articles, their times as a share of
  the median full build with one worker, and the file's size after each against the size
  of a fresh build of the same articles.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for folder in (ROOT, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from generate_articles import generate  # noqa: E402

CHANGED = 10
INCREMENTAL_BUILDS = 5


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def corpus(work: Path, n: int) -> Path:
    """The generated corpus of n articles, made once and reused by later runs; its files are
    dated an hour back, so no build sees them as just modified."""
    folder = work / f"articles-{n}"
    done = folder / ".complete"
    if not done.exists():
        stats = generate(n, folder)
        done.write_text(json.dumps(stats))
    then = time.time() - 3600
    for path in folder.rglob("*.md"):
        os.utime(path, (then, then))
    return folder


def etl_build(folder: Path, db: Path, *extra: str) -> tuple[float, str]:
    """Seconds of one `python -m etl build` in a fresh process, and what it printed."""
    command = [sys.executable, "-m", "etl", "build", "--articles", str(folder), "--db", str(db),
               "--corrections", str(db.with_suffix(".corrections.jsonl")), *extra]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1) or not done.stdout:
        raise SystemExit(f"build failed: {' '.join(extra)}\n{done.stderr[-3000:]}")
    return seconds, done.stdout


def spread(samples: list[float]) -> dict[str, float]:
    return {"min": min(samples), "median": statistics.median(samples), "max": max(samples),
            "runs": len(samples)}


def show(label: str, figure: dict, extra: str = "") -> None:
    print(f"  {label:<34} min {figure['min']:7.2f} s  median {figure['median']:7.2f} s  "
          f"max {figure['max']:7.2f} s  ({figure['runs']} runs){extra}; "
          f"load average {figure['load']}")


def repeated(repeat: int, run) -> dict:
    at = load()
    figure = spread([run() for _ in range(repeat)])
    figure["load"] = at
    return figure


def state(db: Path) -> tuple[str, int]:
    return hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns


def change_articles(folder: Path, round_: int) -> None:
    """Append a sentence to CHANGED articles, others each round, dated a minute back."""
    files = sorted(folder.rglob("*.md"))
    step = max(1, len(files) // (CHANGED * INCREMENTAL_BUILDS))
    picked = files[round_ * CHANGED * step::step][:CHANGED]
    then = time.time() - 60
    for path in picked:
        path.write_bytes(path.read_bytes()
                         + f"\nThe correspondent added line {round_} to this report.\n".encode())
        os.utime(path, (then, then))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dask", action="store_true", help="also time --engine dask")
    parser.add_argument("--work", type=Path, default=Path("/tmp/shuttle-bench"))
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    args.repeat = max(args.repeat, 3)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"cpus: {os.cpu_count()}, {args.size} generated articles, load average {load()}")
    figures: dict[str, dict] = {}
    folder = corpus(args.work, args.size)
    db = args.work / f"bench-{args.size}.duckdb"
    for workers in args.workers:
        figure = repeated(args.repeat, lambda w=workers: etl_build(
            folder, db, "--rebuild", "--workers", str(w))[0])
        figures[f"full, --workers {workers}"] = figure
    one = figures[f"full, --workers {args.workers[0]}"]["median"]
    for label, figure in figures.items():
        figure["speedup"] = one / figure["median"]
        show(label, figure, f", {figure['speedup']:.2f}x")
    if args.dask:
        figure = repeated(args.repeat, lambda: etl_build(
            folder, db.with_name(f"dask-{db.name}"), "--rebuild", "--engine", "dask",
            "--workers", "2")[0])
        figure["speedup"] = one / figure["median"]
        figures["full, --engine dask (local, 2 workers)"] = figure
        show("full, --engine dask (local, 2 workers)", figure, f", {figure['speedup']:.2f}x")

    etl_build(folder, db)  # a build that keeps the record of its inputs
    before = state(db)
    said = []
    figure = repeated(args.repeat, lambda: said.append(etl_build(folder, db)) or said[-1][0])
    untouched = state(db) == before and all(s.startswith("Nothing changed") for _, s in said)
    figure["untouched"] = untouched
    figures["nothing changed"] = figure
    show("nothing changed", figure, ", file untouched" if untouched else ", FILE CHANGED")

    sizes, times = [], []
    for round_ in range(INCREMENTAL_BUILDS):
        change_articles(folder, round_)
        seconds, out = etl_build(folder, db)
        extracted = re.search(r"(\d+) extracted", out)
        times.append(seconds)
        sizes.append(db.stat().st_size)
        print(f"  incremental {round_ + 1} ({extracted.group(1) if extracted else '?'} "
              f"extracted): {seconds:.2f} s, {seconds / one:.1%} of a full build, file "
              f"{sizes[-1] / 1e6:.1f} MB")
    fresh = db.with_name(f"fresh-{db.name}")
    etl_build(folder, fresh, "--rebuild")
    figure = spread(times)
    figure.update(load=load(), share_of_full=figure["median"] / one,
                  sizes=sizes, fresh_size=fresh.stat().st_size)
    figures["incremental (10 changed)"] = figure
    show("incremental (10 changed)", figure, f", {figure['share_of_full']:.1%} of full")
    print(f"  file after {INCREMENTAL_BUILDS} incremental builds: largest "
          f"{max(sizes) / 1e6:.1f} MB, a fresh build {fresh.stat().st_size / 1e6:.1f} MB "
          f"({max(sizes) / fresh.stat().st_size:.2f}x)")
    if args.json:
        args.json.write_text(json.dumps({"size": args.size, "figures": figures}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
