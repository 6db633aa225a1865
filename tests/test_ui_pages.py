"""Every dashboard page under streamlit's AppTest, against the database the real ETL builds
from the fixture articles (tests/conftest.py pages_db): it runs without exception, a filter
changes the data behind the map or chart, and the filters round-trip through the URL's query
parameters. Expected values come from what the articles say, so a better extractor passes."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import duckdb
import numpy as np
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build
from tests.html_tables import page_tables
from ui import chart_trust

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(ROOT / "dashboard.py")
HOSTILE_ID = "2024-10-01-hostile-markup"
HOSTILE_ARTICLE = f"""---
id: {HOSTILE_ID}
title: "Markup test <script>alert('title')</script>"
source: Fixture <b>Bold</b> Wire
published: 2024-10-01
---
Plain words. <img src=x onerror=alert(1)> and <script>alert(2)</script> end.
"""


@pytest.fixture(scope="module")
def fixture_db(pages_db) -> Path:
    return pages_db


def statuses(spec: dict) -> set[str]:
    """Every status word the map's points show ("occurred", "2 occurred, 1 planned")."""
    return {word for s in layer(spec, "stops") for word in s["status"].split()
            if not word.strip(",").isdigit()}


@pytest.fixture
def app(fixture_db, monkeypatch):
    """An AppTest of dashboard.py reading the fixture database; call .run() yourself."""
    monkeypatch.setenv("SHUTTLE_DB", str(fixture_db))
    return AppTest.from_file(DASHBOARD, default_timeout=60)


def run(at: AppTest, page: str | None = None) -> AppTest:
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def qp(at: AppTest, key: str) -> list[str]:
    """A query parameter's values as a list (AppTest keeps a single value as a string)."""
    value = at.query_params[key]
    return list(value) if isinstance(value, (list, tuple)) else [value]


def deck(at: AppTest) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


def layer(spec: dict, layer_id: str) -> list[dict]:
    return next(item for item in spec["layers"] if item["id"] == layer_id)["data"]


def plotly(at: AppTest, index: int = 0):
    """The figure behind a chart (its spec, with plotly's typed arrays decoded)."""
    return pio.from_json(at.get("plotly_chart")[index].proto.spec)


def places(spec: dict) -> set[str]:
    return {s["where"].split(",")[0] for s in layer(spec, "stops")}


# -- routes --------------------------------------------------------------------------------

def test_routes_default_view_draws_the_seed_routes(app, fixture_db):
    at = run(app)
    spec = deck(at)
    assert {"Washington", "Brussels", "Skopje", "Kyiv", "Rome"} <= places(spec)
    # "Last year Poland refused to let Lavrov attend": cancelled trips hidden by default
    assert "cancelled" not in statuses(spec)
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec
    legs = layer(spec, "legs")
    # "Blinken left Washington on Monday for Brussels"
    assert any(leg["where"].startswith("Washington → ") for leg in legs)
    assert at.subheader[0].value.startswith("Routes of all diplomats, 2014\\-2024")
    table = next(t for t in page_tables(at) if "Place" in t)
    assert {"Kyiv, Ukraine", "Skopje, North Macedonia"} <= set(table["Place"])
    assert table["Evidence"].str.len().min() > 10
    # whole sentences: every evidence cell is a sentence of the database, uncut
    con = duckdb.connect(str(fixture_db), read_only=True)
    sentences = {e for (e,) in con.execute("select evidence from stops").fetchall()}
    con.close()
    assert set(table["Evidence"].str.replace(r" \(\+\d+ more\)$", "", regex=True)) <= sentences


def test_routes_diplomat_filter_changes_the_map_and_the_url(app):
    at = run(app)
    before = deck(at)
    at.multiselect(key="diplomat").select("John Kerry").run()
    assert not at.exception
    after = deck(at)
    assert after != before
    assert {s["who"] for s in layer(after, "stops")} == {"John Kerry"}
    assert places(after) == {"Rome", "Paris", "London"}
    assert qp(at, "diplomat") == ["John Kerry"]
    at.slider(key="years").set_value((2014, 2015)).run()
    assert qp(at, "years") == ["2014", "2015"]
    assert at.subheader[0].value.startswith("Routes of John Kerry, 2014\\-2015")


