"""The limits of README.md's Limits table: each is stated there with the value the code uses,
and each, when exceeded, gives a clear message through the real command line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb

from etl import settings
from tests.test_reliability_corpus import checksum, write_good_articles

ROOT = Path(__file__).resolve().parent.parent


def etl_build(articles: Path, db: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", "build", "--articles", str(articles), "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, **env},
    )


def test_readme_states_every_limit_with_its_value():
    table = ROOT.joinpath("README.md").read_text(encoding="utf-8").split("## Limits", 1)[1]
    table = table.split("\n## ", 1)[0]
    names = ("MAX_ARTICLE_BYTES", "MAX_FACTS_PER_ARTICLE", "MAX_BUILD_MEMORY_MB",
             "MAX_FRONT_MATTER_CHARS", "MAX_FIELD_CHARS", "EARLIEST_YEAR", "ARTICLE_SECONDS",
             "BUILD_WAIT_SECONDS")
    rows = {name: line for line in table.splitlines() for name in names
            if f"`{name}`" in line}
    assert set(rows) == set(names)
    assert f"{settings.MAX_ARTICLE_BYTES // 2**20} MB" in rows["MAX_ARTICLE_BYTES"]
    assert f"{settings.MAX_FACTS_PER_ARTICLE};" in rows["MAX_FACTS_PER_ARTICLE"]
    assert f"({settings.MAX_FRONT_MATTER_CHARS:,} characters)" in rows["MAX_FRONT_MATTER_CHARS"]
    assert f"{settings.MAX_FIELD_CHARS:,} characters;" in rows["MAX_FIELD_CHARS"]
    assert f"from {settings.EARLIEST_YEAR} " in rows["EARLIEST_YEAR"]
    for name, env in (("ARTICLE_SECONDS", "SHUTTLE_ARTICLE_SECONDS"),
                      ("BUILD_WAIT_SECONDS", "SHUTTLE_BUILD_WAIT_SECONDS")):
        if env not in os.environ:
            assert f"{getattr(settings, name):g} s (`${env}`" in rows[name]
    if "SHUTTLE_BUILD_MEMORY_MB" not in os.environ:
        assert f"{settings.MAX_BUILD_MEMORY_MB} MB" in rows["MAX_BUILD_MEMORY_MB"]


def test_an_article_over_the_size_limit_is_skipped_by_name(tmp_path):
    articles = tmp_path / "articles"
    write_good_articles(articles, 2)
    limit = settings.MAX_ARTICLE_BYTES
    word = b"Talks went on. "
    (articles / "big.txt").write_bytes(b"Big\n" + word * (limit // len(word) + 1))
    line = json.dumps({"id": "long-line", "text": "x " * (limit // 2 + 10)})
    (articles / "big.jsonl").write_text('{"id": "ok", "text": "Talks went on."}\n' + line + "\n",
                                        encoding="utf-8")
    done = etl_build(articles, tmp_path / "db.duckdb")
    assert done.returncode == 1
    assert re.search(r"big\.txt: file is 2(\.0)? MB, over the 2 MB limit", done.stdout), done.stdout
    assert re.search(r"big\.jsonl:2: line is 2(\.0)? MB, over the 2 MB limit", done.stdout)
    con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
    ids = {i for (i,) in con.execute("select id from articles").fetchall()}
    con.close()
    assert ids == {"gen-00000", "gen-00001", "ok"}


def test_facts_past_the_per_article_limit_are_dropped_with_a_message(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    limit = settings.MAX_FACTS_PER_ARTICLE
    body = "\n\n".join(f"At least {n + 3} people were killed in Kharkiv on day {n}, the "
                       "health ministry said." for n in range(limit + 120))
    (articles / "list-page.md").write_text(
        f"---\nid: list-page\ntitle: A list page\npublished: 2024-03-05\n---\n\n{body}\n",
        encoding="utf-8")
    done = etl_build(articles, tmp_path / "db.duckdb")
    assert done.returncode == 1
    assert (f"article list-page: {limit + 120} facts, more than {limit}; kept the first "
            f"{limit}") in done.stdout, done.stdout
    con = duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True)
    kept = con.execute("select count(*) from mentions_casualty where article_id = 'list-page'"
                       ).fetchone()[0]
    con.close()
    assert kept == limit


def test_a_build_over_its_memory_limit_stops_and_keeps_the_old_database(tmp_path):
    articles = tmp_path / "articles"
    write_good_articles(articles, 20)
    db = tmp_path / "db.duckdb"
    assert etl_build(articles, db).returncode == 0
    before = checksum(db)
    write_good_articles(articles, 5, start=20)
    # A Python process with DuckDB loaded holds well over 60 MB: the first check trips.
    done = etl_build(articles, db, SHUTTLE_BUILD_MEMORY_MB="60")
    assert done.returncode == 1
    assert re.search(r"build failed: the build holds \d+ MB of memory, over its 60 MB limit "
                     r".*\$SHUTTLE_BUILD_MEMORY_MB\); the previous database is untouched",
                     done.stderr), done.stderr
    assert "Traceback" not in done.stderr
    assert checksum(db) == before
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []
