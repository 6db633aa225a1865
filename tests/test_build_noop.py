"""Builds that have little or nothing to do (issue 21): a build with no input changed leaves
the database file as it was and says so; a change to one article, one correction line or a
reference file makes it build; incremental builds do not let the file grow past a fresh
build's size; the large marts are stored in the order the pages filter them by."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl import settings
from etl.build import build
from etl.corrections import append_correction, new_correction
from etl.events import CLUSTER_KEYS, NEWEST_FIRST
from etl.unchanged import record_path
from tests.test_reliability_corpus import write_good_articles

ROOT = Path(__file__).resolve().parent.parent
HOUR = 3600


def etl_build(articles: Path, db: Path, corrections: Path, env: dict[str, str] | None = None,
              *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", "build", "--articles", str(articles), "--db", str(db),
         "--corrections", str(corrections), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, **(env or {})})


def age(folder: Path, seconds: float) -> None:
    """Date every file under `folder` back by `seconds`: a file modified within seconds of a
    build may change again unseen in the same mtime tick, so a build trusts only older ones."""
    then = time.time() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (then, then))


def state(db: Path) -> tuple[str, int]:
    return hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns


@pytest.fixture
def corpus(tmp_path: Path) -> dict[str, Path]:
    articles = tmp_path / "articles"
    write_good_articles(articles, 6)
    (articles / "empty.md").write_bytes(b"")  # skipped with a message: the status is 1
    age(articles, HOUR)
    reference = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DIR, reference)
    corrections = tmp_path / "corrections.jsonl"
    corrections.write_text("", encoding="utf-8")
    return {"articles": articles, "db": tmp_path / "db.duckdb", "corrections": corrections,
            "reference": reference}


def _change_article(corpus: dict[str, Path]) -> None:
    path = sorted(corpus["articles"].glob("gen-*.md"))[2]
    path.write_text(path.read_text(encoding="utf-8") + "\nTalks went on into the night.\n",
                    encoding="utf-8")
    age(corpus["articles"], HOUR / 2)


def _add_correction(corpus: dict[str, Path]) -> None:
    append_correction(new_correction(
        "reject", {"article_id": "gen-00001", "type": "visit", "actor": "Nobody Known",
                   "evidence": "A sentence no article holds."}, "not in the article", "tester"),
        corpus["corrections"])


def _change_reference(corpus: dict[str, Path]) -> None:
    readme = corpus["reference"] / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nOne more note.\n",
                      encoding="utf-8")


def _add_article(corpus: dict[str, Path]) -> None:
    write_good_articles(corpus["articles"], 1, start=50)
    age(corpus["articles"], HOUR / 2)


CHANGES = [("article", _change_article), ("correction", _add_correction),
           ("reference", _change_reference), ("new article", _add_article)]


def test_nothing_changed_leaves_the_file_and_each_changed_input_makes_it_build(corpus):
    """A second build with nothing changed leaves the file as it was and says so; then each
    kind of input is changed in turn (an article, a correction line, a reference file, a new
    article): the build after the change builds, and the one after that has nothing to do
    again. One corpus for all: each change starts from the state of a build that had nothing
    to do, as a change to a freshly built corpus did when each had a corpus of its own (two
    builds each saved: the first build, and the no-op that came before the change)."""
    env = {"SHUTTLE_REFERENCE_DIR": str(corpus["reference"])}
    first = etl_build(corpus["articles"], corpus["db"], corpus["corrections"], env)
    assert first.returncode == 1, first.stderr
    assert record_path(corpus["db"]).is_file()
    before = state(corpus["db"])
    again = etl_build(corpus["articles"], corpus["db"], corpus["corrections"], env)
    assert state(corpus["db"]) == before
    lines = again.stdout.splitlines()
    assert lines[0].startswith(f"Nothing changed since the last build of {corpus['db']}")
    assert "the database was not touched" in lines[0]
    # the last build's summary follows, with its problems and its exit status
    assert lines[1].strip().startswith(f"Built {corpus['db']}")
    assert any("empty.md: file is empty" in line for line in lines)
    assert again.returncode == 1
    assert "Traceback" not in again.stderr

    for name, change in CHANGES:
        before = state(corpus["db"])
        change(corpus)
        again = etl_build(corpus["articles"], corpus["db"], corpus["corrections"], env)
        assert again.stdout.startswith(f"Built {corpus['db']}"), (name, again.stdout)
        assert state(corpus["db"]) != before, name
        # and the build after that has nothing to do again
        third = etl_build(corpus["articles"], corpus["db"], corpus["corrections"], env)
        assert third.stdout.startswith("Nothing changed"), (name, third.stdout)


def test_a_file_changed_just_now_is_not_trusted_next_time(corpus):
    """A file modified within the mtime tick of the build may change again unseen: no record
    is kept, and the next build runs."""
    env = {"SHUTTLE_REFERENCE_DIR": str(corpus["reference"])}
    path = sorted(corpus["articles"].glob("gen-*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nA late line.\n", encoding="utf-8")
    # "Just now" as the build's clock reads it: the interpreter's start-up before the build
    # reads the files took over RACY_SECONDS on a loaded machine (3 pytest workers beside
    # other work), and the file was then rightly trusted. Dated a minute ahead, it is within
    # the build's last 2 s (mtime past now - RACY_SECONDS) however late the build looks.
    ahead = time.time() + 60
    os.utime(path, (ahead, ahead))
    etl_build(corpus["articles"], corpus["db"], corpus["corrections"], env)
    assert not record_path(corpus["db"]).exists()
    again = etl_build(corpus["articles"], corpus["db"], corpus["corrections"], env)
    assert again.stdout.startswith("Built"), again.stdout


def test_a_database_changed_since_is_built_again(corpus):
    """The record names the file the build wrote: a file replaced or written since (another
    writer, damage) is not taken as up to date."""
    env = {"SHUTTLE_REFERENCE_DIR": str(corpus["reference"])}
    etl_build(corpus["articles"], corpus["db"], corpus["corrections"], env)
    with duckdb.connect(str(corpus["db"])) as con:
        con.execute("delete from build_problems")
    again = etl_build(corpus["articles"], corpus["db"], corpus["corrections"], env)
    assert again.stdout.startswith("Built"), again.stdout


def test_five_incremental_builds_keep_the_file_near_a_fresh_builds_size(tmp_path):
    articles = tmp_path / "articles"
    files = [articles / f"gen-{n:05d}.md" for n in range(40)]
    write_good_articles(articles, len(files))
    db = tmp_path / "db.duckdb"
    corrections = tmp_path / "corrections.jsonl"
    build([articles], db, corrections=corrections)
    sizes = []
    for n in range(5):
        for path in files[n * 3:(n + 1) * 3]:
            path.write_text(path.read_text(encoding="utf-8") + f"\nUpdate {n} to the report.\n",
                            encoding="utf-8")
        report = build([articles], db, corrections=corrections)
        assert report.extracted == 3 and report.reused == len(files) - 3
        sizes.append(db.stat().st_size)
    fresh = tmp_path / "fresh.duckdb"
    build([articles], fresh, corrections=corrections, rebuild=True)
    assert max(sizes) <= 1.10 * fresh.stat().st_size, (sizes, fresh.stat().st_size)


def test_the_large_marts_are_stored_in_the_order_pages_filter_them(tmp_path):
    articles = tmp_path / "articles"
    write_good_articles(articles, 12)
    db = build([articles], tmp_path / "db.duckdb", corrections=tmp_path / "c.jsonl").db
    with duckdb.connect(str(db), read_only=True) as con:
        for table, keys in CLUSTER_KEYS:
            stored = con.execute(f"select {', '.join(keys)} from {table}").fetchall()
            ordered = con.execute(f"select {', '.join(keys)} from {table} "
                                  f"order by {', '.join(keys)}").fetchall()
            assert len(stored) > 0, table
            assert stored == ordered, table
        for table, day, keys in NEWEST_FIRST:
            columns = ", ".join((day, *keys))
            stored = con.execute(f"select {columns} from {table}").fetchall()
            ordered = con.execute(f"select {columns} from {table} order by {day} desc nulls "
                                  f"last, {', '.join(keys)}").fetchall()
            assert len(stored) > 1, table
            assert stored == ordered, table
