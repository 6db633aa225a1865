"""The corrections file under hostile input (issue 20): a line that is not UTF-8, 60,000
nested brackets, a line of megabytes, among good lines. Each bad line is named with its
number and skipped; the build and the Corrections page go on with the rest. Writing a
correction keeps the file's mode and follows a symbolic link to its target."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from etl import corrections as cx
from tests.test_reliability_corpus import write_good_articles

ROOT = Path(__file__).resolve().parent.parent


def a_correction(article_id: str = "gen-00000", reason: str = "not a visit") -> cx.Correction:
    return cx.new_correction(
        "reject", {"article_id": article_id, "type": "visit", "actor": "Antony Blinken",
                   "place": "Paris", "country": "FR", "evidence": "Blinken arrived."},
        reason, "tester")


def hostile_file(path: Path) -> list[cx.Correction]:
    """Good corrections on lines 1, 3 and 6; bad lines 2, 4 and 5."""
    good = [a_correction(reason=f"reason {n}") for n in range(3)]
    lines = [good[0].to_json().encode(),
             good[0].to_json().encode().replace(b"reason 0", b"reason \xff\xfe"),
             good[1].to_json().encode(),
             b"[" * 60_000,  # under the line limit: the nesting bound refuses it
             b'{"id": "' + b"x" * 3_000_000 + b'"}',
             good[2].to_json().encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return good


def test_bad_lines_are_named_by_number_and_the_rest_are_read(tmp_path):
    path = tmp_path / "corrections.jsonl"
    good = hostile_file(path)
    read, problems = cx.read_corrections(path)
    assert [c.id for c in read] == [c.id for c in good]
    assert problems == [
        f"{path}:2: correction not read: not UTF-8 (byte 0xff at column "
        f"{good[0].to_json().encode().index(b'reason 0') + 8})",
        f"{path}:4: correction not read: nested more than 8 levels deep",
        f"{path}:5: correction not read: the line is 3,000,011 bytes, over the 65,536 limit",
    ]


def test_a_build_goes_on_past_bad_correction_lines(tmp_path):
    articles = tmp_path / "articles"
    write_good_articles(articles, 2)
    path = tmp_path / "corrections.jsonl"
    hostile_file(path)
    done = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--articles", str(articles), "--db",
         str(tmp_path / "db.duckdb"), "--corrections", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 unreadable" in done.stdout
    for n in (2, 4, 5):
        assert f"{path}:{n}: correction not read" in done.stdout


def test_the_corrections_page_lists_the_bad_lines(tmp_path, monkeypatch, fixture_db):
    from streamlit.testing.v1 import AppTest

    path = tmp_path / "corrections.jsonl"
    hostile_file(path)
    monkeypatch.setenv("SHUTTLE_DB", str(fixture_db))
    monkeypatch.setenv("SHUTTLE_CORRECTIONS", str(path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("views/corrections.py").run()
    assert not at.exception, [e.message for e in at.exception]
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert [w.split(": ", 1)[0] for w in warnings] == [f"{path}:{n}" for n in (2, 4, 5)]


def test_writing_keeps_the_mode_and_follows_a_link(tmp_path):
    shared = tmp_path / "team" / "corrections.jsonl"
    shared.parent.mkdir()
    shared.write_text(a_correction(reason="first").to_json() + "\n", encoding="utf-8")
    os.chmod(shared, 0o664)
    link = tmp_path / "corrections.jsonl"
    link.symlink_to(shared)
    cx.append_correction(a_correction(reason="second"), link)
    assert link.is_symlink() and link.resolve() == shared
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    assert [c.reason for c in cx.read_corrections(link)[0]] == ["first", "second"]
    fresh = tmp_path / "new" / "corrections.jsonl"
    cx.append_correction(a_correction(), fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


WRITER = """
import sys
from etl import corrections as cx
for n in range(5):
    c = cx.new_correction("reject", {"article_id": "a1", "type": "visit", "actor": "A B",
                                     "evidence": "x"}, f"writer {sys.argv[2]} line {n}", "w")
    cx.append_correction(c, sys.argv[1])
"""


def test_fifty_writers_at_once_lose_no_line(tmp_path):
    """Ten processes write five corrections each at the same time, half of them through a
    link to the file: the folder lock of the link's target keeps every line."""
    real = tmp_path / "team" / "corrections.jsonl"
    real.parent.mkdir()
    link = tmp_path / "corrections.jsonl"
    link.symlink_to(real)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(link if n % 2 else real),
                                 str(n)], cwd=ROOT) for n in range(10)]
    assert [w.wait(timeout=300) for w in writers] == [0] * 10
    read, problems = cx.read_corrections(real)
    assert problems == [] and len(read) == 50
    assert {c.reason for c in read} == {f"writer {w} line {n}" for w in range(10)
                                        for n in range(5)}
    assert link.is_symlink()
