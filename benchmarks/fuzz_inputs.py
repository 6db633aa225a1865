"""The long fuzz run of issue 20: hypothesis over front matter, file names and corrections
lines (tests/test_reliability_fuzz_inputs.py), 10,000 examples per test by default.

    .venv/bin/python benchmarks/fuzz_inputs.py [--examples 10000]

Prints, per test, the examples run, the seconds and whether it held (a failure prints the
smallest input hypothesis found, with its traceback), then the load average.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = "tests/test_reliability_fuzz_inputs.py"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    args = parser.parse_args()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", TESTS, "-q", "-p", "no:cacheprovider",
         "--hypothesis-show-statistics", "-o", "addopts="], cwd=ROOT, capture_output=True,
        text=True, env={**os.environ, "SHUTTLE_FUZZ_EXAMPLES": str(args.examples)})
    seconds = time.monotonic() - started
    out = done.stdout
    print(f"{args.examples:,} examples per test, {seconds:.0f} s, load average before: {load}")
    for block in re.split(r"\n(?=tests/\S+::)", out):
        name = re.match(r"tests/\S+::(\w+)", block)
        if not name:
            continue
        counts = re.findall(r"(\d+) passing, (\d+) failing", block)
        passing = sum(int(p) for p, _ in counts)
        failing = sum(int(f) for _, f in counts)
        runtime = re.search(r"Typical runtimes: ~ ([^,]*)", block)
        typical = runtime.group(1) if runtime else "?"
        print(f"  {name.group(1)}: {passing:,} passing, {failing:,} failing examples; "
              f"typical runtime {typical}")
    tracebacks = out.count("Traceback") + out.count("Error:")
    print(f"tracebacks found: {tracebacks}; pytest: {out.strip().splitlines()[-1]}")
    if done.returncode:
        print(out[-20_000:])
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