def test_routes_url_reproduces_the_view_on_first_load(app):
    app.query_params["diplomat"] = ["Antony Blinken", "David Lammy"]
    app.query_params["years"] = ["2024", "2024"]
    app.query_params["country"] = ["UA"]
    at = run(app)
    assert at.multiselect(key="diplomat").value == ["Antony Blinken", "David Lammy"]
    assert at.slider(key="years").value == (2024, 2024)
    assert at.multiselect(key="country").value == ["UA"]
    spec = deck(at)
    assert places(spec) == {"Kyiv"}
    assert {s["who"] for s in layer(spec, "stops")} == {"Antony Blinken", "David Lammy"}


def test_invalid_query_params_are_ignored(app):
    app.query_params["diplomat"] = ["Nobody", "John Kerry"]
    app.query_params["years"] = ["twenty", "2014"]
    app.query_params["country"] = ["ZZ"]
    app.query_params["status"] = ["bogus"]
    app.query_params["months"] = ["1999-01", "nonsense"]
    app.query_params["cancelled"] = ["maybe"]
    at = run(app)
    assert at.multiselect(key="diplomat").value == ["John Kerry"]
    assert at.slider(key="years").value == (2014, 2014)
    assert at.multiselect(key="country").value == []
    assert at.multiselect(key="status").value == []
    assert "country" not in at.query_params and "status" not in at.query_params
    assert places(deck(at)) == {"Rome", "Paris", "London"}


def test_cancelled_trips_appear_when_asked(app):
    app.query_params["cancelled"] = ["true"]
    at = run(app)
    assert at.checkbox(key="cancelled").value is True
    assert "cancelled" in statuses(deck(at))
    at.checkbox(key="cancelled").uncheck().run()
    assert "cancelled" not in statuses(deck(at))
    assert "cancelled" not in at.query_params


def test_time_window_limits_what_is_drawn(app):
    app.query_params["months"] = ["2023-11", "2023-11"]
    at = run(app)
    assert at.select_slider(key="months").value == ("2023-11", "2023-11")
    drawn = places(deck(at))
    assert {"Washington", "Brussels", "Skopje", "Tokyo", "Seoul"} <= drawn
    assert not drawn & {"Kyiv", "Rome", "London"}  # 2014, 2022 and 2024 stops
    assert "Nov 2023 to Nov 2023" in at.subheader[0].value


def test_an_empty_view_says_which_filter_emptied_it(app):
    app.query_params["diplomat"] = ["Olaf Scholz"]
    app.query_params["years"] = ["2014", "2015"]
    at = run(app)
    assert not at.get("deck_gl_json_chart")
    message = at.info[0].value.replace("\\", "")  # markdown escapes
    assert message.startswith("No stops for Olaf Scholz in 2014-2015.")
    assert "widen the year range" in message


def test_reset_button_clears_the_filters(app):
    app.query_params["diplomat"] = ["John Kerry"]
    at = run(app)
    at.button(key="reset_filters").click().run()
    assert at.multiselect(key="diplomat").value == []
    assert "diplomat" not in at.query_params


# -- aid -----------------------------------------------------------------------------------

def numbers(values) -> list[float]:
    """Plotly ships numeric arrays as {"dtype", "bdata"} (base64); decode them. A segment a
    bar does not have (no verified part, say) is null: 0."""
    if isinstance(values, dict) and "bdata" in values:
        return [float(v) for v in np.frombuffer(base64.b64decode(values["bdata"]),
                                                dtype=values["dtype"])]
    return [0.0 if v is None else float(v) for v in values]


def bars(fig) -> dict[str, dict[str, float]]:
    """{bar name ('Committed (each package once)', 'Delivered so far'): {party: value}}, the
    bar's trust segments (ui/charts.aid_bars: verified, unreviewed, low) added up."""
    out: dict[str, dict[str, float]] = {}
    for trace in fig.data:
        if trace.type != "bar" or chart_trust.is_trust_trace(trace):
            continue
        mine = out.setdefault(trace.name.split(", ")[0], {})
        for party, value in zip(trace.y, numbers(trace.x), strict=True):
            mine[party] = mine.get(party, 0.0) + value
    return out


