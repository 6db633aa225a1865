"""Shared fixtures: the fixture articles and the databases built from them by the real ETL."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

# --import-mode=importlib puts nothing on sys.path: make `import etl` and `import ui` work
# under a bare `pytest` as they do under `python -m pytest`.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Every test, and every command a test runs, reads and writes its database and corrections
# file in a folder of the session, never the checkout's data/ (the dashboard's own files).
SESSION_DATA = Path(tempfile.mkdtemp(prefix="shuttle-tests-"))
os.environ["SHUTTLE_DB"] = str(SESSION_DATA / "shuttle.duckdb")
os.environ["SHUTTLE_CORRECTIONS"] = str(SESSION_DATA / "corrections.jsonl")

from etl import settings  # noqa: E402
from etl.build import BuildReport, build  # noqa: E402


def _data_state() -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(settings.DATA_DIR)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in settings.DATA_DIR.rglob("*") if p.is_file()}


_DATA_BEFORE = _data_state()


_MAIN = sys.modules["__main__"]


@pytest.fixture(autouse=True)
def _restore_main():
    """Put pytest's __main__ back after each test: AppTest installs the dashboard script as
    __main__, and a process started by spawn afterwards (Dask's workers) ran dashboard.py
    again, which built the sample database into data/ (or raced another worker to it)."""
    yield
    sys.modules["__main__"] = _MAIN


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when a test wrote into the checkout's data/ folder."""
    after = _data_state()
    changed = sorted(name for name in {*_DATA_BEFORE, *after}
                     if _DATA_BEFORE.get(name) != after.get(name))
    if changed:
        print(f"\nthe tests wrote into {settings.DATA_DIR}: {', '.join(changed)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED



# The files that take longest, longest first (wall time of each under `-n 2`, measured on
# the 2-core machine): pytest-xdist hands whole files to the workers in collection order
# (`--no-loadscope-reorder` in pyproject.toml), so these start first and the many short
# files fill in behind them; sent last (xdist's default order, by number of tests), a long
# browser file kept one worker busy while the others had finished.
SLOW_FIRST = [
    "tests/browser/test_map_frame.py",
    "tests/browser/test_hostile.py",
    "tests/test_build_noop.py",
    "tests/browser/test_pages.py",
    "tests/browser/test_review_queue.py",
    "tests/test_reliability_builds.py",
    "tests/test_export.py",
    "tests/test_corrections.py",
    "tests/browser/test_people_fixes.py",
    "tests/browser/test_correction_forms.py",
    "tests/browser/test_trust_map.py",
    "tests/test_cli.py",
    "tests/browser/test_briefing_download.py",
    "tests/test_load.py",
    "tests/browser/test_map_inert.py",
    "tests/browser/test_shared_links.py",
    "tests/test_reliability_limits.py",
    "tests/test_reliability_inputs.py",
    "tests/test_extract.py",
    "tests/test_events.py",
    "tests/test_marts_data.py",
    "tests/test_people.py",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the files of SLOW_FIRST first, in its order; every other file keeps its place
    after them (a stable sort: a file's own tests keep their order)."""
    rank = {name: n for n, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               make: Callable[[Path], dict]) -> tuple[Path, dict]:
    """A database `make(path)` builds, made once per test run, and what `make` said of it
    (JSON). Alone that is once per session; under pytest-xdist the first worker to ask
    builds it under a lock in the run's shared temp folder and every worker gets its own
    copy of the file (same inputs, same bytes), so none can disturb another's readers."""
    own = tmp_path_factory.mktemp(name) / "shuttle.duckdb"
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return own, make(own)
    shared = tmp_path_factory.getbasetemp().parent / "built-once"
    shared.mkdir(exist_ok=True)
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        db, said = shared / name / "shuttle.duckdb", shared / name / "said.json"
        if not said.exists():
            db.parent.mkdir(exist_ok=True)
            said.write_text(json.dumps(make(db)), encoding="utf-8")
        shutil.copyfile(db, own)
        return own, json.loads(said.read_text(encoding="utf-8"))


FIXTURE_ARTICLES = Path(__file__).parent / "fixtures" / "articles"
# Short articles the page tests add (routes, aid and casualty figures to filter and draw),
# written for this project like the fixture articles.
PAGE_ARTICLES = Path(__file__).parent / "fixtures" / "pages"


@pytest.fixture(scope="session")
def fixture_articles() -> Path:
    """tests/fixtures/articles: six short articles about real events, in our own words."""
    return FIXTURE_ARTICLES


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    """The report of one real build (read, extract, load, marts) of the fixture articles.

    Built once per session; the database is shared, so open it read-only.
    """
    db = tmp_path_factory.mktemp("fixture-db") / "shuttle.duckdb"
    return build([FIXTURE_ARTICLES], db)


@pytest.fixture(scope="session")
def fixture_db(fixture_build: BuildReport) -> Path:
    """The path of the fixture database (see fixture_build); open it read-only."""
    return fixture_build.db


@pytest.fixture(scope="session")
def pages_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database the page, export and browser tests read: one real build of the fixture
    articles and the page articles (tests/fixtures/pages). Shared: open it read-only."""
    def make(db: Path) -> dict:
        report = build([FIXTURE_ARTICLES, PAGE_ARTICLES], db)
        return {"skipped": len(report.skipped), "summary": report.summary()}

    db, said = built_once(tmp_path_factory, "pages-db", make)
    assert not said["skipped"], said["summary"]
    return db


def _builder(folders: list[Path]) -> Callable[[Path], dict]:
    """A `make` for built_once: one real build of `folders`, nothing to say of it."""
    def make(db: Path) -> dict:
        build(folders, db)
        return {}
    return make


SHARED = ROOT.parent / "shared"
SAMPLE_ARTICLES = ROOT / "data" / "articles"


def _shared_build(tmp_path_factory: pytest.TempPathFactory, name: str,
                  folders: list[Path]) -> Path:
    """One real build of the sample articles and shared folders; skipped (not failed) when
    ../shared is not on this machine: those articles are real news, kept outside the repo."""
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        pytest.skip(f"{missing[0]} is not here")
    return built_once(tmp_path_factory, name, _builder([SAMPLE_ARTICLES, *folders]))[0]


@pytest.fixture(scope="session")
def corpora_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles with ../shared/corpus/dev and dev2, built once: the database the
    events issue's aid and casualty figures are checked on. Open it read-only."""
    return _shared_build(tmp_path_factory, "corpora", [
        SHARED / "corpus" / "dev" / "articles", SHARED / "corpus" / "dev2" / "articles"])


@pytest.fixture(scope="session")
def seeds_sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles with the seed stories (../shared/seeds), built once."""
    return _shared_build(tmp_path_factory, "seeds-sample", [SHARED / "seeds"])


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample articles (data/articles), built once, with no corrections (a
    corrections file that does not exist), every article read. Open it read-only, or copy
    it (sample_copy) to build on."""
    def make(db: Path) -> dict:
        report = build([SAMPLE_ARTICLES], db, corrections=db.parent / "no-corrections.jsonl")
        return {"skipped": len(report.skipped), "summary": report.summary()}

    db, said = built_once(tmp_path_factory, "sample", make)
    assert not said["skipped"], said["summary"]
    return db


def sample_copy(sample_db: Path, db: Path) -> Path:
    """A copy of the sample build at `db`, for a test that corrects it and builds it again:
    the tables a build of the sample into `db` makes (a database names no path of its own,
    and a corrections file that does not exist yet adds nothing to it)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sample_db, db)
    return db


SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def seeds_cli_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed stories (../shared/seeds) alone, built once by `python -m etl build` (the
    command line, through the real pipeline); skipped when ../shared is not here. Shared by
    the events and marts tests: open it read-only."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not here")

    def make(db: Path) -> dict:
        done = subprocess.run([sys.executable, "-m", "etl", "build", "--articles", str(SEEDS),
                               "--db", str(db)], cwd=ROOT, capture_output=True, text=True,
                              timeout=600)
        return {"exists": db.exists(), "stderr": done.stderr}

    db, said = built_once(tmp_path_factory, "seeds-cli", make)
    assert said["exists"], said["stderr"]
    return db


def verify_and_rebuild(corpus: Path, db: Path, corrections: Path, mentions) -> None:
    """Record an analyst's `verify` of each mention, as the dashboard does, and build again
    so the database carries the verified state."""
    import duckdb

    from etl import corrections as cx

    con = duckdb.connect(str(db), read_only=True)
    try:
        for mention in mentions:
            cx.append_correction(cx.correction_of_mention(con, "verify", mention,
                                                          "read the sentence", "tester"),
                                 corrections)
    finally:
        con.close()
    build([corpus], db, corrections=corrections)
