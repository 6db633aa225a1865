"""Fuzzing the readers and the extraction helpers with hypothesis.

Arbitrary text and bytes must never raise out of the readers or the helpers, a reader must
never fall back on its catch-all ("unexpected error while reading"), every span a helper
returns must be the text it claims, and every fact's evidence must be the article text at
its offsets. Text comes from two sources: any Unicode at all, and "news-like" text stitched
from names, places, numbers, currencies and dates, which reaches deep into the rules.

Examples per test: 200 by default (a few seconds each); SHUTTLE_FUZZ_EXAMPLES=5000 for a
longer hunt. A failure prints the smallest input hypothesis found.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.extract import extract_article
from etl.extract.dates import find_dates
from etl.extract.geo import find_places
from etl.extract.money import find_money
from etl.extract.numbers import find_numbers, parse_number
from etl.extract.people import ArticlePeople
from etl.extract.role_phrases import role_people
from etl.model import Article, Problem
from etl.read import decode_bytes, parse_article_text, read_file

EXAMPLES = int(os.environ.get("SHUTTLE_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 200,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TOKENS = [
    "Antony Blinken", "Blinken", "Sergei Lavrov", "Secretary of State", "Foreign Minister",
    "President", "Xi Jinping", "met", "arrived in", "travelled to", "will visit", "flew to",
    "talks with", "pledged", "announced", "aid", "to", "for", "Ukraine", "Kyiv", "Paris",
    "Gaza", "Washington", "the United States", "Japan", "EU", "$", "€", "£", "¥", "US$",
    "million", "billion", "bn", "m", "1.5", "4,634", "253,4", "twelve", "a hundred",
    "thousand", "at least", "up to", "about", "killed", "wounded", "displaced", "people",
    "on Monday", "last week", "next month", "yesterday", "in March", "2024", "14 December",
    "Dec. 3", "2023-11-27", "said", ".", ",", ";", ":", "\n", "\n\n", "(", ")", "“", "”",
    "'", "-", "—", "%", "&amp;", "&lt;", "<script>", "...", "according to", "the UN",
    "health ministry", "hostages", "by phone", "video call", "Mr.", "Dr", "St.", "U.S.",
    "0", "99999999999999999999", "1e308", "٣", "²", "½",
]

news_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)),
                     max_size=80).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_text)
anchors = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
                    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))


def check_span(text: str, start: int, end: int, claimed: str | None = None) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    if claimed is not None:
        assert text[start:end] == claimed, (text[start:end], claimed)


@FUZZ
@given(raw=any_text, title=st.one_of(st.none(), st.text(max_size=50)),
       published=anchors)
def test_parse_article_text_never_raises_and_offsets_hold(raw, title, published):
    article = parse_article_text(raw, id="fuzz", title=title, published=published)
    assert isinstance(article, Article)
    for sentence in article.sentences:
        check_span(article.text, sentence.start, sentence.end, sentence.text)
    for segment in article.segments:
        assert 0 <= segment.start <= len(article.text)


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), any_text.map(lambda t: t.encode("utf-8")),
                      any_text.map(lambda t: ("---\n" + t).encode("utf-8", "replace")),
                      any_text.map(lambda t: t.encode("utf-16")),
                      any_text.map(lambda t: t.encode("cp1252", "replace"))),
       suffix=st.sampled_from([".md", ".txt", ".html", ".jsonl"]))
def test_read_file_never_raises_on_any_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        items = read_file(path)
    assert items, "a file yields an article or a problem"
    for item in items:
        assert isinstance(item, Article | Problem)
        if isinstance(item, Problem):
            assert "unexpected error" not in item.reason, (item.reason, data[:200])
        else:
            for sentence in item.sentences:
                check_span(item.text, sentence.start, sentence.end, sentence.text)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_decode_bytes_gives_text_or_none(data):
    text = decode_bytes(data)
    assert text is None or isinstance(text, str)


@FUZZ
@given(text=any_text)
def test_number_and_money_helpers_never_raise(text):
    for number in find_numbers(text):
        check_span(text, number.start, number.end, number.text)
    for money in find_money(text):
        check_span(text, money.start, money.end, money.text)
        assert money.amount >= 0 and len(money.currency) == 3
    parse_number(text)


@FUZZ
@given(text=any_text, anchor=anchors, future=st.booleans())
def test_dates_never_raise_and_spans_hold(text, anchor, future):
    for ref in find_dates(text, anchor, future):
        check_span(text, ref.start, ref.end, ref.text)
        date.fromisoformat(ref.value + "-01-01"[len(ref.value) - 4:])  # a real date


@FUZZ
@given(text=any_text, when=anchors)
def test_places_and_people_never_raise_and_spans_hold(text, when):
    for place in find_places(text):
        check_span(text, place.start, place.end, place.text)
        assert len(place.country) == 2
    people = ArticlePeople(when)
    people.add_sentence(0, text)
    people.add_sentence(1, text)  # a second sentence resolves against the first
    people.resolve()
    for n in (0, 1):
        named = people.in_sentence(n)
        for person in named + role_people(text, named, people, n, "Antony Blinken"):
            check_span(text, person.start, person.end)
            assert person.name.strip()


@FUZZ
@given(raw=any_text, published=anchors)
def test_extract_article_never_raises_and_evidence_is_in_the_text(raw, published):
    article = parse_article_text(raw, id="fuzz", title=None, published=published)
    for fact in extract_article(article):
        start, end = fact["evidence_start"], fact["evidence_end"]
        check_span(article.text, start, end, fact["evidence"])
        assert fact["type"] in ("visit", "meeting", "aid", "casualty")
