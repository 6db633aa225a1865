"""The dashboard's pure parts: escaping, chart and map builders, tables, named queries, db."""

from __future__ import annotations

import json
import os
import shutil

import duckdb
import pandas as pd
import pydeck as pdk
import pytest

from tests.conftest import FIXTURE_ARTICLES, PAGE_ARTICLES
from tests.html_tables import tables_in
from ui import (
    basemap,
    casualty_chart,
    chart_trust,
    charts,
    colours,
    evidence_table,
    legs,
    maps,
    queries,
    tables,
)
from ui.db import cursor, file_stamp, open_handle
from ui.escape import esc, highlight, md
from ui.filters import Filters, explain_empty

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def fixture_db(pages_db):
    return pages_db


@pytest.fixture
def con(fixture_db):
    return cursor(open_handle(fixture_db))


def test_escape_and_highlight_never_pass_markup_through():
    assert esc(HOSTILE) == ESCAPED
    text = f"Intro. {HOSTILE} said Kyiv. End."
    start = text.index(HOSTILE)
    html = highlight(text, [(start, start + len(HOSTILE) + 10)])
    assert "<script>" not in html
    assert html.count("<mark>") == 1 and ESCAPED in html
    assert md("[x](javascript:alert(1))").startswith("\\[x\\]\\(")


# -- maps --------------------------------------------------------------------------------------

def _stops(actor: str = "Antony Blinken", evidence: str = "He arrived in Kyiv.") -> pd.DataFrame:
    return pd.DataFrame([
        {"stop_id": "s1", "actor": actor, "place": "Kyiv", "country": "UA", "lat": 50.45,
         "lon": 30.52, "date": "2024-09-11", "date_precision": "day", "status": "occurred",
         "sources": 4, "first_reported": pd.Timestamp("2024-09-10"), "place_kind": "city",
         "evidence": evidence, "evidence_more": 1},
        {"stop_id": "s2", "actor": "David Lammy", "place": "Kyiv", "country": "UA",
         "lat": 50.45, "lon": 30.52, "date": "2024-09", "date_precision": "month",
         "status": "planned", "sources": 1, "first_reported": pd.Timestamp("2024-09-10"),
         "place_kind": "city", "evidence": "Both are set to travel.", "evidence_more": 0},
    ])


def _legs(actor: str = "Antony Blinken") -> pd.DataFrame:
    return pd.DataFrame([
        {"actor": actor, "trip_id": "t", "seq": 1, "from_place": "Warsaw", "to_place": "Kyiv",
         "from_lat": 52.23, "from_lon": 21.01, "to_lat": 50.45, "to_lon": 30.52,
         "date": "2024-09-11", "status": "occurred"},
        {"actor": "David Lammy", "trip_id": "u", "seq": 1, "from_place": "London",
         "to_place": "Kyiv", "from_lat": 51.5, "from_lon": -0.13, "to_lat": 50.45,
         "to_lon": 30.52, "date": "2024-09", "status": "planned"},
    ])


def test_tooltip_data_is_plain_text_and_template_has_only_fields():
    # st.pydeck_chart escapes each value it puts in a slot (tests/browser/test_hostile.py
    # hovers such names): the data stays plain text, or the analyst would read "&lt;".
    stops = _stops(actor=HOSTILE, evidence=f"Evidence {HOSTILE} here.")
    deck = maps.routes_deck(stops, _legs(actor=HOSTILE), colours.colours_for([HOSTILE], [HOSTILE]))
    spec = json.loads(deck.to_json())
    assert "<script>" not in maps.TOOLTIP_HTML
    stop_layer = next(layer for layer in spec["layers"] if layer["id"] == "stops")
    first = stop_layer["data"][0]
    assert first["who"] == HOSTILE
    assert HOSTILE in first["evidence"] and "(+1 more)" in first["evidence"]
    assert "Also here: David Lammy, Sep 2024, planned" in first["others"]
    # The template: fixed markup and {field} slots only; every slot is a data field.
    slots = set(pd.Series([maps.TOOLTIP_HTML]).str.findall(r"\{(\w+)\}")[0])
    assert slots == {"who", "where", "when", "status", "sources", "trust_text", "evidence",
                     "others"}
    assert slots <= set(first)
    leg_layer = next(layer for layer in spec["layers"] if layer["id"] == "legs")
    assert leg_layer["data"][0]["who"] == HOSTILE
    # two people in Kyiv: each dot is drawn, on a ring around the place
    assert first["position"] != stop_layer["data"][1]["position"]
    assert first["anchor"] == stop_layer["data"][1]["anchor"] == [30.52, 50.45]


TWO = colours.colours_for(["Antony Blinken", "David Lammy"], ["Antony Blinken", "David Lammy"])


