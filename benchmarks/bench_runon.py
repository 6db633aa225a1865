"""A run-on sentence: how extraction time grows with its length. Doubling the sentence must
at most double the time (the engine cuts sentences over 1,200 characters into pieces of 600,
etl/extract/__init__.py readable_sentences); before that the parser's cost grew faster than
the length (5 KB 0.8 s, 10 KB 2.1 s, 20 KB 11.9 s, 40 KB 72 s).

    .venv/bin/python benchmarks/bench_runon.py [--sizes 5,10,20,40,80] [--repeat 3]

The sentence is written here from clauses in the project's own words, joined by commas
with no full stop, so the reader keeps it one sentence. For each size it prints the
sentence's length, the min, median and max seconds of --repeat extractions, the ratio of
the median to the previous size's, and the load average before the runs. Loading the
model and reference data is done once first and not timed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl.extract import extract_article  # noqa: E402
from etl.read import parse_article_text  # noqa: E402

CLAUSES = [
    "Antony Blinken arrived in Paris on Monday for talks with French officials",
    "the minister then travelled to Berlin where she met the chancellor",
    "Japan pledged $2 million in aid to Ukraine on Tuesday",
    "at least 12 people were killed in Kharkiv according to the emergency service",
    "David Lammy will visit Warsaw next week to discuss the border",
    "officials in Rome said the meeting had been called off",
]


def run_on(size: int) -> str:
    """A sentence of about `size` characters, clauses joined by commas, no full stop."""
    parts: list[str] = []
    length = 0
    n = 0
    while length < size:
        clause = CLAUSES[n % len(CLAUSES)]
        parts.append(clause)
        length += len(clause) + 2
        n += 1
    return ", ".join(parts)[:size]


def time_once(text: str) -> tuple[float, int]:
    article = parse_article_text(text, id="run-on", title="A run-on sentence")
    started = time.perf_counter()
    facts = extract_article(article)
    return time.perf_counter() - started, len(facts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,10,20,40,80", help="kilobytes, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    time_once(run_on(2000))  # load the model and the reference data
    previous = None
    print(f"{'size':>8} {'chars':>8} {'facts':>6} {'min s':>8} {'median s':>9} {'max s':>8} "
          f"{'x prev':>7}  load average")
    worst = 0.0
    for kb in (int(s) for s in args.sizes.split(",")):
        text = run_on(kb * 1000)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        runs = [time_once(text) for _ in range(args.repeat)]
        seconds = [s for s, _ in runs]
        median = statistics.median(seconds)
        ratio = median / previous if previous else None
        worst = max(worst, ratio or 0.0)
        print(f"{kb:>6} KB {len(text):>8,} {runs[0][1]:>6} {min(seconds):>8.2f} "
              f"{median:>9.2f} {max(seconds):>8.2f} "
              f"{f'{ratio:.2f}' if ratio else '-':>7}  {load}")
        previous = median
    print(f"largest ratio of one size to the half size: {worst:.2f} (linear: 2.00)")


if __name__ == "__main__":
    main()
