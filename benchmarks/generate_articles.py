"""Make N realistic articles for the benchmarks by recombining the bundled sample corpus.

Each generated article takes a "lead" sample article (its title, outlet and publication day,
so relative dates such as "on Monday" still have their anchor) and rebuilds a body from
its sentences, most of them kept in order, with a few sentences from other sample
articles spliced in and the paragraphs regrouped. Lengths, outlets, dates and the mix of
visits, meetings, aid and casualty sentences therefore follow the sample. The random
generator is seeded, so the same N and seed give byte-identical files.

    .venv/bin/python benchmarks/generate_articles.py --n 10000 --out /tmp/bench/articles-10k

Files are written as Markdown with front matter, 1,000 per sub-folder.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl import settings  # noqa: E402
from etl.model import Article  # noqa: E402
from etl.read import iter_articles  # noqa: E402

FILES_PER_FOLDER = 1_000


@dataclass(frozen=True)
class Lead:
    """A sample article reduced to what recombination needs."""

    id: str
    title: str
    source: str | None
    published: date | None
    precision: str
    body: tuple[str, ...]  # the sentences that are not boilerplate, in order
    tail: tuple[str, ...]  # the boilerplate (share links, related stories)


def load_sample(paths: list[Path] | None = None) -> list[Lead]:
    """The sample corpus, read with the project's own reader."""
    leads = []
    for item in iter_articles(paths or [settings.ARTICLES_DIR]):
        if not isinstance(item, Article) or not item.sentences:
            continue
        body = tuple(s.text for s in item.sentences if not s.boilerplate)
        tail = tuple(s.text for s in item.sentences if s.boilerplate)
        if body:
            leads.append(Lead(item.id, item.title, item.source, item.published,
                              item.published_precision, body, tail))
    if not leads:
        raise SystemExit("no sample articles found to recombine")
    return leads


def compose(rng: random.Random, lead: Lead, others: list[Lead]) -> str:
    """A body: the lead's sentences (a few dropped), a few borrowed ones, in paragraphs."""
    sentences = [s for s in lead.body if rng.random() > 0.1] or [lead.body[0]]
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        donor = rng.choice(others)
        borrowed = rng.choice(donor.body)
        sentences.insert(rng.randint(1, len(sentences)), borrowed)
    paragraphs, i = [], 0
    while i < len(sentences):
        size = rng.choice((1, 2, 2, 3, 4))
        paragraphs.append(" ".join(sentences[i:i + size]))
        i += size
    if lead.tail and rng.random() < 0.5:
        paragraphs.append("\n".join(lead.tail))
    return "\n\n".join(paragraphs) + "\n"


def front_matter(article_id: str, lead: Lead, rng: random.Random) -> str:
    """YAML front matter; strings JSON-quoted, which YAML reads as double-quoted scalars."""
    lines = ["---", f"id: {article_id}", f"title: {json.dumps(lead.title)}"]
    if lead.source:
        lines.append(f"source: {json.dumps(lead.source)}")
    if lead.published:
        # Most copies keep the lead's day; some are a follow-up a day or two later.
        shift = rng.choice((0, 0, 0, 1, 2))
        lines.append(f"published: {(lead.published + timedelta(days=shift)).isoformat()}")
        lines.append(f"published_precision: {lead.precision}")
    lines += ["language: en", "---", ""]
    return "\n".join(lines)


def generate(n: int, out: Path, seed: int = 7, leads: list[Lead] | None = None) -> dict:
    """Write n articles under `out`; returns counts (files, bytes, words)."""
    leads = leads or load_sample()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    total_bytes = total_words = 0
    for i in range(n):
        lead = rng.choice(leads)
        article_id = f"gen-{i:06d}-{lead.id}"[:120]
        text = front_matter(article_id, lead, rng) + compose(rng, lead, leads)
        folder = out / f"{i // FILES_PER_FOLDER:04d}"
        folder.mkdir(exist_ok=True)
        data = text.encode("utf-8")
        (folder / f"{article_id}.md").write_bytes(data)
        total_bytes += len(data)
        total_words += len(text.split())
    return {"files": n, "bytes": total_bytes, "words": total_words}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000, help="how many articles (1 to 100000+)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    stats = generate(args.n, args.out, args.seed)
    seconds = time.perf_counter() - started
    print(f"wrote {stats['files']} articles ({stats['bytes'] / 1e6:.1f} MB, "
          f"{stats['words']} words) to {args.out} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