def test_routes_deck_is_offline_and_styles_planned_legs():
    spec = json.loads(maps.routes_deck(_stops(), _legs(),
                                       TWO)
                      .to_json())
    assert spec.get("mapProvider") in (None, "")
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec)
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids == ["countries", "legs", "leg-dashes", "shared-places", "stops",
                   "not-yet-rings", "place-names"]
    routes = next(layer for layer in spec["layers"] if layer["id"] == "legs")["data"]
    done, planned = routes
    # status by line style, never by a paler shade: the planned leg is dashed pieces in
    # Lammy's own colour, its own line only an invisible hover band
    assert done["dash"] == [0.0, 0.0] and planned["dash"] != [0.0, 0.0]
    pieces = next(layer for layer in spec["layers"] if layer["id"] == "leg-dashes")["data"]
    assert len(pieces) > 3 and {tuple(p["colour"]) for p in pieces} == {
        tuple(maps.hex_to_rgb(colours.PALETTE[1]) + [255])}
    stops = next(layer for layer in spec["layers"] if layer["id"] == "stops")["data"]
    assert stops[0]["radius"] > stops[1]["radius"]  # 4 sources against 1
    # planned: a solid dot in the diplomat's colour (no review data: not low confidence)
    # inside a dotted ring of that colour; the fill is left to trust
    assert stops[0]["filled"] and not stops[1]["filled"]
    assert not stops[1]["hollow"] and stops[1]["fill"][:3] == maps.hex_to_rgb(colours.PALETTE[1])
    rings = next(layer for layer in spec["layers"] if layer["id"] == "not-yet-rings")["data"]
    assert len(rings) == maps.NOT_YET_DOTS
    assert {tuple(r["position"]) for r in rings} == {tuple(stops[1]["position"])}
    assert {tuple(r["colour"]) for r in rings} == {tuple(maps.hex_to_rgb(colours.PALETTE[1])
                                                         + [255])}
    view = spec["initialViewState"]
    assert 45 < view["latitude"] < 56 and view["zoom"] == maps.MAX_FIT_ZOOM


def test_routes_deck_draws_trust_apart_from_status():
    """Verified: solid, with a dark ring; unreviewed with low confidence: hollow, whatever
    its status; the rings of status (dotted) and of trust (dark) both round one dot."""
    stops = _stops().assign(confidence=[0.95, 0.41], review_state=["verified", "unreviewed"],
                            reviewed_by=[["ana"], []])
    stops.loc[1, "status"] = "occurred"
    spec = json.loads(maps.routes_deck(stops, _legs(), TWO).to_json())
    layer = {x["id"]: x for x in spec["layers"]}
    sure, low = layer["stops"]["data"]
    assert (sure["trust"], sure["hollow"], sure["fill"][:3]) == (
        "verified", False, maps.hex_to_rgb(colours.PALETTE[0]))
    assert sure["trust_text"] == "verified by ana"
    assert (low["trust"], low["hollow"], low["fill"][:3]) == ("low", True, [255, 255, 255])
    assert low["line"][:3] == maps.hex_to_rgb(colours.PALETTE[1])
    assert low["trust_text"] == "unreviewed, low confidence (0.41)"
    assert [r["position"] for r in layer["verified-rings"]["data"]] == [sure["position"]]
    assert "not-yet-rings" not in layer  # both took place
    legend = maps.legend_html(TWO)
    assert "hollow: unreviewed, confidence below 0.7" in legend
    assert "verified by an analyst" in legend and "dotted ring" in legend


