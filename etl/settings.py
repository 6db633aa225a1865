"""Paths, limits and environment settings shared by the ETL, the dashboard and the tests."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
ARTICLES_DIR = DATA_DIR / "articles"
# People, roles and place aliases; $SHUTTLE_REFERENCE_DIR points at a team's own registry.
REFERENCE_DIR = Path(os.environ.get("SHUTTLE_REFERENCE_DIR") or DATA_DIR / "reference")
DEFAULT_DB = DATA_DIR / "shuttle.duckdb"

# An article larger than this is refused: real news pages are well under 1 MB of text,
# and a bigger file is almost always a binary dump or a scrape gone wrong.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
# An article that yields more facts than this is suspicious (a list page, a table dump);
# the extra facts are dropped with a warning so one page cannot flood the map.
MAX_FACTS_PER_ARTICLE = 500
# Front matter is a few lines of fields; a bigger one is a scrape gone wrong or an attack
# (YAML aliases are refused anyway: a 568-byte "billion laughs" expands to gigabytes).
MAX_FRONT_MATTER_CHARS = 64 * 1024
# A title, outlet, id, link or language longer than this is cut (with a warning): real
# headlines are under 300 characters, and a huge one would not fit a page or a slide.
MAX_FIELD_CHARS = 2_000
# A publication date before this year is a typo or a placeholder (0001-01-01), and would
# stretch every year axis back to it; it is ignored with a warning, as a future one is.
EARLIEST_YEAR = 1900
# How long a build waits for another build of the same database to finish before it stops
# with a message naming it ($SHUTTLE_BUILD_WAIT_SECONDS; 0: do not wait).
BUILD_WAIT_ENV = "SHUTTLE_BUILD_WAIT_SECONDS"
BUILD_WAIT_SECONDS = float(os.environ.get(BUILD_WAIT_ENV) or 10)
# Seconds the extraction of one article may take ($SHUTTLE_ARTICLE_SECONDS; 0: no limit).
# An article over it is skipped with a message naming it, and the build goes on. The
# largest article accepted (2 MB of ordinary prose) takes about 3 s on one core.
ARTICLE_SECONDS_ENV = "SHUTTLE_ARTICLE_SECONDS"
ARTICLE_SECONDS = float(os.environ.get(ARTICLE_SECONDS_ENV) or 10)
# Memory of a build, in MB ($SHUTTLE_BUILD_MEMORY_MB changes it). DuckDB's buffer on the
# build's connection gets half (past it DuckDB spills to disk or stops with its own
# out-of-memory error), and the build stops when its process's resident memory passes the
# whole. Articles are streamed in chunks and rows written in batches, so a build stays
# near 300-400 MB however many articles it reads (365 MB for 3,000).
MAX_BUILD_MEMORY_MB = int(os.environ.get("SHUTTLE_BUILD_MEMORY_MB") or 2048)


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database path: an explicit argument wins, then $SHUTTLE_DB, then data/shuttle.duckdb."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("SHUTTLE_DB")
    if env:
        return Path(env)
    return DEFAULT_DB
