"""The dashboard on a damaged database, and who can reach it (issue 20): one clear message on
every page instead of an exception box, and a server that listens on this machine only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build
from tests.test_reliability_builds import damage
from tests.test_reliability_corpus import write_good_articles

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["views/routes.py", "views/aid.py", "views/casualties.py", "views/people.py",
         "views/briefing.py", "views/sources.py", "views/corrections.py"]


@pytest.mark.parametrize("how", ["truncated", "bad block"])
def test_every_page_of_a_damaged_database_says_so_once(tmp_path, monkeypatch, how):
    articles = tmp_path / "articles"
    write_good_articles(articles, 60)
    db = build([articles], tmp_path / "db.duckdb").db
    damage(db, how)
    monkeypatch.setenv("SHUTTLE_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        errors = [e.value.replace("\\", "") for e in at.error]
        assert len(errors) == 1 and errors[0].startswith(f"The database {db} is damaged"), \
            (page, errors)
        assert "python -m etl build --rebuild" in errors[0]


def listening(port: int) -> set[str]:
    """The local addresses with a socket listening on `port` (Linux /proc/net/tcp*)."""
    found = set()
    for table, size in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        if not os.path.exists(table):
            continue
        with open(table, encoding="ascii") as handle:
            next(handle)
            for line in handle:
                local, state = line.split()[1], line.split()[3]
                address, _, hex_port = local.partition(":")
                if state == "0A" and int(hex_port, 16) == port and len(address) == size:
                    found.add(address)
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}


def test_the_server_listens_on_this_machine_only(fixture_db, tmp_path):
    config = tomllib.loads(ROOT.joinpath(".streamlit", "config.toml").read_text())
    assert config["server"]["address"] == "localhost"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "streamlit.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port",
             str(port), "--server.fileWatcherType", "none"], cwd=ROOT, stdout=out,
            stderr=subprocess.STDOUT, env={**os.environ, "SHUTTLE_DB": str(fixture_db)})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
        addresses = listening(port)
        assert addresses and addresses <= LOOPBACK, addresses
        assert "Network URL" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