def test_countries_geojson_is_small_and_flat_map_safe():
    assert basemap.COUNTRIES_GEOJSON.stat().st_size < 1_000_000
    shapes = basemap.countries_geojson()
    names = {f["properties"]["name"] for f in shapes["features"]}
    assert {"Ukraine", "United Kingdom", "Belgium", "Macedonia", "Russia"} <= names
    for feature in shapes["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                lons = [p[0] for p in ring]
                assert -180 <= min(lons) and max(lons) <= 180
                assert max(abs(a - b) for a, b in zip(lons, lons[1:], strict=False)) <= 180


def test_colours_come_from_the_whole_database_ranking():
    ranking = ["Antony Blinken", "John Kerry", "David Lammy", "Emmanuel Macron"]
    full = colours.colours_for(ranking, ranking)
    for view in (["John Kerry"], ["Emmanuel Macron", "David Lammy"], ranking[::-1]):
        assert colours.colours_for(view, ranking) == {a: full[a] for a in view}
    assert len(set(full.values())) == len(ranking)
    many = [f"P{i}" for i in range(len(colours.PALETTE) + 2)]
    every = colours.colours_for(many, many)
    assert every["P0"] == charts.OKABE_ITO[0] and every[many[-1]] == charts.GREY
    assert len({every[p] for p in many[:len(colours.PALETTE)]}) == len(colours.PALETTE)
    assert charts.OKABE_ITO[7] not in colours.PALETTE  # yellow is faint on grey land


def test_legend_escapes_names():
    html = maps.legend_html({HOSTILE: "#0072B2"}, {HOSTILE: 3})
    assert "<script>" not in html and ESCAPED in html


# -- charts ------------------------------------------------------------------------------------

def data_traces(fig) -> list:
    """A figure's traces of data: not the Trust legend's entries nor its rings and hollows
    (ui/chart_trust.py; tests/test_chart_trust.py tests those)."""
    return [t for t in fig.data if not chart_trust.is_trust_trace(t)]


def _bars() -> pd.DataFrame:
    return pd.DataFrame([
        {"party": "United Kingdom", "status": "announced", "usd": 212.3e6, "delivered_usd": 0.0,
         "commitments": 1, "totals": 0, "sources": 1, "originals": "GBP 162 million"},
        {"party": HOSTILE, "status": "pledged", "usd": 3e9, "delivered_usd": 1e9,
         "commitments": 2, "totals": 0, "sources": 3, "originals": "USD 3 billion"},
        {"party": HOSTILE, "status": "authorized", "usd": 2e9, "delivered_usd": 0.0,
         "commitments": 1, "totals": 0, "sources": 1, "originals": "USD 2 billion"},
    ])


def test_aid_bars_committed_beside_delivered_each_party_once():
    title = "Aid by donor, 2022-2024, all stages, USD"
    fig = charts.aid_bars(_bars(), by="donor", title=title, n_articles=7)
    assert fig.layout.title.text == title
    assert "USD billion, converted at ECB rate of the date" == fig.layout.xaxis.title.text
    texts = [a.text for a in fig.layout.annotations]
    assert "Source: 7 articles, Shuttle" in texts
    assert "<script>" not in fig.to_json()
    shown = {t.name for t in data_traces(fig) if t.showlegend is not False}
    assert shown == {"Committed (each package once)", "Delivered so far"}
    # no trust columns in these rows: all of each bar is the unreviewed part, named as the bar
    bars = {trace.name: dict(zip(trace.y, trace.x, strict=True)) for trace in fig.data}
    committed, delivered = bars["Committed (each package once)"], bars["Delivered so far"]
    # the party's packages at two stages make one committed bar: 3 + 2 billion
    assert committed[ESCAPED] == pytest.approx(5.0) and delivered[ESCAPED] == pytest.approx(1.0)
    assert committed["United Kingdom"] == pytest.approx(0.2123)
    committed_trace = next(t for t in fig.data if t.name == "Committed (each package once)")
    assert "USD 212.3 million" in committed_trace.text  # the total printed at the bar's end
    assert "authorized USD 2 billion (1); pledged USD 3 billion (2)" in fig.to_json()
    assert committed_trace.marker.color == charts.COMMITTED_COLOUR
    assert fig.layout.template.layout.font.size >= 14
    assert fig.layout.template.layout.colorway[0] == charts.OKABE_ITO[0]


def test_casualty_timeline_one_line_per_source_with_qualifiers():
    df = pd.DataFrame([
        {"metric": "killed", "as_of": pd.Timestamp("2014-10-08"), "value": 3660,
         "qualifier": "at least", "reported_by": "UN", "where": "eastern Ukraine", "sources": 1},
        {"metric": "killed", "as_of": pd.Timestamp("2014-10-08"), "value": 3500,
         "qualifier": "about", "reported_by": "Ukrainian health ministry",
         "where": "eastern Ukraine", "sources": 1},
        {"metric": "killed", "as_of": pd.Timestamp("2014-12-15"), "value": 4634,
         "qualifier": "at least", "reported_by": "UN", "where": "eastern Ukraine", "sources": 1},
        {"metric": "displaced", "as_of": pd.Timestamp("2014-10-08"), "value": 375000,
         "qualifier": None, "reported_by": None, "where": None, "sources": 1},
    ])
    title = "Casualty figures by reporting source, 2014, all figures, people"
    fig = charts.casualty_timeline(df, title=title, n_articles=2)
    assert fig.layout.title.text == title
    names = [trace.name for trace in fig.data]
    assert names.count("UN") == 1 and "Ukrainian health ministry" in names
    assert "unattributed" in names
    un = next(trace for trace in fig.data if trace.name == "UN")
    assert list(un.text) == ["≥3,660", "≥4,634"] and un.mode == "lines+markers+text"
    assert any("Source: 2 articles, Shuttle" == a.text for a in fig.layout.annotations)


def test_a_sub_count_is_its_own_dashed_line_in_its_sources_colour():
    day = pd.Timestamp
    df = pd.DataFrame([
        {"metric": "killed", "as_of": day("2022-03-04"), "value": 331, "qualifier": None,
         "reported_by": "United Nations", "where": "Ukraine", "sources": 1, "population": "all"},
        {"metric": "killed", "as_of": day("2022-03-15"), "value": 691, "qualifier": None,
         "reported_by": "United Nations", "where": "Ukraine", "sources": 1, "population": "all"},
        {"metric": "killed", "as_of": day("2022-03-15"), "value": 48, "qualifier": None,
         "reported_by": "United Nations", "where": "Ukraine", "sources": 1,
         "population": "children"},
    ])
    fig = charts.casualty_timeline(df, title="t", n_articles=2)
    lines = {t.name: t for t in data_traces(fig)}
    assert set(lines) == {"United Nations", "United Nations · children"}
    assert list(lines["United Nations"].y) == [331, 691]  # the toll never dips to 48
    assert lines["United Nations · children"].line.dash == "dash"
    assert lines["United Nations · children"].line.color == lines["United Nations"].line.color


def test_all_places_are_small_multiples_one_panel_each():
    rows = [{"metric": "killed", "as_of": pd.Timestamp(f"2023-10-{10 + i}"), "value": 10 * i,
             "qualifier": None, "reported_by": f"Source {i % 9}", "where": place,
             "sources": 1, "population": "all"}
            for i, place in enumerate(["Gaza Strip", "Derna", "eastern Ukraine"] * 6)]
    fig = charts.casualty_timeline(pd.DataFrame(rows), title="t", n_articles=3, by_place=True)
    titles = {a.text for a in fig.layout.annotations} - {"Source: 3 articles, Shuttle"}
    assert titles == {"Gaza Strip · killed", "Derna · killed", "eastern Ukraine · killed"}
    colours = {t.name: t.line.color for t in data_traces(fig)}
    strong = [c for c in colours.values() if c != charts.GREY]
    assert len(strong) == len(set(strong)) == 7  # no two sources share a colour; the rest grey


def test_aid_timeline_one_marker_per_package_at_its_furthest_stage():
    df = pd.DataFrame([
        {"date": pd.Timestamp("2024-04-20"), "first": pd.Timestamp("2023-10-20"),
         "last": pd.Timestamp("2024-04-24"), "usd": 61e9, "status": "authorized",
         "donor": "United States", "recipient": "Ukraine", "amount": 61e9, "currency": "USD",
         "aid_type": "military", "sources": 3},
        {"date": pd.Timestamp("2024-09-11"), "first": pd.Timestamp("2024-09-11"),
         "last": pd.Timestamp("2024-09-11"), "usd": 717e6, "status": "announced",
         "donor": "United States", "recipient": "Ukraine", "amount": 717e6, "currency": "USD",
         "aid_type": "mixed", "sources": 1},
    ])
    fig = charts.aid_timeline(df, title="Aid packages over time", n_articles=1)
    markers = [t for t in data_traces(fig) if t.mode == "markers"]
    assert sorted(t.name for t in markers) == ["announced", "authorized"]
    line = next(t for t in fig.data if t.mode == "lines")  # the US bill's way through Congress
    assert list(line.x[:2]) == [pd.Timestamp("2023-10-20"), pd.Timestamp("2024-04-24")]
    assert fig.layout.yaxis.type == "log" and "$1bn" in fig.layout.yaxis.ticktext


# -- tables and filters ------------------------------------------------------------------------

def test_tables_keep_original_amounts_stages_and_evidence():
    rows = pd.DataFrame([{
        "donor": "European Union", "recipient": None, "amount": 18e9, "currency": "EUR",
        "usd": 19.8e9, "delivered_usd": 9.9e9, "aid_type": "financial", "status": "delivered",
        "history": "pledged Dec 2022 → pledged 22 Jun 2023", "part_count": 5, "parts_paid": 5,
        "sources": 2, "evidence": "The EU paid a tranche.", "evidence_more": 0,
    }])
    table = tables.aid_table(rows)
    assert table.loc[0, "Committed"] == "EUR 18,000,000,000"
    assert table.loc[0, "USD"] == "USD 19.8 billion"
    assert table.loc[0, "Delivered (USD)"] == "USD 9.9 billion"
    assert table.loc[0, "Recipient"] == "unnamed recipient"
    assert table.loc[0, "Parts"] == "5 parts, 5 paid"


def test_stop_tables_hold_the_whole_sentence_escaped():
    long = ("Blinken arrived in Kyiv on Wednesday " + "after a night on the train, " * 30
            + "<script>alert(1)</script> and met the president.")
    assert len(long) > 900
    stops = pd.DataFrame([{
        "actor": "Antony Blinken", "place": "Kyiv", "country": "UA", "place_kind": "city",
        "date": "2024-09-11", "date_precision": "day", "status": "occurred", "sources": 2,
        "first_reported": pd.Timestamp("2024-09-11"), "evidence": long, "evidence_more": 1,
        "sort_day": pd.Timestamp("2024-09-11")}])
    table = tables.stops_table(stops)
    assert table.loc[0, "Evidence"] == long + " (+1 more)"
    html = evidence_table.html_table(table)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    (back,) = tables_in(html)
    assert back.loc[0, "Evidence"] == long + " (+1 more)"
    assert "…" not in html


def test_explain_empty_names_the_filter():
    f = Filters(diplomats=("Antony Blinken",), years=(2019, 2019), year_bounds=(2013, 2024))

    def count(ff: Filters) -> int:
        return 0 if ff.years == (2019, 2019) else 5

    sentence = explain_empty("stops", f, count)
    assert sentence.startswith("No stops for Antony Blinken in 2019.")
    assert "widen the year range" in sentence


# -- queries against the fixture database ------------------------------------------------------

def test_route_stops_filters_bind_lists_and_dates(con):
    everyone = queries.route_stops(con, Filters())
    assert {"Kyiv", "Washington", "Brussels", "Skopje", "Rome"} <= set(everyone["place"])
    kerry = queries.route_stops(con, Filters(diplomats=("John Kerry",)))
    assert set(kerry["actor"]) == {"John Kerry"} and len(kerry) == 3
    y2024 = queries.route_stops(con, Filters(years=(2024, 2024)))
    assert set(y2024["date"].str[:4]) == {"2024"}
    ukraine = queries.route_stops(con, Filters(countries=("UA",)))
    assert set(ukraine["country"]) == {"UA"}
    post = queries.route_stops(con, Filters(outlets=("Fixture Post",)))
    assert "Skopje" in set(post["place"]) and "Kyiv" not in set(post["place"])
    capped = queries.route_stops(con, Filters(), cap=2)
    assert len(capped) == 2 and int(capped["total_rows"].iloc[0]) == len(everyone)


def test_route_legs_follow_the_filtered_stops(con):
    # "He is expected in Skopje on Wednesday": every leg drawn for North Macedonia ends or
    # starts there
    legs = queries.route_legs(con, Filters(countries=("MK",)))
    assert len(legs) and all("Skopje" in ends for ends in zip(legs["from_place"],
                                                               legs["to_place"], strict=True))
    # "Kerry will travel to Paris and London later this week"
    planned = queries.route_legs(con, Filters(statuses=("planned",)))
    assert "John Kerry" in set(planned["actor"]) and set(planned["status"]) == {"planned"}


def test_capped_map_keeps_only_the_legs_between_drawn_stops(con):
    every_leg = queries.route_legs(con, Filters())
    everyone = queries.route_stops(con, Filters())
    drawn = queries.route_stops(con, Filters(), cap=len(everyone) - 2)
    assert int(drawn["total_rows"].iloc[0]) > len(drawn)  # the map leaves two stops out
    shown = set(drawn["stop_id"])
    legs = queries.route_legs(con, Filters(), drawn=drawn)
    ends = {(trip, seq): (a, b) for trip, seq, a, b in con.execute(
        "select trip_id, seq, from_stop_id, to_stop_id from legs").fetchall()}
    drawn_keys = set(zip(every_leg["trip_id"], every_leg["seq"], strict=True))
    expected = sorted(key for key, (a, b) in ends.items()
                      if key in drawn_keys and a in shown and b in shown)
    assert expected and len(expected) < len(every_leg)
    assert sorted(zip(legs["trip_id"], legs["seq"], strict=True)) == expected
    assert int(legs["total_rows"].iloc[0]) == len(every_leg)  # the note counts them all
    # nothing capped: the same legs as without the drawn stops
    assert queries.route_legs(con, Filters(), drawn=everyone).equals(every_leg)


def test_aid_sums_count_each_package_once_and_no_running_total(con):
    bars = queries.aid_by_party(con, Filters(), statuses=[])
    us = bars[bars["party"] == "United States"]
    # "$61 billion" asked of Congress, "$350 million" authorized, "$717 million" announced:
    # three packages; "more than $56 billion since 2022" is a running total, never added
    assert float(us["usd"].sum()) == pytest.approx(61e9 + 350e6 + 717e6)
    assert set(us["status"]) == {"proposed", "authorized", "announced"}
    announced = queries.aid_by_party(con, Filters(), statuses=["announced"])
    uk = announced[announced["party"] == "United Kingdom"]
    # £162 million at the ECB rate of September 2024 (1.30 to 1.33 dollars to the pound)
    assert 1.30 * 162e6 < float(uk["usd"].iloc[0]) < 1.33 * 162e6
    apart = queries.aid_apart(con, Filters(), statuses=[])
    assert 56e9 in set(apart["amount"]) and set(apart["kind"]) <= {"total", "rate"}
    by_recipient = queries.aid_by_party(con, Filters(), statuses=[], by="recipient")
    assert {"Ukraine", "Sudan"} <= set(by_recipient["party"])
    with pytest.raises(ValueError):
        queries.aid_by_party(con, Filters(), statuses=[], by="donor; drop table aid")


def test_search_is_literal_and_bound(con):
    hits = queries.evidence_search(con, Filters(), "kyiv")
    assert len(hits) > 0 and hits["evidence"].str.contains("Kyiv").all()
    assert queries.evidence_search(con, Filters(), "%").empty
    assert queries.evidence_search(con, Filters(), "'; drop table articles; --").empty
    files = [p for folder in (FIXTURE_ARTICLES, PAGE_ARTICLES) for p in folder.glob("*.md")]
    assert len(queries.article_list(con, Filters())) == len(files)


def test_article_facts_point_into_the_text(con):
    article = queries.article_one(con, "2024-09-11-blinken-and-lammy-in-kyiv")
    facts = queries.article_facts(con, article["id"])
    assert len(facts) >= 4
    for row in facts.itertuples():
        assert article["text"][row.evidence_start:row.evidence_end] == row.evidence


def test_people_queries(con):
    f = Filters()
    assert "Sergei Lavrov" in set(queries.person_counterparts(con, f, "John Kerry")["counterpart"])
    roles = queries.person_roles(con, "Antony Blinken")
    assert "Secretary of State" in set(roles["title"])  # data/reference/roles.csv
    assert list(queries.person_stops(con, f, "John Kerry")["place"]) == ["Rome", "Paris", "London"]


def test_connection_is_read_only_and_sees_a_replaced_file(tmp_path, fixture_db):
    path = tmp_path / "live.duckdb"
    shutil.copy(fixture_db, path)
    handle = open_handle(path)
    con = cursor(handle)
    with pytest.raises(duckdb.Error):
        con.execute("delete from stops")
    # A rebuild writes a new file and renames it over the old one.
    new = tmp_path / "new.duckdb"
    shutil.copy(fixture_db, new)
    writer = duckdb.connect(str(new))
    writer.execute("delete from stops where actor = 'John Kerry'")
    writer.close()
    os.replace(new, path)
    assert file_stamp(path) != handle.stamp
    # the old file, still open (route_stops reads the stops themselves; the sidebar's counts
    # are a table the build writes beside them, which this edit leaves as it was)
    assert "John Kerry" in set(queries.route_stops(con, Filters())["actor"])
    fresh = cursor(open_handle(path))
    assert "John Kerry" not in set(queries.route_stops(fresh, Filters())["actor"])


def _visits(n: int) -> pd.DataFrame:
    """n visits of one person to Kyiv, a year apart, plus one to Warsaw."""
    rows = [{"stop_id": f"k{i}", "actor": "Antony Blinken", "place": "Kyiv", "country": "UA",
             "lat": 50.45, "lon": 30.52, "date": f"{2020 + i}-05-02", "date_precision": "day",
             "status": "occurred" if i else "planned", "sources": 2,
             "first_reported": pd.Timestamp(f"{2020 + i}-05-01"), "place_kind": "city",
             "evidence": f"Report {i}.", "evidence_more": 1} for i in range(n)]
    rows.append({**rows[0], "stop_id": "w", "place": "Warsaw", "country": "PL", "lat": 52.23,
                 "lon": 21.01, "evidence": "Warsaw report."})
    return pd.DataFrame(rows[::-1])  # best-sourced order, not time order


def test_repeated_visits_to_one_place_are_one_point():
    points = maps.stop_records(_visits(3), colours.colours_for(["Antony Blinken"],
                                                               ["Antony Blinken"]))
    assert len(points) == 2
    kyiv = next(p for p in points if p["where"] == "Kyiv, Ukraine")
    assert kyiv["when"] == "3 visits, 2 May 2020 to 2 May 2022"
    assert kyiv["status"] == "2 occurred, 1 planned"
    assert kyiv["sources"] == "6 sources"
    assert kyiv["evidence"] == "Report 2. (+5 more)"  # the latest, and 3 x 2 - 1 others
    assert kyiv["filled"]  # solid: at least one visit took place
    assert kyiv["radius"] == maps.stop_radius(6)


def test_repeated_legs_are_one_arc_per_kind_of_status():
    frame = pd.DataFrame([
        {"actor": "Antony Blinken", "trip_id": f"t{i}", "seq": 1, "from_place": "Warsaw",
         "to_place": "Kyiv", "from_lat": 52.23, "from_lon": 21.01, "to_lat": 50.45,
         "to_lon": 30.52, "date": f"202{i}-03", "status": status}
        for i, status in enumerate(["occurred", "occurred", "occurred", "planned"])])
    arcs, pieces = legs.leg_records(frame, colours.colours_for(["Antony Blinken"],
                                                                ["Antony Blinken"]), zoom=4)
    assert len(arcs) == 2
    taken, planned = arcs
    assert taken["when"] == "3 legs, Mar 2020 to Mar 2022"
    assert taken["sources"] == "on 3 trips" and planned["sources"] == "leg 1 of trip"
    assert taken["width"] > legs.leg_records(frame.iloc[:1], {}, zoom=4)[0][0]["width"]
    assert planned["dash"] != taken["dash"] and pieces


def test_neighbouring_countries_get_different_shades():
    """The basemap draws no border lines: a border shows only where the shades differ."""
    features = basemap.countries_geojson()["features"]
    shades = basemap.tint_indexes(features)
    by_name = {f["properties"]["name"]: shades[i] for i, f in enumerate(features)}
    pairs = [("France", "Germany"), ("Germany", "Poland"), ("Poland", "Ukraine"),
             ("Ukraine", "Russia"), ("Israel", "Jordan"), ("Canada", "United States of America")]
    for a, b in pairs:
        assert by_name[a] != by_name[b], (a, b)
    owners: dict = {}
    for i, feature in enumerate(features):
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                for x, y in ring:
                    owners.setdefault((x, y), set()).add(i)
    clashes = {tuple(sorted((i, j))) for group in owners.values() for i in group for j in group
               if i != j and shades[i] == shades[j]}
    assert clashes == set()
    layer = basemap.basemap_layer()
    assert layer.stroked is False  # no path layer for borders: too slow without a GPU


def test_the_deck_is_sent_without_indentation():
    deck = maps.routes_deck(_stops(), _legs(), TWO)
    compact = deck.to_json()
    indented = pdk.Deck.to_json(deck)  # pydeck's own: two-space indents
    assert "\n" not in compact and len(compact) < 0.8 * len(indented)
    assert json.loads(compact) == json.loads(indented)


def test_two_people_at_a_place_whose_rounding_differs_stand_apart():
    """50.85045 rounds to 50.8504 in pandas and 50.8505 in Python: both people at Brussels
    are still drawn side by side, not one on top of the other."""
    stops = _stops().assign(lat=50.85045, lon=4.34878, place="Brussels", country="BE")
    spec = json.loads(maps.routes_deck(stops, _legs().iloc[:0], TWO).to_json())
    dots = next(layer for layer in spec["layers"] if layer["id"] == "stops")["data"]
    assert len(dots) == 2 and dots[0]["position"] != dots[1]["position"]
    assert dots[0]["anchor"] == dots[1]["anchor"]


def test_a_toll_is_not_drawn_down_to_another_events_count_nor_a_day_to_milliseconds():
    day = pd.Timestamp
    rows = [
        # the quake's toll, then an aftershock's, from one ministry about one place
        {"metric": "killed", "as_of": day("2015-04-26"), "value": 5057, "qualifier": None,
         "reported_by": "Home ministry", "where": "Nepal", "sources": 1, "population": "all"},
        {"metric": "killed", "as_of": day("2015-05-12"), "value": 42, "qualifier": None,
         "reported_by": "Home ministry", "where": "Nepal", "sources": 1, "population": "all"},
        # two reports of one day about another place
        {"metric": "killed", "as_of": day("2013-11-15"), "value": 4460, "qualifier": None,
         "reported_by": None, "where": "Philippines", "sources": 1, "population": "all"},
        {"metric": "killed", "as_of": day("2013-11-15"), "value": 10000, "qualifier": None,
         "reported_by": None, "where": "Philippines", "sources": 1, "population": "all"},
    ]
    fig = charts.casualty_timeline(pd.DataFrame(rows), title="t", n_articles=2, by_place=True)
    nepal = next(t for t in fig.data if t.name == "Home ministry")
    assert list(nepal.y) == [5057, None, 42]  # two markers, no line falling between them
    philippines = next(t for t in fig.data if t.name == "unattributed")
    axis = fig.layout[philippines.xaxis.replace("x", "xaxis")]
    low, high = (pd.Timestamp(v) for v in axis.range)
    assert (high - low).days >= 14  # a readable span of days around the one day reported
    # the day's two figures are two markers, not a vertical line between them
    unattributed = next(t for t in fig.data if t.name == "unattributed")
    assert list(unattributed.y) == [4460, None, 10000]
    for trace in data_traces(fig):
        assert trace.textposition in ("top center", "bottom center")


def test_a_figure_with_no_report_in_the_weeks_shown_gets_no_empty_panel():
    day = pd.Timestamp
    toll = [{"metric": "killed", "as_of": day(f"2023-10-{d}"), "value": 1000 * d,
             "qualifier": None, "reported_by": "Health ministry", "where": "Gaza Strip",
             "sources": 1, "population": "all"} for d in range(10, 30, 3)]
    # one count of the displaced two years earlier, far outside the toll's weeks
    old = [{"metric": "displaced", "as_of": day("2021-05-20"), "value": 50000,
            "qualifier": None, "reported_by": "United Nations", "where": "Gaza Strip",
            "sources": 1, "population": "all"}]
    df = pd.DataFrame(toll + old)
    assert casualty_chart.focus_window(df) is not None
    fig = charts.casualty_timeline(df, title="t", n_articles=2)
    panels = {a.text for a in fig.layout.annotations} - {"Source: 2 articles, Shuttle"}
    assert panels == {"Killed"}


def _reports(days: list[str], *, where: str = "Sudan") -> pd.DataFrame:
    """One report a day of one source's toll, rising, about one place."""
    return pd.DataFrame([{"metric": "killed", "as_of": pd.Timestamp(d), "value": 100 + 10 * n,
                          "qualifier": None, "reported_by": "Health ministry", "where": where,
                          "sources": 1, "population": "all"} for n, d in enumerate(days)])


def test_a_place_opens_on_the_weeks_that_hold_most_of_its_reports():
    """20 reports over six weeks and 3 reports years earlier, all of one series (so its span
    covers every year): the timeline opens on the six weeks, and the earlier three are
    counted outside them."""
    burst = [str(d.date()) for d in pd.date_range("2023-10-01", "2023-11-11", periods=20)]
    df = _reports(["2019-04-02", "2019-06-10", "2020-01-15", *burst])
    focus = casualty_chart.focus_window(df)
    assert focus is not None
    assert focus.start <= pd.Timestamp("2023-10-01") and focus.end >= pd.Timestamp("2023-11-11")
    assert (focus.end - focus.start).days <= 6 * 7 + 2 * 14  # the weeks and their margin
    assert (focus.inside, focus.outside) == (20, 3)
    fig = charts.casualty_timeline(df, title="t", n_articles=3)
    low, high = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert (low, high) == (focus.start, focus.end)


def test_a_report_days_before_the_burst_is_inside_its_window():
    """The attack that began a war, reported 11 days before the ministry's daily tolls: it
    belongs to the weeks shown, not to the reports outside them."""
    burst = [str(d.date()) for d in pd.date_range("2023-10-18", "2023-11-10", periods=19)]
    df = _reports(["2021-05-21", "2021-05-22", "2023-10-07", *burst])
    focus = casualty_chart.focus_window(df)
    assert focus is not None and focus.start < pd.Timestamp("2023-10-07")
    assert focus.outside == 2


def test_a_place_whose_reports_are_spread_evenly_gets_no_focus():
    monthly = [str(d.date()) for d in pd.date_range("2014-01-15", "2022-12-15", freq="MS")]
    assert casualty_chart.focus_window(_reports(monthly)) is None
    # nor two crises of equal weight: neither holds most of the reports
    halves = [f"2014-07-{d:02d}" for d in range(1, 11)] + [f"2022-03-{d:02d}" for d in range(1, 11)]
    assert casualty_chart.focus_window(_reports(halves)) is None


def test_printed_figures_of_reports_close_together_do_not_overlap():
    """Two sources' tolls a day apart and a few hundred apart would print one figure over the
    other at 1280 px: one moves to the other side of its marker or is left to the hover."""
    day = pd.Timestamp
    rows = [{"metric": "killed", "as_of": day(d), "value": v, "qualifier": None,
             "reported_by": who, "where": "Gaza Strip", "sources": 1, "population": "all"}
            for d, v, who in [("2023-10-18", 3478, "Health ministry"),
                              ("2023-10-23", 5087, "Health ministry"),
                              ("2023-10-29", 8005, "Health ministry"),
                              ("2023-10-28", 7703, "United Nations"),
                              ("2023-10-28", 7650, "Red Crescent"),
                              ("2023-11-10", 11000, "Health ministry")]]
    fig = charts.casualty_timeline(pd.DataFrame(rows), title="t", n_articles=2)
    span = (day("2023-11-10") - day("2023-10-18")).total_seconds()
    top = fig.layout.yaxis.range[1]
    boxes = []
    for trace in data_traces(fig):
        positions = ([trace.textposition] * len(trace.x) if isinstance(trace.textposition, str)
                     else list(trace.textposition))
        for x, y, text, where in zip(trace.x, trace.y, trace.text, positions, strict=True):
            if text:
                boxes.append(casualty_chart._label_box(
                    (x - day("2023-10-18")).total_seconds() / span * casualty_chart.LABEL_PLOT_PX,
                    y / top * (fig.layout.height - casualty_chart.LAYOUT_MARGINS_PX), text, where))
    assert len(boxes) >= 4  # the main source's figures stay printed
    for n, a in enumerate(boxes):
        assert not any(casualty_chart._meets(a, b) for b in boxes[n + 1:]), a
