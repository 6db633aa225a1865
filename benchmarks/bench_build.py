"""Full and incremental builds: seconds and peak memory as the corpus grows.

    .venv/bin/python benchmarks/bench_build.py [--sizes 1000 10000] [--workers 1]
        [--incremental 10000] [--work /tmp/shuttle-bench]

For each size, generates the articles (benchmarks/generate_articles.py, cached in --work),
runs a full `build --rebuild` in a fresh process and prints the seconds, articles/s and
peak RSS of the build process and of its worker processes. Memory should stay flat as N
grows: articles and facts are streamed in chunks and batches, never held all at once.
Then, on the --incremental size, changes 10 articles and builds again without --rebuild:
the other articles keep their facts, and the time is printed as a share of the full build.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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

from etl.build import code_fingerprint  # noqa: E402

CHANGED = 10


def corpus(work: Path, n: int) -> Path:
    """The generated corpus of n articles, made once and reused by later runs."""
    folder = work / f"articles-{n}"
    done = folder / ".complete"
    if not done.exists():
        started = time.perf_counter()
        stats = generate(n, folder)
        done.write_text(json.dumps(stats))
        print(f"  generated {n} articles ({stats['bytes'] / 1e6:.0f} MB) in "
              f"{time.perf_counter() - started:.1f} s")
    return folder


def build_once(folder: str, db: str, workers: int, rebuild: bool) -> None:
    """Child side: one build, then its figures as a JSON line on stdout."""
    from etl.build import build

    started = time.perf_counter()
    report = build([Path(folder)], Path(db), workers=workers, rebuild=rebuild)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({
        "seconds": seconds, "read": report.articles_read, "reused": report.reused,
        "extracted": report.extracted, "facts": sum(report.facts.values()),
        "skipped": len(report.skipped), "rss_mb": own / 1024, "worker_rss_mb": children / 1024,
    }))


def run_build(folder: Path, db: Path, workers: int, rebuild: bool) -> dict:
    """A build in a fresh interpreter, so peak RSS is this build's alone."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(folder), str(db),
               str(workers), "1" if rebuild else "0"]
    load = os.getloadavg()[0]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stderr[-2000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["load"] = load
    return figures


def show(label: str, n: int, f: dict) -> None:
    print(f"  {label:<22} {n:>7} articles  {f['seconds']:8.1f} s  "
          f"{f['read'] / f['seconds']:7.1f} articles/s  peak RSS {f['rss_mb']:6.0f} MB "
          f"(workers {f['worker_rss_mb']:4.0f} MB)  extracted {f['extracted']}, reused "
          f"{f['reused']}, {f['facts']} facts, load {f['load']:.1f}")


def change_articles(folder: Path, count: int) -> dict[Path, bytes]:
    """Append a sentence to `count` articles spread over the corpus; returns the originals."""
    files = sorted(folder.rglob("*.md"))
    step = max(1, len(files) // count)
    originals = {}
    for path in files[::step][:count]:
        data = path.read_bytes()
        originals[path] = data
        path.write_bytes(data + b"\nThe correspondent added a line to this report.\n")
    return originals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--incremental", type=int, default=10_000,
                        help="the size to time an incremental build on (0: skip)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/shuttle-bench"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"cpus: {os.cpu_count()}, workers: {args.workers}")
    full: dict[int, dict] = {}
    for n in sorted(set(args.sizes) | ({args.incremental} - {0})):
        folder = corpus(args.work, n)
        db = args.work / f"build-{n}.duckdb"
        full[n] = run_build(folder, db, args.workers, rebuild=True)
        show("full build", n, full[n])
    if args.incremental:
        n = args.incremental
        folder, db = args.work / f"articles-{n}", args.work / f"build-{n}.duckdb"
        originals = change_articles(folder, CHANGED)
        before = code_fingerprint()
        try:
            inc = run_build(folder, db, args.workers, rebuild=False)
        finally:
            for path, data in originals.items():
                path.write_bytes(data)
        show(f"incremental ({CHANGED} changed)", n, inc)
        print(f"  incremental / full: {inc['seconds'] / full[n]['seconds']:.1%}")
        if inc["reused"] == 0 or code_fingerprint() != before:
            print("  note: the extraction code changed between the builds, so nothing was "
                  "reused; run again on a quiet tree (or a copy of it)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        build_once(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1")
        sys.exit(0)
    sys.exit(main())
