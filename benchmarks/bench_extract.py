"""Extraction throughput with 1 and 2 workers, against the floor of only reading the text.

    .venv/bin/python benchmarks/bench_extract.py [--n 1000] [--articles DIR] [--repeat 3]

Prints articles/s and words/s for: the floor (etl.read.iter_articles alone: decode, front
matter, normalise, split sentences, segments), extraction with 1 worker and with 2
(etl.build.extract_stream, the path `python -m etl build` takes), the ratio of each to the
floor, the 2-worker speed-up, and a cProfile of extract_article grouped by module and by
function so the cost can be located.

Both runs do the same work on the same corpus: read every file in the main process and
extract every article. Start-up is excluded from both equally and timed on its own: before
the 1-worker run the main process loads the reference data (what a worker does when it
starts); before the 2-worker run the pool's processes are started and warmed
(etl.build.ExtractionPool.wait_warm). Each run is repeated, 1 and 2 workers alternating,
with the load average before each; the best and the range are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_articles import generate  # noqa: E402

from etl.build import ExtractionPool, Outcome, _warm_worker, extract_stream  # noqa: E402
from etl.extract import extract_article  # noqa: E402
from etl.model import Article  # noqa: E402
from etl.read import iter_articles  # noqa: E402


def timed_read(folder: Path) -> tuple[float, int, int]:
    """Seconds to read and tokenize every article, and the articles and words read."""
    started = time.perf_counter()
    articles = words = 0
    for item in iter_articles([folder]):
        if isinstance(item, Article):
            articles += 1
            words += len(item.text.split())
    return time.perf_counter() - started, articles, words


def timed_extract(folder: Path, pool: ExtractionPool | None) -> tuple[float, float, int, int]:
    """Seconds and main-process CPU seconds to read and extract every article, in this
    process (`pool` None) or in the pool's warm workers; the articles and facts."""
    started, cpu = time.perf_counter(), time.process_time()
    articles = facts = 0
    for outcome in extract_stream(iter_articles([folder]), pool=pool):
        if isinstance(outcome, Outcome):
            articles += 1
            facts += len(outcome.facts or [])
    return time.perf_counter() - started, time.process_time() - cpu, articles, facts


def profile_extract(folder: Path, limit: int, top: int = 15) -> None:
    """cProfile of extract_article alone (reading done beforehand), grouped two ways."""
    articles = [a for a in iter_articles([folder]) if isinstance(a, Article)][:limit]
    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles:
        extract_article(article)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    by_module: dict[str, float] = defaultdict(float)
    for (file, _, _), (_, _, tottime, _, _) in stats.stats.items():
        name = file
        if "/etl/" in file:
            name = "etl/" + file.split("/etl/", 1)[1]
        elif file.startswith("~") or file.startswith("<"):
            name = "builtins (re, str, list ...)"
        else:
            name = "other: " + Path(file).name
        by_module[name] += tottime
    print(f"\nprofile of extract_article over {len(articles)} articles "
          f"({total:.2f} s under the profiler):")
    print("  own time by module:")
    for name, seconds in sorted(by_module.items(), key=lambda kv: -kv[1])[:10]:
        print(f"    {seconds / total:6.1%}  {name}")
    print("  top functions by own time:")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
    for (file, line, func), (_, calls, tottime, cumtime, _) in rows:
        where = ("etl/" + file.split("/etl/", 1)[1]) if "/etl/" in file else Path(file).name
        print(f"    {tottime / total:6.1%} own {cumtime / total:6.1%} cum {calls:>9} calls  "
              f"{func} ({where}:{line})")
    print("  top etl functions by cumulative time:")
    rows = sorted(((k, v) for k, v in stats.stats.items() if "/etl/" in k[0]),
                  key=lambda kv: -kv[1][3])[:top]
    for (file, line, func), (_, calls, _, cumtime, _) in rows:
        where = "etl/" + file.split("/etl/", 1)[1]
        print(f"    {cumtime / total:6.1%} cum {calls:>9} calls  {func} ({where}:{line})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000, help="articles to generate")
    parser.add_argument("--articles", type=Path, help="an existing folder to read instead")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each (1 and 2 workers alternate)")
    parser.add_argument("--profile-n", type=int, default=300,
                        help="articles to profile (0: no profile)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="shuttle-bench-") as tmp:
        folder = args.articles
        if folder is None:
            folder = Path(tmp) / "articles"
            generate(args.n, folder)
        print(f"cpus: {os.cpu_count()}; corpus: {folder}")
        timed_read(folder)  # warm the page cache and imports once
        floor, n, words = timed_read(folder)
        print(f"floor (read + tokenize only): {floor:7.2f} s  {n / floor:8.1f} articles/s  "
              f"{words / floor:10.0f} words/s")
        started = time.perf_counter()
        _warm_worker(extract_article)
        print(f"start-up, not in the figures below: reference data in this process "
              f"{time.perf_counter() - started:.2f} s", end="")
        started = time.perf_counter()
        with ExtractionPool(2) as pool:
            pool.wait_warm()
            print(f"; a pool of 2 started and warm {time.perf_counter() - started:.2f} s")
            runs: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
            for _ in range(args.repeat):
                for workers in (1, 2):
                    load = os.getloadavg()[0]
                    seconds, cpu, n_done, facts = timed_extract(
                        folder, pool if workers > 1 else None)
                    runs[workers].append((seconds, cpu, load))
        for workers, timings in runs.items():
            seconds, cpu, _ = min(timings)
            low, high = min(t for t, _, _ in timings), max(t for t, _, _ in timings)
            loads = [load for _, _, load in timings]
            print(f"extract, {workers} worker{'s' if workers > 1 else ' '}:    {seconds:7.2f} s  "
                  f"{n_done / seconds:8.1f} articles/s  {words / seconds:10.0f} words/s  "
                  f"{facts} facts  {seconds / floor:5.1f}x the floor  (range {low:.2f}-"
                  f"{high:.2f} s over {len(timings)} runs, main-process CPU {cpu:.2f} s, "
                  f"load before {min(loads):.1f}-{max(loads):.1f})")
        best = {w: min(t for t, _, _ in timings) for w, timings in runs.items()}
        pairs = [one[0] / two[0] for one, two in zip(runs[1], runs[2], strict=True)]
        print(f"2 workers vs 1: {best[1] / best[2]:.2f}x faster (best runs; run by run "
              f"{min(pairs):.2f}x-{max(pairs):.2f}x)")
        print(f"extraction alone (1 worker minus the floor): {best[1] - floor:.2f} s, "
              f"{(best[1] - floor) / n * 1000:.1f} ms per article")
        if args.profile_n:
            profile_extract(folder, args.profile_n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
