"""The routes playback's moments against the database the real ETL builds from the fixture
articles: a moment is the window's view (fetched once) cut to what was travelled by its day,
in the window's frame and colours, and it is given no connection to query with."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from ui import builders, db, playback
from ui.scope import Filters

BLINKEN = Filters(diplomats=("Antony Blinken",), years=(2023, 2023), year_bounds=(2023, 2023))


@pytest.fixture(scope="module")
def whole(pages_db) -> builders.View:
    con = db.cursor(db.open_handle(pages_db))
    view = builders.routes_view(con, BLINKEN)
    con.close()
    return view


def _spec(view: builders.View) -> dict:
    return json.loads(view.figure.to_json())


def _layer(spec: dict, layer_id: str) -> list[dict]:
    found = [x for x in spec["layers"] if x["id"] == layer_id]
    return found[0]["data"] if found else []


def _days(view: builders.View) -> list[date]:
    return [pd.Timestamp(d).date() for d in view.frame["sort_day"].dropna()]


def test_each_moment_draws_what_was_travelled_by_its_day(whole):
    days = _days(whole)
    steps = playback.steps(min(days), max(days))
    assert len(steps) >= 3
    whole_spec = _spec(whole)
    whole_legs = {x["where"] for x in _layer(whole_spec, "legs")}
    drawn_before: set[str] = set()
    counts = []
    for step in steps:
        moment = builders.routes_moment(whole, step)
        spec = _spec(moment)
        assert spec["initialViewState"] == whole_spec["initialViewState"], step
        legs = {x["where"] for x in _layer(spec, "legs")}
        expected = {f"{r.from_place} → {r.to_place}" for r in whole.legs.itertuples()
                    if pd.Timestamp(r.travel_day).date() <= step}
        assert legs == expected, step
        assert drawn_before <= legs, step  # nothing drawn vanishes while the playback runs
        drawn_before = legs
        assert all(d <= step for d in _days(moment)), step
        assert {s["who"] for s in _layer(spec, "stops")} <= set(whole.colours)
        assert moment.colours == whole.colours and moment.note == whole.note
        assert moment.articles.empty  # no connection: nothing looked up
        assert moment.title == f"{whole.title}, travelled by {playback.step_label(step)}"
        counts.append(len(legs))
    assert len(set(counts)) >= 3, counts  # the legs appear in steps, not all at once
    assert drawn_before == whole_legs


def test_a_paused_moment_names_the_articles_behind_its_stops(whole, pages_db):
    days = sorted(set(_days(whole)))
    con = db.cursor(db.open_handle(pages_db))
    moment = builders.routes_moment(whole, days[0], con=con)
    ids = [str(i) for i in moment.frame["stop_id"]]
    behind = con.execute(
        "select count(distinct article_id) from event_mentions where event_type = 'stop' "
        "and list_contains(?, event_id)", [ids]).fetchone()[0]
    con.close()
    assert 0 < len(moment.articles) == behind <= len(whole.articles)
    assert len(moment.frame) < len(whole.frame)
