"""Extraction throughput: the engine with 1 and 2 workers, against spaCy's full small
pipeline over the same texts and against the floors of reading and of tokenizing.

    .venv/bin/python benchmarks/bench_extract.py [--mix real|dev|generated|both] [--n 1000]
                                                 [--repeat 3] [--profile-n 300] [--json OUT]

Two corpora: the real-article mix (../shared/seeds, corpus/dev and corpus/dev2, copied
under new ids until there are --n articles; read at run time, never stored) and the
generated corpus of benchmarks/generate_articles.py; `--mix dev` takes corpus/dev and
corpus/dev2 alone (the real-article cost the capacity plan in BENCHMARKS.md uses). For
each it prints articles/s and words/s, with the min, median and max of --repeat runs and
the load average before each:

- read: etl.read alone (decode, front matter, normalise, sentences, segments);
- tokenize: spaCy's tokenizer over every article body (the floor of any spaCy engine);
- spaCy full: the whole small pipeline (tok2vec, tagger, parser, NER, lemmatizer) over
  every article body, batched with nlp.pipe, the cost of "parse everything";
- engine, 1 and 2 workers: etl.build.extract_stream, the path `python -m etl build` takes
  (it parses only the sentences that can hold a fact).

Start-up (loading the model and the reference data, warming the pool) is timed apart.
A cProfile of extract_article says where the engine's time goes, by module.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import shutil
import statistics
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
from etl.extract.pipeline import nlp  # noqa: E402
from etl.model import Article  # noqa: E402
from etl.read import iter_articles  # noqa: E402

SHARED = ROOT.parent / "shared"
DEV_SOURCES = [SHARED / "corpus" / "dev" / "articles", SHARED / "corpus" / "dev2" / "articles"]
REAL_SOURCES = [SHARED / "seeds", *DEV_SOURCES]


def real_mix(n: int, folder: Path, sources_from: list[Path] = REAL_SOURCES) -> int:
    """Copy the shared real articles into `folder` under new ids until there are n."""
    sources = sorted(p for d in sources_from if d.exists() for p in d.glob("*.md"))
    if not sources:
        raise SystemExit("no real articles under ../shared: use --mix generated")
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        text = re.sub(r"^id: (.+)$", rf"id: \g<1>-copy{i}", text, count=1, flags=re.M)
        (folder / f"{i:05d}-{src.name}").write_text(text, encoding="utf-8")
    return n


def stats_line(label: str, seconds: list[float], loads: list[float], n: int,
               words: int) -> str:
    best, median, worst = min(seconds), statistics.median(seconds), max(seconds)
    return (f"  {label:<22} {n / best:7.1f} articles/s {words / best:9.0f} words/s   "
            f"(s: min {best:.2f} median {median:.2f} max {worst:.2f} over {len(seconds)} runs; "
            f"load {min(loads):.1f}-{max(loads):.1f})")


def time_runs(repeat: int, run) -> tuple[list[float], list[float]]:
    seconds, loads = [], []
    for _ in range(repeat):
        loads.append(os.getloadavg()[0])
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return seconds, loads


def bodies(folder: Path) -> list[str]:
    return [a.text for a in iter_articles([folder]) if isinstance(a, Article)]


def engine_run(folder: Path, pool: ExtractionPool | None) -> int:
    facts = 0
    for outcome in extract_stream(iter_articles([folder]), pool=pool):
        if isinstance(outcome, Outcome):
            facts += len(outcome.facts or [])
    return facts


def profile_extract(folder: Path, limit: int) -> None:
    """cProfile of extract_article alone (reading done beforehand), by module."""
    articles = [a for a in iter_articles([folder]) if isinstance(a, Article)][:limit]
    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles:
        extract_article(article)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    by_part: dict[str, float] = defaultdict(float)
    for (file, _, _), (_, _, tottime, _, _) in stats.stats.items():
        if "/etl/" in file:
            name = "etl/" + file.split("/etl/", 1)[1]
        elif any(k in file for k in ("thinc", "spacy", "numpy", "blis", "srsly")):
            name = "spaCy and its model (thinc, numpy)"
        elif file.startswith(("~", "<")):
            name = "builtins (re, str, list ...)"
        else:
            name = "other: " + Path(file).name
        by_part[name] += tottime
    print(f"  where the engine's time goes ({len(articles)} articles, {total:.2f} s "
          "under the profiler), own time:")
    for name, seconds in sorted(by_part.items(), key=lambda kv: -kv[1])[:10]:
        print(f"    {seconds / total:6.1%}  {name}")


def figure(seconds: list[float], loads: list[float], n: int) -> dict:
    """Milliseconds per article, min / median / max of the runs, and the load averages."""
    per = [1000 * s / max(n, 1) for s in seconds]
    return {"ms_min": min(per), "ms_median": statistics.median(per), "ms_max": max(per),
            "runs": len(per), "load_min": min(loads), "load_max": max(loads)}


def bench(label: str, folder: Path, repeat: int, profile_n: int) -> dict:
    texts = bodies(folder)
    n, words = len(texts), sum(len(t.split()) for t in texts)
    print(f"\n{label}: {n} articles, {words / max(n, 1):.0f} words each on average")
    pipeline = nlp()
    seconds, loads = time_runs(repeat, lambda: bodies(folder))
    print(stats_line("read", seconds, loads, n, words))
    seconds, loads = time_runs(repeat, lambda: [pipeline.make_doc(t) for t in texts])
    print(stats_line("tokenize (spaCy)", seconds, loads, n, words))
    seconds, loads = time_runs(repeat, lambda: list(pipeline.pipe(texts, batch_size=64)))
    full = min(seconds)
    print(stats_line("spaCy full pipeline", seconds, loads, n, words))
    with ExtractionPool(2) as pool:
        pool.wait_warm()
        one, one_loads, two, two_loads = [], [], [], []
        for _ in range(repeat):  # 1 and 2 workers alternate, so the load is shared fairly
            s, load = time_runs(1, lambda: engine_run(folder, None))
            one += s
            one_loads += load
            s, load = time_runs(1, lambda: engine_run(folder, pool))
            two += s
            two_loads += load
    print(stats_line("engine, 1 worker", one, one_loads, n, words))
    print(stats_line("engine, 2 workers", two, two_loads, n, words))
    result = {"articles": n, "words_per_article": words / max(n, 1),
              "engine_1": figure(one, one_loads, n), "engine_2": figure(two, two_loads, n),
              "spacy_full": figure(seconds, loads, n)}
    print(f"  engine (1 worker) vs spaCy full pipeline: {full / min(one):.2f}x faster; "
          f"2 workers vs 1: {min(one) / min(two):.2f}x (median "
          f"{statistics.median(one) / statistics.median(two):.2f}x)")
    if profile_n:
        profile_extract(folder, profile_n)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mix", choices=("real", "dev", "generated", "both"), default="both")
    parser.add_argument("--n", type=int, default=1_000, help="articles per corpus")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure")
    parser.add_argument("--profile-n", type=int, default=300,
                        help="articles to profile (0: no profile)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    results: dict[str, dict] = {}
    print(f"cpus: {os.cpu_count()}; load average now {os.getloadavg()[0]:.1f}")
    started = time.perf_counter()
    nlp()
    _warm_worker(extract_article)
    print(f"start-up (model and reference data, not in the figures): "
          f"{time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory(prefix="shuttle-bench-") as tmp:
        if args.mix in ("real", "both"):
            folder = Path(tmp) / "real"
            real_mix(args.n, folder)
            results["real"] = bench("real-article mix (seeds, dev, dev2 repeated)", folder,
                                    args.repeat, args.profile_n)
            shutil.rmtree(folder)
        if args.mix == "dev":
            folder = Path(tmp) / "dev"
            real_mix(args.n, folder, DEV_SOURCES)
            results["dev"] = bench("real articles (corpus/dev and dev2, repeated)", folder,
                                   args.repeat, args.profile_n)
            shutil.rmtree(folder)
        if args.mix in ("generated", "both"):
            folder = Path(tmp) / "generated"
            generate(args.n, folder)
            results["generated"] = bench("generated corpus (benchmarks/generate_articles.py)",
                                         folder, args.repeat, args.profile_n)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
