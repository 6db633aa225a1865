"""python -m etl as a user runs it: build, extract, export, --help, exit statuses, progress."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl import settings
from etl.extract import extract_article
from etl.facts import FACT_TYPES
from etl.model import Article
from etl.progress import Progress
from etl.read import iter_articles

ROOT = Path(__file__).resolve().parent.parent


def etl(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "SHUTTLE_DB"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT,
                          env=full_env, capture_output=True, text=True, timeout=120)


def rows(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f'select count(*) from "{table}"').fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def mixed_dir(tmp_path: Path, fixture_articles: Path) -> Path:
    """The fixture articles plus three files no reader can use."""
    target = tmp_path / "articles"
    shutil.copytree(fixture_articles, target)
    (target / "empty.md").write_bytes(b"")
    (target / "binary.md").write_bytes(bytes(range(256)) * 8)
    (target / "broken-front-matter.md").write_text(
        "---\nid: broken\ntitle: [unclosed\n---\nSome text.\n", encoding="utf-8")
    return target


def test_build_with_bad_files_exits_1_names_them_and_loads_the_rest(mixed_dir, tmp_path):
    db = tmp_path / "shuttle.duckdb"
    result = etl("build", "--articles", mixed_dir, "--db", db)
    assert result.returncode == 1, result.stderr
    output = result.stdout + result.stderr
    for name in ("empty.md", "binary.md", "broken-front-matter.md"):
        assert str(mixed_dir / name) in output
    assert "6 articles read" in result.stdout and "3 skipped" in result.stdout
    assert rows(db, "articles") == 6
    assert rows(db, "build_problems") >= 3


def test_clean_build_exits_0_and_prints_the_summary(fixture_articles, tmp_path):
    db = tmp_path / "shuttle.duckdb"
    articles = tmp_path / "articles"
    shutil.copytree(fixture_articles, articles)
    hour_ago = time.time() - 3600
    for path in articles.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))
    result = etl("build", "--articles", articles, "--db", db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 articles read, 0 reused unchanged, 6 extracted, 0 skipped" in result.stdout
    assert "Facts: visit" in result.stdout
    unchanged = etl("build", "--articles", articles, "--db", db, "--workers", "2")
    assert unchanged.stdout.startswith("Nothing changed since the last build")
    # a file touched with the same content is read again, and its facts reused by hash
    first = sorted(p for p in articles.rglob("*") if p.is_file())[0]
    os.utime(first, (hour_ago + 60, hour_ago + 60))
    again = etl("build", "--articles", articles, "--db", db, "--workers", "2")
    assert "6 reused unchanged, 0 extracted" in again.stdout


def test_failed_build_is_a_clean_error(fixture_articles, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = etl("build", "--articles", fixture_articles, "--db", blocker / "shuttle.duckdb")
    assert result.returncode == 1
    assert "build failed" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_shuttle_db_is_honoured_and_db_wins(tmp_path):
    from_env, explicit = tmp_path / "env.duckdb", tmp_path / "explicit.duckdb"
    env = {"SHUTTLE_DB": str(from_env)}
    nothing = tmp_path / "no-articles"  # an empty folder: a quick, clean build
    nothing.mkdir()
    assert etl("build", "--articles", nothing, env=env).returncode == 0
    assert from_env.exists()
    stamp = from_env.stat().st_mtime_ns
    assert etl("build", "--articles", nothing, "--db", explicit, env=env).returncode == 0
    assert explicit.exists() and from_env.stat().st_mtime_ns == stamp
    exported = etl("export", "--out", tmp_path / "out", env=env)
    assert str(from_env) in exported.stdout


def test_extract_writes_the_facts_md_format(fixture_articles, tmp_path):
    out = tmp_path / "facts.jsonl"
    result = etl("extract", fixture_articles, "--out", out)
    assert result.returncode == 0, result.stderr
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = []
    for article in iter_articles([fixture_articles]):
        assert isinstance(article, Article)
        for fact in extract_article(article)[: settings.MAX_FACTS_PER_ARTICLE]:
            expected.append((article.id, fact["type"], fact["evidence"]))
    assert [(f["article"], f["type"], f["evidence"]) for f in facts] == expected
    for fact in facts:
        keys = list(fact)
        required = list(FACT_TYPES[fact["type"]].contract_keys)
        assert keys[: len(required)] == required
        assert set(keys[len(required):]) <= set(FACT_TYPES[fact["type"]].optional)
    assert f"{len(facts)} facts" in result.stderr


def test_an_undated_plan_is_written_with_its_storys_month_and_stored_undated(tmp_path):
    """The facts file dates a plan the text gives no day to the month of its story; the
    database keeps it undated, so routes place it by the story's dated stops."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "plan.md").write_text(
        "---\nid: plan\ntitle: A plan\npublished: 2025-03-04\n---\n"
        "Foreign Minister Elena Markova will travel to Hanoi, her office said.\n"
        "Foreign Minister Elena Markova arrived in Bangkok.\n", encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    assert etl("extract", articles, "--out", out).returncode == 0
    dates = {(f["place"], f["status"], f["date"])
             for f in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert dates == {("Hanoi", "planned", "2025-03"), ("Bangkok", "occurred", "2025-03-04")}
    db = tmp_path / "db.duckdb"
    assert etl("build", "--articles", articles, "--db", db).returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("select place, date from mentions_visit order by place").fetchall()
    con.close()
    assert [(place, str(day) if day else None) for place, day in stored] == [
        ("Bangkok", "2025-03-04"), ("Hanoi", None)]


def test_extract_reports_bad_files_on_stderr(mixed_dir, tmp_path):
    out = tmp_path / "facts.jsonl"
    result = etl("extract", mixed_dir, "--out", out)
    assert result.returncode == 1
    for name in ("empty.md", "binary.md", "broken-front-matter.md"):
        assert str(mixed_dir / name) in result.stderr
    assert out.exists()


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_every_table_with_its_rows(fixture_db, tmp_path, fmt):
    out = tmp_path / "export's dir"  # a quote in the path must not break COPY
    result = etl("export", "--db", fixture_db, "--out", out, "--format", fmt)
    assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(fixture_db), read_only=True)
    tables = [t for (t,) in con.execute(
        "select table_name from information_schema.tables "
        "where table_catalog = current_database()").fetchall()]
    con.close()
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.{fmt}" for t in tables)
    # The CSV files are RFC 4180 (fields quoted with '"', a '"' doubled): read them so, as
    # DuckDB's dialect sniffer can take a backslash inside a list field for an escape.
    reader = "read_parquet(?)" if fmt == "parquet" else "read_csv(?, quote='\"', escape='\"')"
    check = duckdb.connect()
    for table in tables:
        (n,) = check.execute(f"select count(*) from {reader}",
                             [str(out / f"{table}.{fmt}")]).fetchone()
        assert n == rows(fixture_db, table), table
        assert f"{table}.{fmt} ({n} rows)" in result.stdout


