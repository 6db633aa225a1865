"""Shared fixtures: the fixture articles and the databases built from them by the real ETL."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# --import-mode=importlib puts nothing on sys.path: make `import etl` and `import ui` work
# under a bare `pytest` as they do under `python -m pytest`.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl.build import BuildReport, build  # noqa: E402

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
    db = tmp_path_factory.mktemp("pages-db") / "shuttle.duckdb"
    report = build([FIXTURE_ARTICLES, PAGE_ARTICLES], db)
    assert not report.skipped, report.summary()
    return db


SHARED = ROOT.parent / "shared"
SAMPLE_ARTICLES = ROOT / "data" / "articles"


def _shared_build(tmp_path_factory: pytest.TempPathFactory, name: str,
                  folders: list[Path]) -> Path:
    """One real build of the sample articles and shared folders; skipped (not failed) when
    ../shared is not on this machine: those articles are real news, kept outside the repo."""
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        pytest.skip(f"{missing[0]} is not here")
    db = tmp_path_factory.mktemp(name) / "shuttle.duckdb"
    build([SAMPLE_ARTICLES, *folders], db)
    return db


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
    """The bundled sample articles (data/articles), built once. Open it read-only."""
    db = tmp_path_factory.mktemp("sample") / "shuttle.duckdb"
    build([SAMPLE_ARTICLES], db)
    return db
