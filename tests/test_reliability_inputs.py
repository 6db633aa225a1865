"""Hostile and pathological input files (issue 20): names that are not UTF-8 or hold newlines,
YAML alias bombs and oversized front matter, links out of the articles folder, dates out of
range, a .jsonl file of many lines, and the command line as the README writes it. Each is
read or refused by name, in one line, and the build goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import duckdb

from etl import settings
from etl.build import build
from etl.model import Article, Problem
from etl.read import iter_articles, iter_file, read_file
from tests.test_reliability_corpus import write_good_articles

ROOT = Path(__file__).resolve().parent.parent
BODY = "Antony Blinken arrived in Paris on Monday for talks with French officials."


def etl(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def front(article_id: str, extra: str = "", body: str = BODY) -> str:
    return f"---\nid: {article_id}\n{extra}published: 2024-05-02\n---\n\n{body}\n"


def ids_in(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("select id, path from articles").fetchall())
    finally:
        con.close()


# -- item 2: file names -------------------------------------------------------------------


def test_file_names_that_are_not_utf8_or_hold_newlines_are_named_escaped(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    bytes_folder = os.fsencode(folder)
    with open(bytes_folder + b"/bad\xff\xfename.md", "wb") as handle:
        handle.write(front("bytes-name").encode())
    with open(bytes_folder + b"/bad\xffempty.md", "wb"):
        pass  # empty: skipped, and named
    forged = "x\nBuilt forged.md"  # a newline, then what a summary line would say
    (folder / forged).write_bytes(b"")
    (folder / "tab\tand\x1b[31mescape.md").write_bytes(b"")
    db = tmp_path / "db.duckdb"
    done = etl("build", "--articles", folder, "--db", db)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert not any(line.startswith("Built forged") for line in lines), done.stdout
    assert f"  {folder}/x\\nBuilt forged.md: file is empty (0 bytes)" in lines
    assert f"  {folder}/bad\\xffempty.md: file is empty (0 bytes)" in lines
    assert f"  {folder}/tab\\tand\\x1b[31mescape.md: file is empty (0 bytes)" in lines
    assert "\x1b" not in done.stdout
    assert ids_in(db) == {"bytes-name": f"{folder}/bad\\xff\\xfename.md"}
    # The next build knows the file by the same name: not read again.
    again = etl("build", "--articles", folder, "--db", db)
    assert "1 reused unchanged" in again.stdout, again.stdout


# -- item 4: YAML front matter ------------------------------------------------------------


def alias_bomb(levels: int = 9) -> str:
    """The "billion laughs": each anchor a list of nine aliases of the one before; 568
    bytes that a YAML loader expands into 9**9 strings."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        refs = ",".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    lines.append(f"title: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def test_a_yaml_alias_bomb_is_refused_in_milliseconds_and_little_memory(tmp_path):
    path = tmp_path / "bomb.md"
    path.write_text(f"---\nid: bomb\n{alias_bomb()}---\n\n{BODY}\n", encoding="utf-8")
    assert len(alias_bomb()) < 600
    tracemalloc.start()
    items = read_file(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert items == [Problem(str(path), "front matter line 4: the YAML alias *a0 is refused "
                             "(aliases can expand a few lines into gigabytes)")]
    assert peak < 5 * 2**20  # bytes; the expanded title alone was 312 MB


def test_front_matter_and_its_fields_are_bounded(tmp_path):
    huge = tmp_path / "huge-front.md"
    filler = "".join(f"k{n}: {'v' * 60}\n" for n in range(2000))
    huge.write_text(f"---\nid: huge\n{filler}---\n\n{BODY}\n", encoding="utf-8")
    [problem] = read_file(huge)
    assert problem.reason.startswith("front matter is ") and problem.reason.endswith(
        f"characters, over the {settings.MAX_FRONT_MATTER_CHARS:,} limit")
    long_title = tmp_path / "long-title.md"
    title = "Talks " * 1000
    long_title.write_text(front("long-title", f"title: {title}\n"), encoding="utf-8")
    article, problem = read_file(long_title)
    limit = settings.MAX_FIELD_CHARS
    assert isinstance(article, Article) and len(article.title) <= limit
    assert problem.reason == (f"title is {len(title.strip()):,} characters, over the "
                              f"{limit:,} limit; cut to {limit:,}")
    # A JSON line's fields too, and a lone surrogate (valid JSON, not valid UTF-8) is
    # replaced rather than failing the database insert.
    lines = tmp_path / "fields.jsonl"
    lines.write_text('{"id": "j1", "title": "' + "T" * (limit + 5) + '", "text": "Kyiv\\ud800 '
                     'talks went on."}\n', encoding="utf-8")
    article, problem = read_file(lines)
    assert len(article.title) == limit and "\ud800" not in article.text
    assert problem.line == 1 and "cut to" in problem.reason


# -- item 7: links out of the folder ------------------------------------------------------


def test_a_link_out_of_the_articles_folder_is_not_read(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Root password\nThe password of the server is hunter2.\n")
    folder = tmp_path / "articles"
    write_good_articles(folder, 2)
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "inside.md").symlink_to(folder / "gen-00000.md")  # inside: the same file
    db = tmp_path / "db.duckdb"
    done = etl("build", "--articles", folder, "--db", db)
    assert done.returncode == 1
    assert (f"  {folder}/passwd.txt: a link to {secret}, outside {folder}; not read "
            "(--follow-links reads it)") in done.stdout.splitlines(), done.stdout
    assert set(ids_in(db)) == {"gen-00000", "gen-00001"}
    followed = etl("build", "--articles", folder, "--db", db, "--follow-links")
    assert followed.returncode == 0, followed.stdout
    assert set(ids_in(db)) == {"gen-00000", "gen-00001", "passwd"}
    # A link from one given folder into another given folder is inside.
    other = tmp_path / "more"
    other.mkdir()
    (other / "linked.md").symlink_to(folder / "gen-00001.md")
    items = list(iter_articles([folder, other]))
    assert not any(isinstance(i, Problem) and "linked.md" in i.path for i in items)


# -- item 12: dates, .jsonl streaming, the README's commands, the data folder ----------


def test_dates_before_1900_are_refused_with_the_file_named(tmp_path):
    path = tmp_path / "ancient.md"
    path.write_text(front("ancient").replace("2024-05-02", "0001-01-01"), encoding="utf-8")
    article, problem = read_file(path)
    assert article.published is None
    assert str(problem) == f"{path}: published 0001-01-01 is before 1900; the date was ignored"
    path.write_text(front("late").replace("2024-05-02", "2999-01-01"), encoding="utf-8")
    assert "2999-01-01 is in the future" in read_file(path)[1].reason


def test_a_jsonl_file_is_read_a_line_at_a_time(tmp_path):
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(3000):
            handle.write(json.dumps({"id": f"l{n}", "title": f"Line {n}", "text": BODY}) + "\n")
    lines = iter_file(path)
    first = next(lines)
    assert isinstance(first, Article) and first.id == "l0"  # before the rest is read

    def peak(read) -> int:
        tracemalloc.start()
        count = sum(1 for _ in read(path))
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert count == 3000
        return top

    streamed, whole = peak(iter_file), peak(read_file)
    assert streamed * 10 < whole, (streamed, whole)


def test_articles_takes_several_folders_after_one_flag(tmp_path):
    one, two, three = tmp_path / "one", tmp_path / "two", tmp_path / "three"
    write_good_articles(one, 1)
    write_good_articles(two, 1, seed=2, start=10)
    write_good_articles(three, 1, seed=3, start=20)
    db = tmp_path / "db.duckdb"
    done = etl("build", "--articles", one, two, "--articles", three, "--db", db)
    assert done.returncode == 0, done.stderr
    assert set(ids_in(db)) == {"gen-00000", "gen-00010", "gen-00020"}


def test_the_readme_commands_run_from_the_virtual_environment():
    text = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```")[1]
    commands = [line.split()[0] for line in block.splitlines() if "-m " in line]
    assert commands and set(commands) == {".venv/bin/python"}, block
    for module in ("etl", "ui.export"):
        done = subprocess.run([sys.executable, "-m", module, "--help"], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and "usage" in done.stdout, done.stderr


def test_the_test_session_keeps_out_of_the_data_folder():
    """tests/conftest.py points the database and the corrections file of every test, and of
    every command a test runs, at a temporary folder; it also fails the session if the
    checkout's data/ changed."""
    assert settings.DATA_DIR not in settings.db_path().parents
    from etl.corrections import corrections_path

    assert settings.DATA_DIR not in corrections_path().parents


def test_build_reads_a_folder_named_as_given(tmp_path):
    """A folder given by a relative path with a link in it still bounds its own links."""
    folder = tmp_path / "real"
    write_good_articles(folder, 1)
    alias = tmp_path / "alias"
    alias.symlink_to(folder, target_is_directory=True)
    report = build([alias], tmp_path / "db.duckdb")
    assert report.articles_read == 1 and not report.skipped
