"""Places and USD rates kept from the previous build (resolved_places, resolved_fx).

An incremental build reuses them instead of loading the gazetteer and the ECB history; the
marts must come out exactly as from a build that resolves everything, and kept rows made
with other reference data, libraries or code must be ignored.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import resolve, settings
from etl.build import build
from etl.events import MARTS

ROOT = Path(__file__).resolve().parent.parent
KEPT = ("resolved_places", "resolved_fx")


def tables(db: Path, names: tuple[str, ...]) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(f"select * from {t}").fetchall(), key=repr)
                for t in names}
    finally:
        con.close()


def execute(db: Path, sql: str, params: list | None = None) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute(sql, params or [])
    finally:
        con.close()


@pytest.fixture
def articles(tmp_path: Path, fixture_articles: Path) -> Path:
    target = tmp_path / "articles"
    shutil.copytree(fixture_articles, target)
    return target


def test_incremental_build_with_kept_results_equals_a_build_without(articles, tmp_path):
    db = tmp_path / "kept.duckdb"
    build([articles], db)
    kept = tables(db, KEPT)
    assert len(kept["resolved_places"]) >= 5 and len(kept["resolved_fx"]) >= 1
    fingerprint = resolve.reference_fingerprint()
    assert {row[-1] for t in KEPT for row in kept[t]} == {fingerprint}

    changed = articles / "2024-11-15-scholz-calls-putin.md"
    changed.write_text(changed.read_text(encoding="utf-8")
                       + "\nThe chancellor later flew to Warsaw for talks.\n", encoding="utf-8")
    incremental = build([articles], db)
    assert incremental.extracted == 1
    fresh = build([articles], tmp_path / "fresh.duckdb", rebuild=True)
    assert tables(db, (*MARTS, *KEPT)) == tables(fresh.db, (*MARTS, *KEPT))
    # the new place was resolved and kept along with the old ones
    places = {row[0] for row in tables(db, ("resolved_places",))["resolved_places"]}
    assert {row[0] for row in kept["resolved_places"]} <= places


def test_kept_results_are_used_while_the_fingerprint_matches(articles, tmp_path):
    # Falsify the kept rows: a build that reads them shows the false values, which proves
    # they are used; once their fingerprint is not today's, the true values come back.
    db = tmp_path / "shuttle.duckdb"
    build([articles], db)
    truth = tables(db, ("stops", "aid"))
    execute(db, "update resolved_places set lat = 1.5, lon = 2.5 where kind = 'city'")
    execute(db, "update resolved_fx set fx_rate = 1000.0")

    build([articles], db)
    stops, aid = tables(db, ("stops", "aid")).values()
    con = duckdb.connect(str(db), read_only=True)
    city_stops = con.execute("select count(*), count(*) filter (where lat = 1.5 and lon = 2.5) "
                             "from stops where place_kind = 'city'").fetchone()
    rates = con.execute("select distinct fx_rate from aid where fx_rate is not null "
                        "and currency <> 'USD'").fetchall()
    con.close()
    assert city_stops[0] > 0 and city_stops[0] == city_stops[1]
    assert rates == [(1000.0,)]
    assert (stops, aid) != (truth["stops"], truth["aid"])

    execute(db, "update resolved_places set fingerprint = 'other reference data'")
    execute(db, "update resolved_fx set fingerprint = 'other reference data'")
    build([articles], db)
    assert tables(db, ("stops", "aid")) == truth
    assert {row[-1] for t in KEPT for row in tables(db, KEPT)[t]} == {
        resolve.reference_fingerprint()}


def test_fingerprint_follows_the_reference_data(tmp_path, monkeypatch):
    reference = tmp_path / "reference"
    shutil.copytree(settings.REFERENCE_DIR, reference)
    monkeypatch.setattr(settings, "REFERENCE_DIR", reference)
    before = resolve.reference_fingerprint()
    assert resolve.reference_fingerprint() == before  # stable
    aliases = reference / "place_aliases.csv"
    aliases.write_text(aliases.read_text(encoding="utf-8") + "Nowhereville,Paris,FR,,\n",
                       encoding="utf-8")
    assert resolve.reference_fingerprint() != before


def test_rebuild_resolves_everything_again(articles, tmp_path):
    db = tmp_path / "shuttle.duckdb"
    build([articles], db)
    truth = tables(db, ("stops",))
    execute(db, "update resolved_places set lat = 1.5, lon = 2.5")
    build([articles], db, rebuild=True)  # --rebuild attaches no previous database
    assert tables(db, ("stops",)) == truth


def test_build_with_nothing_new_loads_neither_gazetteer_nor_ecb_history(articles, tmp_path):
    # In a fresh interpreter, so nothing is loaded before the build starts.
    db = tmp_path / "shuttle.duckdb"
    build([articles], db)
    script = (
        "import sys; from pathlib import Path\n"
        "from etl.build import build\n"
        "from etl import fx, places\n"
        f"report = build([Path({str(articles)!r})], Path({str(db)!r}))\n"
        "assert report.extracted == 0, report.summary()\n"
        "print(places._geonames.cache_info().currsize, fx.converter.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "0"]