@pytest.mark.parametrize("command, options", [
    ("build", ["--articles", "--db", "--workers", "--rebuild"]),
    ("extract", ["PATH", "--out", "--workers"]),
    ("export", ["--db", "--out", "--format"]),
])
def test_help_explains_every_option(command, options):
    result = etl(command, "--help")
    assert result.returncode == 0
    for option in options:
        assert option in result.stdout
    assert "exit status" in result.stdout


@pytest.mark.parametrize("args", [
    [],
    ["rebuild-everything"],
    ["extract", "somewhere"],
    ["build", "--workers", "0"],
    ["build", "--articles", "no/such/folder"],
    ["export", "--db", "no/such.duckdb", "--out", "x"],
])
def test_usage_errors_exit_2(args):
    result = etl(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "usage:" in result.stderr


def test_progress_draws_a_bar_on_a_terminal():
    stream = io.StringIO()
    progress = Progress(4, stream=stream, tty=True, quiet_seconds=0)
    for _ in range(4):
        progress.advance()
    progress.close()
    text = stream.getvalue()
    assert text.startswith("\r[") and "4/4 articles" in text and text.endswith("\n")
    assert "\n" not in text[:-1]


def test_progress_writes_plain_lines_every_tenth_off_a_terminal():
    stream = io.StringIO()
    progress = Progress(100, stream=stream, tty=False, quiet_seconds=0)
    for _ in range(100):
        progress.advance()
    progress.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 10 and "\r" not in stream.getvalue()
    assert lines[0].startswith("10/100 articles") and "ETA" in lines[0]
    assert lines[-1].startswith("100/100 articles")


def test_progress_stays_quiet_on_a_short_run():
    stream = io.StringIO()
    progress = Progress(3, stream=stream, tty=False)
    for _ in range(3):
        progress.advance()
    progress.close()
    assert stream.getvalue() == ""


def test_dask_engine_without_dask_says_what_to_install(fixture_articles, tmp_path):
    """Dask is an optional extra: without it, --engine dask names the file to install and
    writes nothing."""
    db = tmp_path / "shuttle.duckdb"
    hide_dask = ("import sys; sys.modules['dask'] = None; from etl.__main__ import main; "
                 f"sys.exit(main(['build', '--engine', 'dask', '--db', {str(db)!r}, "
                 f"'--articles', {str(fixture_articles)!r}]))")
    result = subprocess.run([sys.executable, "-c", hide_dask], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert "pip install -r requirements-dask.txt" in result.stderr
    assert not db.exists()