def committed(fig) -> dict[str, float]:
    return bars(fig)["Committed (each package once)"]


def aid_articles(db: Path) -> int:
    """How many articles the aid packages rest on, counted in the database."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select count(distinct article_id) from event_mentions e "
                           "join aid on aid.aid_id = e.event_id where e.event_type = 'aid' "
                           "and aid.package_id is not null").fetchone()[0]


def test_aid_page_counts_each_package_once(app, fixture_db):
    at = run(app, "views/aid.py")
    fig = plotly(at)
    assert fig.layout.title.text == "Aid by donor, 2014-2024, all stages, USD"
    assert "converted at ECB rate of the date" in fig.layout.xaxis.title.text
    # "asked Congress for $61 billion", "passed a bill authorizing $350 million",
    # "announced $717 million": three US packages; "brings total US security assistance
    # ... since 2022 to more than $56 billion" is a running total, listed, never added
    assert committed(fig)["United States"] == pytest.approx(61 + 0.35 + 0.717)
    # "Britain recently announced £162 million of short-range missiles for Ukraine."
    assert 0.162 * 1.30 < committed(fig)["United Kingdom"] < 0.162 * 1.33  # ECB rate
    assert "GBP 162 million" in fig.to_json()  # the original amount, in the hover
    assert f"Source: {aid_articles(fixture_db)} articles, Shuttle" in [
        a.text for a in fig.layout.annotations]
    headline = at.markdown[0].value.replace("\\", "")
    assert "packages, counted once at their furthest stage" in headline
    tables = [d.value for d in at.dataframe]
    assert "GBP 162,000,000" in set(tables[0]["Committed"])
    assert any("56,000,000,000" in f for t in tables[1:] for f in t.get("Figure", []))


def test_aid_stage_and_grouping_change_the_chart(app):
    at = run(app, "views/aid.py")
    at.multiselect(key="aid_status").select("announced").run()
    assert set(committed(plotly(at))) == {"United States", "United Kingdom"}
    fig = plotly(at)
    assert committed(fig)["United States"] == pytest.approx(717)  # nothing near a billion:
    assert fig.layout.xaxis.title.text.startswith("USD million")  # the axis is in millions
    assert qp(at, "aid_status") == ["announced"]
    at.radio(key="aid_by").set_value("recipient").run()
    fig = plotly(at)
    assert fig.layout.title.text.startswith("Aid by recipient")
    assert set(committed(fig)) == {"Ukraine"}
    assert qp(at, "aid_by") == ["recipient"]


def test_aid_country_filter_matches_donor_names(app):
    app.query_params["country"] = ["GB"]
    at = run(app, "views/aid.py")
    assert set(at.dataframe[0].value["Donor"]) == {"United Kingdom"}


# -- casualties ----------------------------------------------------------------------------

def test_casualties_one_line_per_series_and_metric_filter(app):
    at = run(app, "views/casualties.py")
    assert at.selectbox(key="place").value == "eastern Ukraine"  # the most reported series
    fig = plotly(at)
    title = fig.layout.title.text
    assert title == ("Casualty figures, eastern Ukraine, by reporting source, 2014-2024, "
                     "all figures, people")
    traces = [(t.name, tuple(t.text)) for t in fig.data if not chart_trust.is_trust_trace(t)]
    # "The UN said ... at least 3,660 people have been killed in eastern Ukraine" (October)
    # and "The UN says the conflict in eastern Ukraine has killed at least 4,634" (December)
    assert ("United Nations", ("≥3,660", "≥4,634")) in traces
    assert qp(at, "place") == ["eastern Ukraine"]
    at.selectbox(key="place").set_value("*").run()
    panels = {a.text for a in plotly(at).layout.annotations}
    # one small panel per place: Ukraine's figures and Libya's apart
    assert "eastern Ukraine · killed" in panels and "Derna · killed" in panels
    at.multiselect(key="metric").select("displaced").run()
    assert at.selectbox(key="place").value == "*"
    # "More than 375,000 people have been displaced inside Ukraine, the UN added."
    (labels,) = [tuple(t.text) for t in plotly(at).data
                 if not chart_trust.is_trust_trace(t)]
    assert labels == (">375,000",)
    assert qp(at, "metric") == ["displaced"]


# -- people --------------------------------------------------------------------------------

def test_people_page_itinerary_counterparts_roles(app):
    app.query_params["person"] = ["John Kerry"]
    at = run(app, "views/people.py")
    assert at.selectbox(key="person").value == "John Kerry"
    itinerary, counterparts = page_tables(at)[-1], at.dataframe[0].value
    assert list(itinerary["Place"]) == ["Rome, Italy", "Paris, France", "London, United Kingdom"]
    assert list(counterparts["Counterpart"]) == ["Sergei Lavrov"]
    assert places(deck(at)) == {"Rome", "Paris", "London"}
    assert plotly(at).layout.title.text == "Offices held by John Kerry"
    at.selectbox(key="person").set_value("David Lammy").run()
    assert qp(at, "person") == ["David Lammy"]
    assert "Kyiv, Ukraine" in set(page_tables(at)[-1]["Place"])


# -- sources -------------------------------------------------------------------------------

def test_sources_search_and_highlighted_article(app):
    app.query_params["q"] = ["overnight train"]
    at = run(app, "views/sources.py")
    results = [h.proto.body for h in at.get("html") if "class='hit'" in h.proto.body]
    assert results and "Blinken and Lammy reach Kyiv by overnight <" not in results[0]
    assert "<b class='hit'>overnight</b> <b class='hit'>train</b>" in results[0]
    at.button(key="hit_0").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="article").value == "2024-09-11-blinken-and-lammy-in-kyiv"
    assert qp(at, "article") == ["2024-09-11-blinken-and-lammy-in-kyiv"]
    text = "".join(h.proto.body for h in at.get("html"))
    assert "<mark>Antony Blinken and David Lammy arrived in Kyiv" in text
    framed = text.split("id='shuttle-hit'>", 1)[1].split("</div>", 1)[0]
    assert "<b class='hit'>train</b>" in framed
    assert qp(at, "hit")
    facts = page_tables(at)[-1]
    assert {"stop", "meeting", "aid"} <= set(facts["Fact"])
    at.text_input(key="q").set_value("Skopje").run()
    assert qp(at, "q") == ["Skopje"]


def test_article_text_is_escaped(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / f"{HOSTILE_ID}.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = build([folder], tmp_path / "hostile.duckdb").db
    monkeypatch.setenv("SHUTTLE_DB", str(db))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["article"] = [HOSTILE_ID]
    at = run(at, "views/sources.py")
    html = "".join(h.proto.body for h in at.get("html"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html and "<script>" not in html
    subheaders = " ".join(s.value for s in at.subheader)
    assert "\\<script\\>" in subheaders  # the title, made inert for markdown


# -- the database itself -------------------------------------------------------------------

def test_an_unbuildable_database_shows_an_error_not_a_traceback(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SHUTTLE_DB", str(blocker / "shuttle.duckdb"))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.error and "No database at" in at.error[0].value.replace("\\", "")


def test_an_unreadable_database_shows_an_error_not_a_traceback(tmp_path, monkeypatch):
    garbage = tmp_path / "shuttle.duckdb"
    garbage.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("SHUTTLE_DB", str(garbage))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.error and "cannot be read" in at.error[0].value


def test_a_database_without_marts_says_so(tmp_path, monkeypatch):
    import duckdb

    path = tmp_path / "raw-only.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table articles (id varchar)")
    con.close()
    monkeypatch.setenv("SHUTTLE_DB", str(path))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception
    assert "has no stops" in at.error[0].value


def test_a_database_from_an_earlier_version_asks_for_a_rebuild(tmp_path, monkeypatch,
                                                              fixture_db):
    import shutil

    import duckdb

    path = tmp_path / "old.duckdb"
    shutil.copy(fixture_db, path)
    con = duckdb.connect(str(path))
    con.execute("alter table stops drop column evidence_count")
    con.close()
    monkeypatch.setenv("SHUTTLE_DB", str(path))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.run()
    assert not at.exception
    assert "earlier version" in at.error[0].value
    assert "stops\\.evidence\\_count" in at.error[0].value  # markdown-escaped
