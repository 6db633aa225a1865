"""Briefing export against the database built from the fixture articles: slide PNGs rendered
by kaleido with Debian's chromium, the PPTX opened with python-pptx, and the command line for
both outputs.

Rendering needs chromium; without it these tests skip (the browser tests do the same).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from ui import db, export
from ui.filters import Filters

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("SHUTTLE_CHROMIUM", "/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and shutil.which("chromium") is None,
    reason=f"Debian chromium not found at {CHROMIUM} (apt-get install chromium)",
)
BLINKEN = "Antony Blinken"


@pytest.fixture(scope="module")
def fixture_db(pages_db) -> Path:
    return pages_db


@pytest.fixture(scope="module")
def con(fixture_db):
    connection = db.cursor(db.open_handle(fixture_db))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def filters(con) -> Filters:
    return export.cli_filters(con, [BLINKEN], None, None)


def image(png: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(png)) as im:
        assert im.format == "PNG"
        assert im.size == (export.WIDTH, export.HEIGHT)
        return np.asarray(im.convert("RGB"), dtype=np.int16)


def assert_not_blank(png: bytes) -> np.ndarray:
    """A real slide has text and marks: many distinct colours and a spread of values."""
    pixels = image(png)
    assert pixels.std() > 20, "the image is (nearly) one colour"
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 200
    return pixels


def route_caption_start(con, actor: str) -> str:
    """The start a routes caption must have for `actor`: trips as the caption counts them,
    then the person's stops (cancelled ones hidden) and their countries, counted in SQL."""
    stops, countries = con.execute(
        "select count(*), count(distinct country) from stops "
        "where actor = ? and status <> 'cancelled'", [actor]).fetchone()
    return f"{stops} stops, {countries} countries"


def caption_trips(caption: str) -> int:
    return int(re.match(r"(?:\w+: )?(\d+) trips?, ", caption).group(1))


# -- pure parts: no browser --------------------------------------------------------------------

def test_route_slide_facts_and_sources(con, filters):
    slide = export.build_routes(con, filters)
    # Blinken: Washington, Brussels, Skopje (Nov 2023) ... London, Kyiv (Sep 2024).
    assert route_caption_start(con, BLINKEN) in slide.caption
    assert 1 <= caption_trips(slide.caption) and slide.caption.endswith(" to Sep 2024")
    assert slide.title == "Routes of Antony Blinken, 2014-2024, all but cancelled"
    assert slide.headline == f"Routes: {slide.caption}"
    assert list(slide.articles["outlet"]).count("Fixture Wire") >= 1
    (behind,) = con.execute(
        "select count(distinct article_id) from event_mentions join stops "
        "on event_type = 'stop' and event_id = stop_id "
        "where actor = ? and stops.status <> 'cancelled'", [BLINKEN]).fetchone()
    assert len(slide.articles) == behind
    assert slide.source == export.source_line(slide.articles, "Basemap: Natural Earth.")
    assert f"{behind} articles from" in slide.source


def test_the_slide_map_and_the_page_map_are_one_renderer(con, filters):
    """The slide's map is ui/maps.routes_deck, as on the page: the same layers and dots in
    the same colours, drawn by deck.gl (no second, plotly map)."""
    from ui import builders

    page = builders.routes_view(con, filters)
    slide = export.slide_of(page)
    assert slide.figure is None and slide.deck is not None
    page_spec, slide_spec = (json.loads(d.to_json()) for d in (page.figure, slide.deck))
    assert [x["@@type"] for x in slide_spec["layers"]] == [
        x["@@type"] for x in page_spec["layers"]]

    def dots(spec):
        layer = next(x for x in spec["layers"] if x["id"] == "stops")
        return sorted((d["who"], d["where"], tuple(d["fill"])) for d in layer["data"])

    assert dots(slide_spec) == dots(page_spec)
    # pydeck keeps the tooltip beside the JSON: the page's has one, the still picture none
    assert slide.deck._tooltip is False and page.figure._tooltip["html"]
    assert export.map_picture.deck_bundle().is_file()


