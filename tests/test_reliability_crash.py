"""Crash safety: `python -m etl build` killed with SIGKILL at random points, several seeded runs.

After each kill the database file must open read-only and hold exactly what it held before
(or, when the kill came after the swap, exactly the new build); the next build must finish
and equal a clean build of the same articles, table by table; and no temporary file of the
killed builds may be left beside the database once a build has succeeded.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from etl.build import build
from tests.test_reliability_corpus import snapshot, write_good_articles

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("SHUTTLE_CRASH_RUNS", "6"))


def age(folder: Path) -> None:
    """Date the files an hour back: a file modified in the last seconds before a build is
    not vouched for by size and mtime (etl.build RACY_SECONDS), which would make the file
    table depend on timing."""
    past = time.time() - 3600
    for path in folder.iterdir():
        os.utime(path, (past, past))


def differing(a: dict, b: dict) -> list[str]:
    return sorted(t for t in set(a) | set(b) if a.get(t) != b.get(t))


def leftovers(folder: Path, db: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(db.name + ".tmp"))


def start_writing(command: list[str], db: Path) -> subprocess.Popen:
    """Start `command` (a build of `db`) and wait until it has made its temp file beside
    `db` (etl/tempdb.py: `<db>.tmp-<pid>-<n>`); the process.
    Before that a build has loaded Python and its libraries and touched no file; a kill
    there tests nothing the rest of the test does not."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    mine = f"{db.name}.tmp-{process.pid}-"
    while not any(p.name.startswith(mine) for p in db.parent.iterdir()):
        assert process.poll() is None, f"the build ended before it made {mine}*"
        assert time.monotonic() - started < 300, f"no {mine}* after 300 s"
        time.sleep(0.02)
    return process


def test_kill_9_mid_build_never_loses_the_database(tmp_path):
    # 60 articles, then 40 more: the loader writes its rows in batches of 20,000
    # (etl/load.py BATCH_ROWS), far more than these builds' facts, so a kill anywhere during
    # the extraction finds the same state (the temp file holding the schema and nothing
    # else) whatever the count; 300 articles only made that one state last longer.
    articles = tmp_path / "articles"
    write_good_articles(articles, 60, seed=5)
    age(articles)
    folder = tmp_path / "db"
    db = folder / "shuttle.duckdb"
    build([articles], db)
    before = snapshot(db)
    write_good_articles(articles, 40, seed=6, start=60)  # the next build has more to do
    age(articles)
    command = [sys.executable, "-m", "etl", "build", "--articles", str(articles), "--db",
               str(db), "--rebuild"]
    # One clean build of all 100 articles into a file of its own: how long a build runs
    # once it has made its temp file, and the tables every finished build must equal.
    clean = tmp_path / "clean" / "clean.duckdb"
    clean.parent.mkdir()
    process = start_writing(command + ["--db", str(clean)], clean)
    writing = time.monotonic()
    assert process.wait(timeout=300) == 0
    full = time.monotonic() - writing
    after = snapshot(clean)
    assert before != after and len(after["articles"]) == 100

    original = tmp_path / "original.duckdb"
    shutil.copyfile(db, original)
    rng = random.Random(2024)
    killed_mid_build = 0
    for _ in range(RUNS):
        # every kill lands once the build has made its temp file: reading, extracting,
        # loading, building the marts, compacting or swapping
        process = start_writing(command, db)
        time.sleep(rng.uniform(0.0, full * 0.95))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        now = snapshot(db)  # opens read-only: fails if the file is damaged
        assert now in (before, after), (differing(now, before), differing(now, after))
        if now == before:
            killed_mid_build += 1
            assert process.returncode == -signal.SIGKILL
        else:  # the build swapped its file in before the kill: put the old one back
            shutil.copyfile(original, db)
    assert killed_mid_build >= RUNS // 2, "most kills must land inside a build"

    done = subprocess.run(command[:-1], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert differing(snapshot(db), after) == []
    assert leftovers(folder, db) == []


def test_a_running_build_keeps_its_temp_file(tmp_path):
    """The clean-up of a dead build's temp file leaves a live build's alone."""
    articles = tmp_path / "articles"
    write_good_articles(articles, 3)
    db = tmp_path / "shuttle.duckdb"
    live = db.with_name(f"{db.name}.tmp-{os.getpid()}-999")  # this process: alive
    live.write_bytes(b"")
    build([articles], db)
    assert live.exists()
    assert leftovers(tmp_path, db) == [live.name]
