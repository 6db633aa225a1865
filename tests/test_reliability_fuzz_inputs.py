"""Fuzzing what a folder of articles and a corrections file can hold (issue 20): YAML front
matter, file names (any bytes), and corrections lines (any bytes, any JSON, a correction
with fields mangled). Nothing may raise, nothing may fall back on a reader's catch-all, every
problem is one line that names its file, and everything read encodes as UTF-8 (what the
database stores). 200 examples per test by default; benchmarks/fuzz_inputs.py runs 10,000.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import corrections as cx
from etl import settings as shuttle
from etl.model import Article, Problem
from etl.read import iter_articles, read_file

EXAMPLES = int(os.environ.get("SHUTTLE_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 200,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BODY = "Antony Blinken arrived in Paris on Monday for talks with French officials."

YAML_TOKENS = [
    "id:", "title:", "source:", "url:", "published:", "published_precision:", "language:",
    " ", "\n", "\t", "- ", ": ", "&a ", "*a", "&b ", "*b", "<<: *a", "[", "]", "{", "}", ",",
    '"', "'", "\\", "\\u0000", "\\ud800", "!!str ", "!!binary ", "!!python/object ", "? ",
    "|", ">", "#", "---", "...", "%YAML 1.1", "2024-05-02", "0001-01-01", "2999-12-31",
    "9999-99-99", "2024-05-02T10:00:00Z", "day", "approx", "null", "~", "true", "1e999",
    "0x1F", ".inf", "\x00", "\x1b[31m", "\u202e", "\u2028", "<script>alert(1)</script>",
    "x" * 300,
]
yaml_text = st.lists(st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=8)),
                     max_size=60).map("".join)


def assert_one_line(problem: Problem, name: str) -> None:
    text = str(problem)
    assert "\n" not in text and "\r" not in text, text
    assert text.startswith(name), (text, name)
    assert "unexpected error" not in problem.reason, problem
    text.encode("utf-8")


def assert_storable(article: Article) -> None:
    for value in (article.id, article.title, article.text, article.source, article.url,
                  article.path, article.language):
        if value is not None:
            value.encode("utf-8")  # the database stores UTF-8 only
    for value in (article.id, article.title, article.source, article.url, article.language):
        assert value is None or len(value) <= shuttle.MAX_FIELD_CHARS


@FUZZ
@given(header=yaml_text, body=st.one_of(st.just(BODY), st.text(max_size=200)))
def test_any_front_matter_is_read_or_refused_in_one_line(header, body):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.md"
        path.write_bytes(f"---\n{header}\n---\n{body}\n".encode("utf-8", "surrogatepass"))
        for item in read_file(path):
            if isinstance(item, Problem):
                assert_one_line(item, str(path))
            else:
                assert_storable(item)


CONTENTS = [
    f"---\nid: fuzz\ntitle: Fuzz\npublished: 2024-05-02\n---\n\n{BODY}\n".encode(),
    f"A title\n{BODY}\n".encode(), b"", b"\xff\xfe\x00binary",
    json.dumps({"id": "j", "text": BODY}).encode() + b"\n{broken\n",
    f"<html><body><article><h1>T</h1><p>{BODY}</p></article></body></html>".encode(),
]
names = st.binary(min_size=1, max_size=40).filter(
    lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b".."))
suffixes = st.sampled_from([b".md", b".txt", b".jsonl", b".html", b".MD", b"", b".png"])


@FUZZ
@given(name=names, suffix=suffixes, content=st.sampled_from(CONTENTS))
def test_any_file_name_is_read_or_named_in_one_line(name, suffix, content):
    folder = tempfile.mkdtemp()
    try:
        raw = os.fsencode(folder) + b"/" + name + suffix
        try:
            with open(raw, "wb") as handle:
                handle.write(content)
        except OSError:  # a name the file system refuses (too long)
            return
        for item in iter_articles([folder]):
            if isinstance(item, Problem):
                assert_one_line(item, folder)
            else:
                assert_storable(item)
                assert item.path is not None and "\n" not in item.path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


GOOD = cx.new_correction(
    "edit", {"article_id": "a1", "type": "visit", "actor": "Antony Blinken", "place": "Paris",
             "country": "FR", "evidence": BODY}, "wrong place", "tester",
    changes={"place": "Lyon"})
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=20)


def mangled(fields: dict) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8", "surrogatepass")


correction_lines = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(st.sampled_from(["id", "action", "target", "changes", "fact", "reason",
                                     "user", "created_at"]), json_values).map(
        lambda extra: mangled({**json.loads(GOOD.to_json()), **extra})),
    st.integers(min_value=1, max_value=3000).map(lambda n: b"[" * n + b"]" * n),
    st.just(GOOD.to_json().encode()),
)


@FUZZ
@given(lines=st.lists(correction_lines, max_size=8))
def test_any_corrections_line_is_read_or_named_by_number(lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corrections.jsonl"
        path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n")
        corrections, problems = cx.read_corrections(path)
        for problem in problems:
            assert "\n" not in problem and problem.startswith(f"{path}:"), problem
        for correction in corrections:
            cx.describe(correction)  # the summary line of each can be written
            correction.to_json().encode("utf-8")
        fixes = cx.CorrectionSet(corrections, problems)
        fixes.summary_lines()