def test_no_text_on_a_slide_is_small(con, filters):
    """Every font size set anywhere in a plotly slide's figure is at least MIN_FONT px."""
    slides, _ = export.build_slides(con, filters, export.VIEWS)
    assert [s.view for s in slides] == list(export.VIEWS)

    def sizes(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "size" and isinstance(value, (int, float)) and "font" in str(node):
                    yield value
                if key.endswith("font") and isinstance(value, dict) and "size" in value:
                    yield value["size"]
                yield from sizes(value)
        elif isinstance(node, list):
            for item in node:
                yield from sizes(item)

    for slide in (s for s in slides if s.figure is not None):
        found = list(sizes(slide.figure.to_plotly_json()["layout"]))
        found += [t["textfont"]["size"] for t in slide.figure.to_plotly_json()["data"]
                  if t.get("textfont", {}).get("size")]
        assert found and min(found) >= export.MIN_FONT, (slide.view, sorted(found)[:5])


def test_captions_of_aid_and_casualties(con, filters):
    aid = export.build_aid(con, filters)
    # the packages of named donors, each once, in the filters' years: the caption's count
    (packages,) = con.execute(
        "select count(*) from aid_packages where donor is not null and amount_usd is not null "
        "and day_hi >= '2014-01-01' and day_lo <= '2024-12-31'").fetchone()
    assert aid.caption.startswith("USD ")
    assert f"{packages} packages, counted once at their furthest stage" in aid.caption
    assert "commitments" not in aid.caption
    casualties = export.build_casualties(con, filters)
    # the most reported place: "the conflict in eastern Ukraine has killed at least 4,634"
    assert casualties.title.startswith("Casualty figures, eastern Ukraine")
    # its most reported series and where that series stands at its latest report
    assert casualties.caption.startswith("United Nations, eastern Ukraine: ")
    assert "at least 4,634 killed by" in casualties.caption


def test_views_are_checked():
    assert export.parse_views("person,routes") == ["person", "routes"]
    with pytest.raises(Exception, match="unknown view"):
        export.parse_views("routes,weather")


# -- rendered: kaleido and chromium --------------------------------------------------------------

def texts(page) -> list[str]:
    """Every paragraph of the page's text boxes (the source line and the note share one)."""
    return [p.text for s in page.shapes if s.has_text_frame for p in s.text_frame.paragraphs
            if p.text]


@needs_chromium
def test_deck_has_one_title_per_slide_native_charts_and_map_pictures(con, filters):
    slides, omitted = export.build_slides(con, filters, ["routes", "aid", "casualties",
                                                         "person"])
    assert omitted == []
    deck = Presentation(io.BytesIO(export.build_deck(slides, filters,
                                                     today=date(2026, 11, 23))))
    assert len(deck.slides) == 5
    assert (deck.slide_width, deck.slide_height) == (Emu(12191695), Emu(6858000))
    cover_text = "\n".join(texts(deck.slides[0]))
    assert "Diplomatic routes, aid and casualties" in cover_text
    assert "Briefing of 23 Nov 2026" in cover_text
    assert "Diplomats: Antony Blinken" in cover_text and "Years: 2014-2024" in cover_text

    margin = Emu(457200)  # half an inch on every side
    for slide, page in zip(slides, list(deck.slides)[1:], strict=True):
        found = texts(page)
        # one title: the view's, once, at the top; the key figures, source and note below
        assert found.count(slide.title) == 1 and found[0] == slide.title
        assert slide.caption in found and slide.source in found and slide.note in found
        assert not any(t != slide.title and t.startswith(slide.label + ":") for t in found)
        for shape in page.shapes:
            assert shape.left >= margin and shape.top >= margin * 0.7
            assert shape.left + shape.width <= deck.slide_width - margin + 10
            assert shape.top + shape.height <= deck.slide_height - margin * 0.5
        pictures = [s for s in page.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        chart_shapes = [s for s in page.shapes if s.has_chart]
        if slide.view in ("routes", "person"):
            assert len(pictures) == 1 and chart_shapes == []
            assert_map_picture(pictures[0].image.blob)
        else:
            assert pictures == [] and chart_shapes, slide.view
        notes = page.notes_slide.notes_text_frame.text
        assert f"Sources ({len(slide.articles)} article" in notes
        for r in slide.articles.itertuples():
            assert r.title in notes and r.outlet in notes
    notes = list(deck.slides)[1].notes_slide.notes_text_frame.text
    assert "Blinken arrives in Skopje after two days of NATO talks" in notes

    aid_chart = next(s for s in deck.slides[2].shapes if s.has_chart).chart
    bars = slides[1].data  # the builder's USD per party and status, as the page draws them
    divisor = export.pptx_charts.aid_series(bars)[2]
    categories = list(aid_chart.plots[0].categories)
    # the page's order (largest on top), which PowerPoint draws from the bottom up
    page_order = list(slides[1].figure.layout.yaxis.categoryarray)
    named = [p for p in page_order if not p.startswith("unnamed ")]
    assert [c for c in categories if not c.startswith("unnamed ")] == named
    # a stage's money is its series together: unreviewed, verified, low confidence
    values: dict[str, dict[str, float]] = {}
    for p in aid_chart.plots[0].series:
        status = export.pptx_charts.series_trust(p.name)[0]
        for category, value in zip(categories, p.values, strict=True):
            values.setdefault(status, {})[category] = \
                values.get(status, {}).get(category, 0.0) + (value or 0.0)
    assert set(values) == set(bars["status"])
    for r in bars.itertuples(index=False):
        assert values[r.status][r.party] == pytest.approx(r.usd / divisor, abs=1e-3)

    casualty_charts = [s.chart for s in deck.slides[3].shapes if s.has_chart]
    rows = slides[2].data
    assert len(casualty_charts) == rows["metric"].nunique()
    drawn = sorted(v for c in casualty_charts for p in c.plots[0].series for v in p.values)
    assert drawn == sorted(float(v) for v in rows["value"])


def assert_map_picture(png: bytes) -> None:
    with Image.open(io.BytesIO(png)) as im:
        assert im.size == tuple(2 * n for n in export.slides.MAP_PICTURE)
        pixels = np.asarray(im.convert("RGB"), dtype=np.int16)
    vermillion = np.array([0xD5, 0x5E, 0x00])
    blue = np.array([0x00, 0x72, 0xB2])
    assert ((np.abs(pixels - vermillion).sum(axis=2) < 40).sum()
            + (np.abs(pixels - blue).sum(axis=2) < 40).sum()) > 300
    sea = np.array([236, 242, 247])
    assert (np.abs(pixels - sea).sum(axis=2) < 6).sum() > 20_000, "the sea fills the map"


@needs_chromium
def test_slide_png_draws_the_map_in_the_diplomats_colour(con, filters):
    from ui import builders

    built = builders.routes_view(con, filters)
    png = export.slide_png(export.slide_of(built))
    pixels = assert_not_blank(png)
    colour = np.array(export.hex_to_rgb(built.colours[BLINKEN]))
    close = np.abs(pixels - colour).sum(axis=2) < 30
    assert close.sum() > 2000, "Blinken's legs and stops are drawn in his colour"
    sea = np.array([236, 242, 247])
    assert (np.abs(pixels - sea).sum(axis=2) < 6).sum() > 100_000, "the sea fills the map"


@needs_chromium
def test_cli_writes_the_deck_and_the_png_folder(fixture_db, con, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    deck_path = tmp_path / "weekly" / "briefing.pptx"
    done = subprocess.run(
        [sys.executable, "-m", "ui.export", "--db", str(fixture_db), "--out", str(deck_path),
         "--diplomat", BLINKEN, "--from", "2023", "--to", "2024", "--views", "routes,aid"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr
    deck = Presentation(str(deck_path))
    assert len(deck.slides) == 3
    assert "Years: 2023-2024" in "\n".join(
        s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert route_caption_start(con, BLINKEN) in "\n".join(texts(deck.slides[1]))

    folder = tmp_path / "pngs"
    done = subprocess.run(
        [sys.executable, "-m", "ui.export", "--db", str(fixture_db), "--out", str(folder),
         "--views", "casualties,person"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in folder.iterdir())
    assert written == ["01-casualties.png", "02-person.png"]
    for path in folder.iterdir():
        assert_not_blank(path.read_bytes())


def test_cli_rejects_an_unknown_view_and_a_missing_database(fixture_db, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bad_view = subprocess.run(
        [sys.executable, "-m", "ui.export", "--db", str(fixture_db), "--out",
         str(tmp_path / "x.pptx"), "--views", "weather"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert bad_view.returncode == 2 and "unknown view" in bad_view.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "ui.export", "--db", str(tmp_path / "none.duckdb"), "--out",
         str(tmp_path / "x.pptx")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert missing.returncode == 2 and "No database" in missing.stderr
    assert not (tmp_path / "x.pptx").exists()


def test_briefing_page_lists_the_slides(fixture_db, con, monkeypatch):
    """The Briefing page under AppTest: the default views, their key figures, the button."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SHUTTLE_DB", str(fixture_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["diplomat"] = BLINKEN
    at.run()
    at.switch_page("views/briefing.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.multiselect(key="brief_views").value == ["routes", "aid", "casualties"]
    listed = "\n".join(m.value for m in at.markdown).replace("\\", "")
    routes = export.build_routes(con, export.cli_filters(con, [BLINKEN], None, None))
    assert f"Routes: {routes.caption}" in listed
    casualties = export.build_casualties(con, export.cli_filters(con, [BLINKEN], None, None))
    assert f"Casualties: {casualties.caption}" in listed
    assert "Casualties: United Nations, eastern Ukraine: at least 4,634 killed" in listed
    assert [b.label for b in at.get("download_button")] == ["Download deck (PPTX)"]

    at.multiselect(key="brief_views").set_value(["person"]).run()
    assert at.selectbox(key="brief_person").value == BLINKEN
    listed = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert f"Itinerary: {routes.caption.split(', ')[0]}, " in listed
    assert at.query_params["brief_views"] in ("person", ["person"])


def test_the_exporter_imports_no_streamlit():
    """`python -m ui.export` runs where streamlit's runtime is not wanted (a cron job): the
    package, its builders and their queries must not import it."""
    probe = ("import sys, ui.export, ui.builders, ui.export.cli; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
