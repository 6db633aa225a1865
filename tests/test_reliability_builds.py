"""Builds under pressure (issue 20): an article whose extraction never ends, two builds of one
database at once, a damaged database, a full disk, a read-only folder, Ctrl-C and SIGTERM.
Each ends in one line naming the problem, the run goes on where it can, and nothing is left
behind beside the database."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl import settings
from etl.build import BuildError, build
from etl.lock import build_lock, lock_path
from etl.unchanged import record_path
from tests.extractors import runaway_on_request
from tests.test_reliability_corpus import snapshot, write_good_articles

ROOT = Path(__file__).resolve().parent.parent


def etl(*args: object, env: dict[str, str] | None = None, timeout: float = 300,
        ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def article(folder: Path, article_id: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{article_id}.md").write_text(
        f"---\nid: {article_id}\ntitle: {article_id}\npublished: 2024-05-02\n---\n\n{body}\n",
        encoding="utf-8")


def said(stderr: str) -> list[str]:
    """What a command said on stderr, less the progress lines; never a traceback."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines()
            if line.strip() and not PROGRESS.match(line)]


PROGRESS = re.compile(r"^\d+/\d+ ")


def leftovers(db: Path) -> list[str]:
    """Files beside the database that a build made and should have removed (the record of
    a finished build's inputs, etl/unchanged.py, is meant to stay)."""
    kept = (db.name, record_path(db).name)
    return sorted(p.name for p in db.parent.iterdir()
                  if p.name.startswith(db.name) and p.name not in kept)


# -- item 3: a time limit per article ---------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_past_the_time_limit_is_skipped_by_id_and_the_run_goes_on(
        tmp_path, monkeypatch, workers):
    articles = tmp_path / "articles"
    write_good_articles(articles, 3)
    article(articles, "zz-runaway", "Antony Blinken arrived in Paris on Monday.")
    article(articles, "zz-backtrack", "David Lammy arrived in Rome on Monday.")
    monkeypatch.setattr(settings, "ARTICLE_SECONDS", 1.5)
    started = time.monotonic()
    report = build([articles], tmp_path / "db.duckdb", workers=workers,
                   extract=runaway_on_request)
    took = time.monotonic() - started
    reasons = {p.path.rsplit("/", 1)[-1]: p.reason for p in report.skipped}
    for name in ("zz-runaway", "zz-backtrack"):
        assert reasons[f"{name}.md"] == (
            f"article {name}: extraction took over 1.5 s, the limit per article "
            "($SHUTTLE_ARTICLE_SECONDS); skipped"), report.summary()
    assert report.extracted == 3 and report.exit_code == 1
    assert took < 120  # without the limit the build never ends
    con = duckdb.connect(str(report.db), read_only=True)
    ids = {i for (i,) in con.execute("select id from articles").fetchall()}
    con.close()
    assert ids == {"gen-00000", "gen-00001", "gen-00002"}


def test_the_time_limit_is_read_from_the_environment():
    done = subprocess.run([sys.executable, "-c", "from etl import settings; "
                           "print(settings.ARTICLE_SECONDS)"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "SHUTTLE_ARTICLE_SECONDS": "2.5"})
    assert done.stdout.strip() == "2.5"


# -- item 6: one build at a time per database --------------------------------------------


def test_a_second_build_waits_for_the_first_and_never_overwrites_it(tmp_path):
    big, small = tmp_path / "big", tmp_path / "small"
    write_good_articles(big, 40)
    write_good_articles(small, 3, seed=5, start=500)
    db = tmp_path / "db.duckdb"
    # The first build holds the lock; a second one waits, then builds from its result.
    with build_lock(db):
        holder = lock_path(db).read_text().strip()
        assert holder == str(os.getpid())
        refused = etl("build", "--articles", small, "--db", db,
                      env={settings.BUILD_WAIT_ENV: "0.5"})
        assert refused.returncode == 1
        assert said(refused.stderr) == [
            f"build failed: another build of {db} is running (process {holder}); waited "
            f"0.5 s for it (${settings.BUILD_WAIT_ENV}); run this one again when it has "
            "finished; the previous database is untouched"]
        assert not db.exists()
    # Two at once: the big build is writing when the small one starts. Unlocked, the small
    # one finished first and the big one, started from the old file, replaced its result;
    # now the small one waits, starts from the big one's result and is the one that stays.
    big_build = subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--articles", str(big), "--db", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not any(".tmp-" in name for name in leftovers(db)):
        assert big_build.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    small_build = etl("build", "--articles", small, "--db", db,
                      env={settings.BUILD_WAIT_ENV: "600"})
    assert big_build.wait(timeout=300) == 0, big_build.stderr.read()
    assert small_build.returncode == 0, small_build.stderr
    assert "40 articles read" in big_build.stdout.read()
    con = duckdb.connect(str(db), read_only=True)
    ids = {i for (i,) in con.execute("select id from articles").fetchall()}
    con.close()
    assert ids == {"gen-00500", "gen-00501", "gen-00502"}
    clean = tmp_path / "clean.duckdb"
    build([small], clean)
    assert snapshot(db) == snapshot(clean)
    assert leftovers(db) == []


