"""An article prepared from its body: normalised text, sentences with offsets, boilerplate
flags and story segments (the one step every reader ends with)."""

from __future__ import annotations

import hashlib
from datetime import date

from etl.model import Article, Sentence
from etl.read.boilerplate import body_lines, sentence_flags
from etl.read.normalise import normalise
from etl.read.segments import build_segments
from etl.read.sentences import split_sentences

PRECISIONS = ("day", "approx", "unknown")


def parse_article_text(
    raw: str,
    *,
    id: str,
    title: str | None,
    source: str | None = None,
    url: str | None = None,
    published: date | None = None,
    published_precision: str = "day",
    language: str = "en",
    path: str | None = None,
) -> Article:
    """A fully prepared Article from a body string: normalised text, sha256 of `raw`
    (UTF-8), sentences with offsets, boilerplate flags and segments.

    `published_precision` is kept as given ("day" or "approx") when there is a date, and
    becomes "unknown" without one. A missing title becomes the first line of the body.
    """
    text = normalise(raw)
    spans = split_sentences(text)
    lines = body_lines(text)
    flags = sentence_flags(text, spans, lines)
    segments = build_segments(text, lines, published)
    sentences = []
    segment = 0
    for n, ((start, end), flag) in enumerate(zip(spans, flags, strict=True)):
        while segment + 1 < len(segments) and start >= segments[segment + 1].start:
            segment += 1
        sentences.append(Sentence(n, start, end, text[start:end], flag, segment))
    if title is not None:
        title = " ".join(normalise(str(title)).split())
    if not title:
        title = text.split("\n", 1)[0][:300] if text else str(id)
    precision = published_precision if published_precision in PRECISIONS else "day"
    return Article(
        id=str(id),
        title=title,
        text=text,
        source=source,
        url=url,
        published=published,
        published_precision=precision if published else "unknown",
        language=language or "en",
        path=path,
        sha256=hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest(),
        sentences=sentences,
        segments=segments,
    )


