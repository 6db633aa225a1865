"""Bad files at scale: one folder mixing 50 good articles with empty, binary, 50 MB, wrongly
encoded, unreadable-type, truncated front matter and duplicate-id files, built by the real
command line. Every good article must be loaded, every bad file named with its reason, and
the exit status must be 1.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.test_reliability_corpus import write_good_articles

ROOT = Path(__file__).resolve().parent.parent


def front(id_: str, title: str, body: str) -> str:
    return f"---\nid: {id_}\ntitle: {title}\npublished: 2024-05-02\n---\n\n{body}\n"


BODY = "Antony Blinken arrived in Paris on Monday for talks with French officials."


def write_bad_files(folder: Path) -> dict[str, str]:
    """The bad files; {file name: words its reason must contain}."""
    rng = random.Random(3)
    (folder / "empty.md").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (folder / "binary.md").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with (folder / "huge.md").open("wb") as handle:  # 50 MB, sparse: written in no time
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"\n")
    # UTF-16 without a byte order mark: NUL bytes everywhere, no way to tell the encoding.
    (folder / "utf16.md").write_bytes(front("utf16", "Wide", BODY).encode("utf-16-le"))
    (folder / "truncated.md").write_text("---\nid: truncated\ntitle: Cut off\npublished: 20",
                                         encoding="utf-8")
    (folder / "yaml.md").write_text("---\nid: [unclosed\ntitle: x\n---\n\n" + BODY,
                                    encoding="utf-8")
    (folder / "zz-duplicate.md").write_text(front("gen-00003", "A copy", BODY),
                                              encoding="utf-8")
    (folder / "bad.jsonl").write_text('{"id": "j1", "text": "' + BODY + '"}\n{"id": \n',
                                      encoding="utf-8")
    os.mkfifo(folder / "pipe.md")  # reading it would block forever
    return {
        "empty.md": "empty", "blank.txt": "whitespace", "binary.md": "binary",
        "image.png": "unsupported file type", "huge.md": "over the 2 MB limit",
        "utf16.md": "binary or undecodable", "truncated.md": "never closed",
        "yaml.md": "not valid YAML", "zz-duplicate.md": "duplicate id gen-00003",
        "bad.jsonl": "not valid JSON", "pipe.md": "not a regular file",
    }


def test_good_articles_load_and_every_bad_file_is_named(tmp_path):
    folder = tmp_path / "mixed"
    good = write_good_articles(folder, 50)
    # Recoverable: Windows-1252 bytes (not UTF-8) are decoded as such, with a warning.
    (folder / "cp1252.md").write_bytes(front("cp1252", "Caf\u00e9 talks", BODY + " Caf\u00e9.")
                                       .encode("cp1252"))
    expected = write_bad_files(folder)
    db = tmp_path / "mixed.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--articles", str(folder), "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    lines = output.splitlines()
    for name, reason in expected.items():
        named = [line for line in lines if name in line and reason in line]
        assert named, f"{name}: no line with {reason!r} in\n{output}"
    con = duckdb.connect(str(db), read_only=True)
    ids = {i for (i,) in con.execute("select id from articles").fetchall()}
    titles = dict(con.execute("select id, title from articles").fetchall())
    problems = con.execute("select path, reason from build_problems").fetchall()
    con.close()
    assert set(good) <= ids
    assert ids == set(good) | {"cp1252", "j1"}
    assert titles["gen-00003"] == "Report number 3"  # the first file with the id wins
    assert titles["cp1252"] == "Caf\u00e9 talks"
    for name in expected:
        assert any(path.endswith(name) for path, _ in problems), name


def test_a_folder_of_bad_files_still_builds(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    write_bad_files(folder)
    db = tmp_path / "bad.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--articles", str(folder), "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    # Ten skipped; the "duplicate" has no first copy here, and the .jsonl's good line loads.
    assert "Skipped (10)" in done.stdout, done.stdout
    con = duckdb.connect(str(db), read_only=True)
    assert {i for (i,) in con.execute("select id from articles").fetchall()} == {"gen-00003",
                                                                                "j1"}
    con.close()
