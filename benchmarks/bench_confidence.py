"""How well the facts' confidence predicts that they are right: the reliability table.

    .venv/bin/python benchmarks/bench_confidence.py [--corpus dev --corpus dev2]

Extracts the shared hand-labelled corpora (../shared/corpus/<name>/articles), matches every
extracted fact against the gold facts the way ../shared/tools/score.py does (same type and
key, each gold fact used once; a visit that a gold meeting already carries is left out, as
the scorer leaves it neutral) and prints, per confidence band, how many facts fall in it
and the share of them that are right, per fact type and overall. The target: facts given
0.8 or more are right at least 90% of the time.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BANDS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def scorer():
    """The shared scorer's matching functions, loaded from ../shared/tools/score.py."""
    path = SHARED / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged(corpus: str, score) -> list[tuple[float, bool, str]]:
    """(confidence, right, type) of every fact extracted from one corpus."""
    articles = SHARED / "corpus" / corpus / "articles"
    gold = score.load(str(SHARED / "corpus" / corpus / "gold.jsonl"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "facts.jsonl"
        subprocess.run([sys.executable, "-m", "etl", "extract", str(articles), "--out",
                        str(out)], cwd=ROOT, check=True, capture_output=True)
        pred = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_article = defaultdict(list)
    for g in gold:
        by_article[g["article"]].append(g)
    used: set[tuple[str, int]] = set()
    rows = []
    for p in pred:
        right = False
        for j, g in enumerate(by_article[p["article"]]):
            if (p["article"], j) not in used and g["type"] == p["type"] and \
                    score.key_match(p, g):
                used.add((p["article"], j))
                right = True
                break
        if not right and p["type"] == "visit" and score.implied_by_meeting(
                p, by_article[p["article"]]):
            continue
        rows.append((float(p.get("confidence", 0.0)), right, p["type"]))
    return rows


def table(rows: list[tuple[float, bool, str]], label: str) -> None:
    print(f"\n{label}: {len(rows)} facts")
    print("  confidence    facts   right")
    for low, high in BANDS:
        band = [r for r in rows if low <= r[0] < high]
        if band:
            print(f"  {low:.1f} - {min(high, 1.0):.1f}   {len(band):6}   "
                  f"{sum(r[1] for r in band) / len(band):5.2f}")
    sure = [r for r in rows if r[0] >= 0.8]
    if sure:
        share = sum(r[1] for r in sure) / len(sure)
        print(f"  >= 0.8        {len(sure):6}   {share:5.2f}   target >= 0.90: "
              f"{'met' if share >= 0.9 else 'NOT met'}")
    for kind in ("visit", "meeting", "aid", "casualty"):
        of = [r for r in rows if r[2] == kind]
        sure = [r for r in of if r[0] >= 0.8]
        if of:
            print(f"  {kind:<9} {len(of):4} facts, {sum(r[1] for r in of) / len(of):.2f} right;"
                  f" {len(sure)} at >= 0.8, "
                  f"{sum(r[1] for r in sure) / max(1, len(sure)):.2f} right")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", help="corpus names under ../shared/corpus")
    args = parser.parse_args(argv)
    corpora = args.corpus or ["dev", "dev2"]
    score = scorer()
    everything = []
    for corpus in corpora:
        rows = judged(corpus, score)
        table(rows, corpus)
        everything += rows
    if len(corpora) > 1:
        table(everything, " + ".join(corpora))
    return 0


if __name__ == "__main__":
    sys.exit(main())