def test_a_writer_that_skips_the_lock_is_not_overwritten(tmp_path, monkeypatch):
    """The swap checks that the database is still the file the build started from."""
    articles = tmp_path / "articles"
    write_good_articles(articles, 2)
    db = tmp_path / "db.duckdb"
    build([articles], db)
    import etl.build as build_module

    real = build_module._finish

    def replaced_meanwhile(*args, **kwargs):
        real(*args, **kwargs)
        other = tmp_path / "other.duckdb"
        duckdb.connect(str(other)).close()
        os.replace(other, db)  # someone else's file lands while this build runs

    monkeypatch.setattr(build_module, "_finish", replaced_meanwhile)
    with pytest.raises(BuildError, match="was replaced while this build ran"):
        build([articles], db, rebuild=True)
    assert leftovers(db) == []


# -- item 8: a damaged database -----------------------------------------------------------


def contents(db: Path) -> dict[str, list[tuple]]:
    """The tables, less the file stats (a file written in the second before a build is
    not vouched for, so build_files depends on timing)."""
    return {t: rows for t, rows in snapshot(db).items() if t != "build_files"}


def damage(db: Path, how: str) -> None:
    """Cut the file to half its size, or overwrite one block in its middle."""
    size = db.stat().st_size
    with db.open("r+b") as handle:
        if how == "truncated":
            handle.truncate(size // 2)
        else:
            handle.seek((size // 2) // 262144 * 262144 + 4096)
            handle.write(os.urandom(4096))


@pytest.fixture(scope="module")
def built_80(tmp_path_factory) -> tuple[Path, Path, dict[str, list[tuple]]]:
    """(articles, database, its tables) of one clean `python -m etl build` of 80 articles,
    made once for the two kinds of damage: each test damages a copy of its own."""
    folder = tmp_path_factory.mktemp("damaged")
    articles = folder / "articles"
    write_good_articles(articles, 80)
    db = folder / "db.duckdb"
    assert etl("build", "--articles", articles, "--db", db).returncode == 0
    return articles, db, contents(db)


@pytest.mark.parametrize("how", ["truncated", "bad block"])
def test_a_damaged_database_is_found_and_rebuilt(tmp_path, built_80, how):
    articles, built, clean = built_80
    db = tmp_path / "db.duckdb"
    shutil.copy2(built, db)
    assert contents(db) == clean
    damage(db, how)
    again = etl("build", "--articles", articles, "--db", db)
    assert "Traceback" not in again.stderr, again.stderr
    assert again.returncode == 0, again.stdout + again.stderr
    notes = [line for line in again.stdout.splitlines()
             if line.startswith("Note: the previous database was damaged")]
    assert len(notes) == 1 and "every article was extracted again" in notes[0], again.stdout
    assert contents(db) == clean  # the same tables as a clean build
    assert leftovers(db) == []


# -- item 9: full disk, read-only folder, Ctrl-C, SIGTERM ---------------------------------


@pytest.fixture
def small_mount(tmp_path):
    """A 3 MB tmpfs (root can write anywhere: only a full or read-only file system stops
    it); skipped where mounting is not allowed."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_ends_in_one_line_and_leaves_nothing(tmp_path, small_mount):
    articles = tmp_path / "articles"
    write_good_articles(articles, 150)
    db = small_mount / "db.duckdb"
    done = etl("build", "--articles", articles, "--db", db)
    assert done.returncode == 1
    lines = said(done.stderr)
    # the disk fills while the raw tables or the marts are written, by the data's size
    assert len(lines) == 1 and lines[0].startswith(
        ("build failed: cannot write", "build failed: building the marts failed")), done.stderr
    assert "No space left on device" in lines[0]
    assert lines[0].endswith("the previous database is untouched")
    assert list(small_mount.iterdir()) == []


def test_a_read_only_folder_ends_in_one_line(tmp_path, small_mount):
    articles = tmp_path / "articles"
    write_good_articles(articles, 3)
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    done = etl("build", "--articles", articles, "--db", small_mount / "db.duckdb")
    assert done.returncode == 1
    assert said(done.stderr) == [
        f"build failed: cannot write {small_mount / 'db.duckdb.lock'}: Read-only file "
        "system; the previous database is untouched"]


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_ctrl_c_and_sigterm_end_in_one_line_and_leave_nothing(tmp_path, stop, workers):
    articles = tmp_path / "articles"
    write_good_articles(articles, 600)
    db = tmp_path / "db.duckdb"
    process = subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--articles", str(articles), "--db", str(db),
         "--workers", workers], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True)
    # Wait until the build is writing its temp file, then stop it as a terminal would
    # (Ctrl-C reaches the whole process group) or as `kill` does (the build alone).
    deadline = time.monotonic() + 120
    while not any(".tmp-" in name for name in leftovers(db)):
        assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
        time.sleep(0.05)
    time.sleep(1.0)
    if stop == "SIGINT":
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=120)
    name = "interrupted (Ctrl-C)" if stop == "SIGINT" else "stopped (SIGTERM)"
    assert process.returncode == (130 if stop == "SIGINT" else 143), err
    assert said(err) == [f"build {name}; the previous database is untouched"]
    assert leftovers(db) == [] and not db.exists()


def test_a_stop_lost_on_its_way_up_still_ends_the_build(tmp_path):
    """A Ctrl-C that arrives while spaCy's C extension is imported can be swallowed by the
    import: the stop is kept, so the build still ends and swaps nothing in."""
    from etl import stopping

    articles = tmp_path / "articles"
    write_good_articles(articles, 5)
    db = tmp_path / "db.duckdb"
    try:
        stopping.stop(KeyboardInterrupt())
    except KeyboardInterrupt:
        pass  # lost, as inside the import
    with pytest.raises(KeyboardInterrupt):
        build([articles], db)
    assert leftovers(db) == [] and not db.exists()
    build([articles], db)  # a stop raised once is not raised again
    assert db.exists()
