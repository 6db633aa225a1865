"""Briefing export against the database built from the fixture articles: slide PNGs rendered
by kaleido with Debian's chromium, the PPTX opened with python-pptx, and the command line for
both outputs.

Rendering needs chromium; without it these tests skip (the browser tests do the same).
"""

from __future__ import annotations

import io
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
    spec = slide.figure.to_plotly_json()["layout"]
    assert spec["width"] == 1920 and spec["height"] == 1080
    assert "Routes of Antony Blinken" in spec["title"]["text"]
    source = [a["text"] for a in spec["annotations"] if a["text"].startswith("Source:")]
    assert source == [export.esc(export.source_line(slide.articles,
                                                    "Basemap: Natural Earth."))]
    assert f"{behind} articles from" in source[0]


def test_no_text_on_a_slide_is_small(con, filters):
    """Every font size set anywhere in a slide's figure is at least MIN_FONT px."""
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

    for slide in slides:
        found = list(sizes(slide.figure.to_plotly_json()["layout"]))
        found += [t["textfont"]["size"] for t in slide.figure.to_plotly_json()["data"]
                  if t.get("textfont", {}).get("size")]
        assert found and min(found) >= export.MIN_FONT, (slide.view, sorted(found)[:5])


def test_the_route_map_needs_no_topojson(con, filters):
    """plotly.js fetches a topojson from a CDN only for its built-in layers or a trace with
    locationmode; the static map uses neither."""
    fig = export.build_routes(con, filters).figure.to_plotly_json()
    geo = fig["layout"]["geo"]
    for layer in ("land", "coastlines", "countries", "ocean", "lakes", "rivers", "subunits"):
        assert geo.get(f"show{layer}") is False, layer
    assert all("locationmode" not in trace and "locations" not in trace for trace in fig["data"])
    assert fig["data"][0]["fill"] == "toself"  # the bundled land shapes


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


def test_map_window_fills_the_box():
    (lon0, lon1), (lat0, lat1) = export.map_window([38.9, 50.45], [-77.0, 30.5], aspect=2.0)
    assert lon0 < -77.0 < 30.5 < lon1
    assert lat0 < 38.9 < 50.45 < lat1


def test_views_are_checked():
    assert export.parse_views("person,routes") == ["person", "routes"]
    with pytest.raises(Exception, match="unknown view"):
        export.parse_views("routes,weather")


# -- rendered: kaleido and chromium --------------------------------------------------------------

@needs_chromium
def test_deck_has_a_title_slide_and_one_picture_slide_per_view(con, filters):
    slides, omitted = export.build_slides(con, filters, ["routes", "aid", "casualties",
                                                         "person"])
    assert omitted == []
    deck = Presentation(io.BytesIO(export.build_deck(slides, filters,
                                                     today=date(2026, 11, 23))))
    assert len(deck.slides) == 5
    assert (deck.slide_width, deck.slide_height) == (Emu(12191695), Emu(6858000))

    cover = deck.slides[0]
    assert cover.shapes.title.text == "Diplomatic routes, aid and casualties"
    cover_text = "\n".join(s.text_frame.text for s in cover.shapes if s.has_text_frame)
    assert "Briefing of 23 Nov 2026" in cover_text
    assert "Diplomats: Antony Blinken" in cover_text and "Years: 2014-2024" in cover_text

    titles = [s.shapes.title.text for s in list(deck.slides)[1:]]
    assert titles == [s.headline for s in slides]
    assert [t.split(":")[0] for t in titles] == ["Routes", "Aid", "Casualties", "Itinerary"]
    assert titles[0].startswith("Routes: ") and route_caption_start(con, BLINKEN) in titles[0]

    means = []
    for slide, page in zip(slides, list(deck.slides)[1:], strict=True):
        pictures = [s for s in page.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        assert len(pictures) == 1
        means.append(assert_not_blank(pictures[0].image.blob).mean())
        notes = page.notes_slide.notes_text_frame.text
        assert f"Sources ({len(slide.articles)} article" in notes
        for r in slide.articles.itertuples():
            assert r.title in notes and r.outlet in notes
    assert len({round(m, 1) for m in means}) == 4  # four different pictures
    notes = list(deck.slides)[1].notes_slide.notes_text_frame.text
    assert "Blinken arrives in Skopje after two days of NATO talks" in notes


@needs_chromium
def test_slide_png_draws_the_map_in_the_okabe_ito_colours(con, filters):
    png = export.slide_png(export.build_routes(con, filters))
    pixels = assert_not_blank(png)
    blue = np.array([0, 114, 178])  # Blinken's Okabe-Ito blue
    close = np.abs(pixels - blue).sum(axis=2) < 30
    assert close.sum() > 2000, "Blinken's legs and stops are drawn in blue"
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
    assert route_caption_start(con, BLINKEN) in deck.slides[1].shapes.title.text

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
