"""Trust on the aid and casualty charts and on the deck's native charts (ui/chart_trust.py,
ui/charts.py, ui/casualty_chart.py, ui/export/pptx_charts.py), read from real databases:

- a weak one: facts written to the raw tables with the confidences the extraction gave them
  and the marts built by the real build step, so one donor's package and one casualty report
  are unreviewed with a confidence under ui/trust.LOW_CONFIDENCE and the others are not;
- a verified one: the real build of the fixture articles after an analyst verified France's
  pledge to Sudan and the Red Crescent's Derna toll (`verify` corrections, built again).

The tests read the figures' traces and the deck's chart series back: which money is in the
hatched or outlined segment, which marker is hollow or ringed, and what the legends say."""

from __future__ import annotations

import hashlib
import io
import shutil
from datetime import date

import duckdb
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_FILL

from etl.build import build
from etl.events import build_marts
from etl.load import create_schema
from tests.conftest import FIXTURE_ARTICLES, verify_and_rebuild
from tests.readdb import query
from ui import builders, chart_trust, charts, queries, trust
from ui.export import build_deck, build_slides, pptx_charts
from ui.handle import cursor, open_handle
from ui.scope import Filters

LOW_NAME = f"hollow: {trust.LEGEND[trust.LOW]}"
RING_NAME = f"ring: {trust.LEGEND[trust.VERIFIED]}"
COMMITTED = "Committed (each package once)"
PARIS = "2024-04-15-paris-conference-pledges-for-sudan"


def _raw_facts(con: duckdb.DuckDBPyConnection) -> None:
    """Two outlets' articles; Japan's $2 bn pledge read at 0.5 and Canada's $1 bn at 0.9; a
    health ministry's 100 killed read at 0.5 and its 150 four days later at 0.9."""
    for article, outlet in (("wire", "Wire A"), ("paper", "Paper B")):
        con.execute(
            "insert into articles (id, title, source, published, published_precision, sha256, "
            "text) values (?, ?, ?, ?, 'day', ?, 'Body.')",
            [article, article, outlet, date(2024, 6, 10), "0" * 64])
    n = 0

    def mention() -> str:
        nonlocal n
        n += 1
        return hashlib.sha1(f"chart-trust-{n}".encode()).hexdigest()[:16]

    for donor, amount, confidence in (("Japan", 2e9, 0.5), ("Canada", 1e9, 0.9)):
        con.execute(
            "insert into mentions_aid (mention_id, article_id, donor, recipient, amount, "
            "currency, aid_type, status, date, date_precision, evidence, evidence_start, "
            "evidence_end, confidence) values (?, 'wire', ?, 'Ukraine', ?, 'USD', 'financial', "
            "'pledged', '2024-06-03', 'day', 'Aid.', 0, 4, ?)",
            [mention(), donor, amount, confidence])
    for day, value, confidence in (("2024-06-01", 100, 0.5), ("2024-06-05", 150, 0.9)):
        con.execute(
            "insert into mentions_casualty (mention_id, article_id, metric, value, as_of, "
            "as_of_precision, reported_by, \"where\", evidence, evidence_start, evidence_end, "
            "confidence) values (?, 'paper', 'killed', ?, ?, 'day', 'Health ministry', "
            "'Gaza Strip', 'Died.', 0, 5, ?)", [mention(), value, day, confidence])


