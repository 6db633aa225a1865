"""The "Verified facts only" filter under streamlit's AppTest, against a database the real
build makes from the fixture articles: with the toggle on, the pages show only what an
analyst verified or corrected, their titles say so, an empty view says the toggle emptied
it, and the choice lives in the page address like the other filters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from etl import corrections as cx
from etl.build import build
from tests.readdb import query

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def setup(tmp_path: Path, fixture_articles: Path, monkeypatch):
    corpus = tmp_path / "articles"
    shutil.copytree(fixture_articles, corpus)
    db, path = tmp_path / "shuttle.duckdb", tmp_path / "corrections.jsonl"
    build([corpus], db, corrections=path)
    monkeypatch.setenv("SHUTTLE_DB", str(db))
    monkeypatch.setenv("SHUTTLE_CORRECTIONS", str(path))
    return corpus, db, path


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = [value]
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_verified_only_shows_reviewed_stops_and_says_so(setup):
    corpus, db, path = setup
    at = open_page("views/routes.py", verified="true")
    assert at.sidebar.toggle(key="verified").value is True
    assert any("Verified facts only" in i.value for i in at.info)
    assert any("showing verified facts only empties the view" in i.value.lower()
               for i in at.info)

    [(mention, stop_id)] = query(db, """
        select m.mention_id, e.event_id from mentions_visit m
        join event_mentions e on e.mention_id = m.mention_id and e.event_type = 'stop'
        where m.place = 'Seoul' and m.article_id = '2023-11-09-blinken-arrives-in-seoul'""")
    con = duckdb.connect(str(db), read_only=True)
    try:
        cx.append_correction(cx.correction_of_mention(con, "verify", mention, "seen it",
                                                      "tester"), path)
    finally:
        con.close()
    build([corpus], db, corrections=path)
    at = open_page("views/routes.py", verified="true")
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    stops = next(layer for layer in spec["layers"] if layer["id"] == "stops")["data"]
    assert [s["where"].split(",")[0] for s in stops] == ["Seoul"]
    title = [h.value for h in at.subheader if h.value.startswith("Routes of")]
    assert title and title[0].endswith("verified facts only")
    assert at.query_params["verified"] in ("true", ["true"])
    # turned off, every stop is back and the title says nothing of it
    at.sidebar.toggle(key="verified").set_value(False).run()
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    stops = next(layer for layer in spec["layers"] if layer["id"] == "stops")["data"]
    assert len(stops) > 1
    assert not any(h.value.endswith("verified facts only") for h in at.subheader)
    assert "verified" not in at.query_params
    assert query(db, "select review_state from stops where stop_id = ?", [stop_id]) == \
        [("verified",)]


def test_a_database_without_review_states_asks_for_a_rebuild(setup, tmp_path, monkeypatch):
    _, db, _ = setup
    old = tmp_path / "old.duckdb"
    shutil.copy(db, old)
    con = duckdb.connect(str(old))
    con.execute("alter table stops drop column review_state")
    con.close()
    monkeypatch.setenv("SHUTTLE_DB", str(old))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert "earlier version" in at.error[0].value
    assert "stops\\.review\\_state" in at.error[0].value  # markdown-escaped


def test_verified_only_keeps_the_aid_packages_an_analyst_verified(setup):
    corpus, db, path = setup
    # "The European Union pledged 355 million euros in humanitarian aid for Sudan ..."
    [(mention, package_id)] = query(db, """
        select m.mention_id, aid.package_id from mentions_aid m
        join event_mentions e on e.mention_id = m.mention_id and e.event_type = 'aid'
        join aid on aid.aid_id = e.event_id
        where m.currency = 'EUR' and m.amount = 355e6""")
    con = duckdb.connect(str(db), read_only=True)
    try:
        cx.append_correction(cx.correction_of_mention(con, "verify", mention, "read it",
                                                      "tester"), path)
    finally:
        con.close()
    build([corpus], db, corrections=path)
    assert query(db, "select review_state, reviewed_by from aid_packages where package_id = ?",
                 [package_id]) == [("verified", ["tester"])]
    # the other packages stay unreviewed: the toggle leaves the EU's alone in the bars
    assert query(db, "select count(*) from aid_packages where review_state = 'verified'") == \
        [(1,)]
    at = open_page("views/aid.py", verified="true")
    fig = pio.from_json(at.get("plotly_chart")[0].proto.spec)
    bars = {t.name: list(t.y) for t in fig.data if t.type == "bar"}
    assert bars["Committed (each package once)"] == ["European Union"]
    assert fig.layout.title.text.endswith("verified facts only")
    headline = at.markdown[0].value.replace("\\", "")
    assert "1 package, counted once at its furthest stage" in headline
    at.sidebar.toggle(key="verified").set_value(False).run()
    fig = pio.from_json(at.get("plotly_chart")[0].proto.spec)
    assert "France" in next(t for t in fig.data if t.type == "bar").y