@pytest.fixture(scope="module")
def weak(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """A reading connection (ui/handle.py, the pages' own) to the weak database."""
    path = tmp_path_factory.mktemp("chart-trust") / "weak.duckdb"
    con = duckdb.connect(str(path))
    create_schema(con)
    _raw_facts(con)
    build_marts(con)
    con.close()
    return cursor(open_handle(path))


@pytest.fixture(scope="module")
def verified(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """A reading connection to the fixture articles' database with France's pledge and the
    Derna toll of 11,300 verified by 'tester'."""
    folder = tmp_path_factory.mktemp("chart-verified")
    corpus = folder / "articles"
    shutil.copytree(FIXTURE_ARTICLES, corpus)
    db, path = folder / "shuttle.duckdb", folder / "corrections.jsonl"
    build([corpus], db, corrections=path)
    [(aid,)] = query(db, "select mention_id from mentions_aid where donor = 'France' and "
                         "article_id = ?", [PARIS])
    [(toll,)] = query(db, "select mention_id from mentions_casualty where value = 11300")
    verify_and_rebuild(corpus, db, path, (aid, toll))
    return cursor(open_handle(db))


def by_name(fig) -> dict[str, object]:
    return {t.name: t for t in fig.data}


def marks(fig, name: str) -> list:
    """The trust marks of that name that hold data (the legend's entry of the same name holds
    none)."""
    return [t for t in fig.data if t.name == name and t.x != (None,)]


def bar_values(trace) -> dict[str, float | None]:
    return dict(zip(trace.y, trace.x, strict=True))


def deck_of(con, views: list[str]) -> Presentation:
    slides, _ = build_slides(con, Filters(), views)
    return Presentation(io.BytesIO(build_deck(slides, Filters())))


def charts_of(deck) -> list:
    return [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]


def texts_of(deck) -> str:
    return "\n".join(s.text_frame.text for slide in deck.slides for s in slide.shapes
                     if s.has_text_frame)


# -- the weak database: hatched and hollow ---------------------------------------------------

def test_the_aid_sums_say_how_much_of_each_bar_is_weak(weak):
    bars = queries.aid_by_party(weak, Filters(), statuses=[]).set_index("party")
    assert bars.loc["Japan", "low_usd"] == pytest.approx(2e9)
    assert bars.loc["Japan", "low_commitments"] == 1
    assert bars.loc["Canada", "low_usd"] == 0 and bars.loc["Canada", "usd"] == pytest.approx(1e9)
    assert (bars["verified_usd"] == 0).all()


def test_a_weak_donors_money_is_a_hatched_segment_and_the_legend_says_why(weak):
    fig = builders.aid_view(weak, Filters()).figure
    traces = by_name(fig)
    low = traces[f"{COMMITTED}, {trust.LEGEND[trust.LOW]}"]
    sure = traces[COMMITTED]
    # billions: Japan's 2 bn all hatched, Canada's 1 bn all plain
    assert bar_values(low) == {"Japan": pytest.approx(2.0), "Canada": None}
    assert bar_values(sure) == {"Japan": None, "Canada": pytest.approx(1.0)}
    assert low.marker.pattern.shape == chart_trust.HATCH
    assert low.marker.pattern.fgcolor == charts.COMMITTED_COLOUR and low.marker.color == "white"
    assert sure.marker.pattern.shape is None
    # the total is printed once, at the end of the bar's outermost segment
    assert dict(zip(low.y, low.text, strict=True))["Japan"] == "USD 2 billion"
    assert dict(zip(sure.y, sure.text, strict=True)) == {"Japan": "", "Canada": "USD 1 billion"}
    assert "unreviewed, confidence below 0.7" in low.customdata[list(low.y).index("Japan")][7]
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert "hatched: unreviewed, confidence below 0.7" in legend
    assert "dark outline: verified by an analyst" in legend


def test_a_weak_casualty_report_is_a_hollow_marker_on_its_line(weak):
    fig = builders.casualties_view(weak, Filters()).figure
    traces = by_name(fig)
    line = traces["Gaza health ministry"]
    assert [int(y) for y in line.y] == [100, 150]  # both reports stay on the line
    assert line.customdata[0][6] == "unreviewed, low confidence (0.50)"
    (hollow,) = marks(fig, LOW_NAME)
    assert [pd.Timestamp(x) for x in hollow.x] == [pd.Timestamp("2024-06-01")]
    assert list(hollow.y) == [100]
    assert hollow.marker.color == "white" and list(hollow.marker.line.color) == [line.line.color]
    assert hollow.hoverinfo == "skip"  # the marker under it answers the mouse
    # the Trust entries of the legend: no data of their own, only the look explained
    entries = [t for t in fig.data if chart_trust.is_trust_trace(t) and t.showlegend is not False]
    assert [t.name for t in entries] == [RING_NAME, LOW_NAME]
    assert all(t.x == (None,) for t in entries)
    assert entries[0].legendgrouptitle.text == "Trust"


def test_a_weak_package_is_a_hollow_marker_on_the_aid_timeline(weak):
    rows = builders.aid_view(weak, Filters()).rows
    df = rows.assign(date=rows["stage_day"], first=rows["day_lo"], last=rows["day_hi"])
    fig = charts.aid_timeline(df, title="t", n_articles=1)
    (hollow,) = marks(fig, LOW_NAME)
    assert list(hollow.y) == [pytest.approx(2e9)]  # Japan's, not Canada's
    assert list(hollow.marker.line.color) == [charts.AID_STATUS_COLOURS["pledged"]]


def test_the_deck_hatches_the_weak_money_and_hollows_the_weak_report(weak):
    deck = deck_of(weak, ["aid", "casualties"])
    aid, killed = charts_of(deck)
    categories = list(aid.plots[0].categories)
    series = {s.name: dict(zip(categories, s.values, strict=True)) for s in aid.plots[0].series}
    assert series["pledged, unreviewed, low confidence"] == {"Canada": 0.0, "Japan": 2.0}
    assert series["pledged"] == {"Canada": 1.0, "Japan": 0.0}
    hatched = next(s for s in aid.plots[0].series if s.name.endswith("low confidence"))
    assert hatched.format.fill.type == MSO_FILL.PATTERNED
    assert str(hatched.format.fill.fore_color.rgb) == "56B4E9"  # pledged's colour
    plain = next(s for s in aid.plots[0].series if s.name == "pledged")
    assert plain.format.fill.type == MSO_FILL.SOLID
    (line,) = killed.plots[0].series
    assert list(line.values) == [100.0, 150.0]
    first, second = (line.points[n].marker.format for n in (0, 1))
    assert str(first.fill.fore_color.rgb) == "FFFFFF"  # 1 June, read at 0.5: hollow
    assert str(first.line.color.rgb) == str(line.format.line.color.rgb)
    assert second.fill.type is None  # 5 June: the series' own solid marker
    words = texts_of(deck)
    assert "hollow: unreviewed, confidence below 0.7" in words
    assert "hatched: unreviewed, confidence below 0.7" in words


# -- the verified database: outlined and ringed ----------------------------------------------

def test_a_verified_pledge_is_an_outlined_segment(verified):
    bars = queries.aid_by_party(verified, Filters(), statuses=[]).set_index("party")
    assert bars.loc["France", "verified_usd"] == pytest.approx(bars.loc["France", "usd"])
    assert bars.loc["European Union", "verified_usd"] == 0
    fig = builders.aid_view(verified, Filters()).figure
    divisor = charts.money_scale(float(bars["usd"].max()))[0]
    traces = by_name(fig)
    ringed = traces[f"{COMMITTED}, {trust.LEGEND[trust.VERIFIED]}"]
    assert bar_values(ringed)["France"] == pytest.approx(bars.loc["France", "usd"] / divisor)
    assert bar_values(ringed)["European Union"] is None
    assert ringed.marker.line.color == chart_trust.INK and ringed.marker.line.width >= 2
    assert bar_values(traces[COMMITTED])["France"] is None
    assert "verified by an analyst" in ringed.customdata[list(ringed.y).index("France")][7]


def test_a_verified_toll_is_ringed_on_the_page_and_in_the_deck(verified):
    fig = builders.casualties_view(verified, Filters(), place="Derna").figure
    (ring,) = marks(fig, RING_NAME)
    assert list(ring.y) == [11300] and ring.marker.symbol == "circle-open"
    assert ring.marker.size > fig.data[0].marker.size  # round the marker, not on it
    assert marks(fig, LOW_NAME) == []

    deck = deck_of(verified, ["aid", "casualties"])
    aid = charts_of(deck)[0]
    outlined = next(s for s in aid.plots[0].series if s.name == "pledged, verified")
    categories = list(aid.plots[0].categories)
    assert dict(zip(categories, outlined.values, strict=True))["France"] > 0
    assert str(outlined.format.line.color.rgb) == chart_trust.INK.lstrip("#")
    toll = [s for c in charts_of(deck)[1:] for s in c.plots[0].series
            if 11300.0 in list(s.values)]
    (series,) = toll
    point = series.points[list(series.values).index(11300.0)].marker.format
    assert str(point.line.color.rgb) == chart_trust.INK.lstrip("#")


def test_deck_series_names_read_back_to_their_stage_and_trust():
    for klass in (trust.VERIFIED, trust.SURE, trust.LOW):
        name = pptx_charts.series_name("announced", klass)
        assert pptx_charts.series_trust(name) == ("announced", klass)


def test_no_weak_or_verified_mark_without_the_columns():
    """A frame without review columns (an older query's) is drawn as before: all plain."""
    df = pd.DataFrame([{"party": "Japan", "status": "pledged", "usd": 2e9, "delivered_usd": 0,
                        "commitments": 1, "sources": 1, "originals": ""}])
    fig = charts.aid_bars(df, by="donor", title="t", n_articles=1)
    assert bar_values(by_name(fig)[COMMITTED]) == {"Japan": pytest.approx(2.0)}
    assert bar_values(by_name(fig)[f"{COMMITTED}, {trust.LEGEND[trust.LOW]}"]) == \
        {"Japan": None}
