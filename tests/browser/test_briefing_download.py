"""The briefing downloads in a real browser: the Briefing page's PPTX deck and a page's slide
PNG, rendered by the server on the click and opened here as an analyst would open them."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation

from tests.browser.conftest import screenshot, wait_for_app
from ui import db, export

pytestmark = pytest.mark.browser

RENDER_TIMEOUT = 180_000  # ms: chromium starts and renders every slide on the click


def open_page(page, url: str, text: str) -> None:
    """Load `url` and wait for `text`; no "Page not found" notice may be over the page."""
    page.goto(url)
    wait_for_app(page, text)
    assert page.get_by_text("Page not found").count() == 0, url


def test_briefing_page_downloads_a_deck(server, page, tmp_path, browser_db):
    open_page(page, f"{server}/", "Stops and the sentences behind them")
    open_page(page, f"{server}/briefing-slides?diplomat=Antony+Blinken",
              "Download deck (PPTX)")
    assert page.get_by_role("heading", name="Briefing", exact=True).is_visible()
    # The list of slides states the key figures before anything is rendered.
    con = db.cursor(db.open_handle(browser_db))
    routes = export.build_routes(con, export.cli_filters(con, ["Antony Blinken"], None, None))
    con.close()
    assert page.get_by_text(f"Routes: {routes.caption}").first.is_visible()

    with page.expect_download(timeout=RENDER_TIMEOUT) as info:
        page.get_by_role("button", name="Download deck (PPTX)").click()
    download = info.value
    assert download.suggested_filename.startswith("shuttle-briefing-")
    assert download.suggested_filename.endswith(".pptx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    deck = Presentation(str(path))
    assert len(deck.slides) == 4  # title, routes, aid, casualties (the default views)
    cover = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Diplomats: Antony Blinken" in cover
    # one title per slide, the first text on it: the view and its filters
    titles = [next(s.text_frame.text for s in slide.shapes if s.has_text_frame)
              for slide in list(deck.slides)[1:]]
    assert [t.split(" ")[0] for t in titles] == ["Routes", "Aid", "Casualty"], titles
    map_slide, aid, casualties = list(deck.slides)[1:]
    pictures = [s for s in map_slide.shapes if s.shape_type == 13]
    assert len(pictures) == 1  # the map, drawn by deck.gl as on the page
    with Image.open(io.BytesIO(pictures[0].image.blob)) as im:
        assert im.size == tuple(2 * n for n in export.slides.MAP_PICTURE)
    for slide in (aid, casualties):  # native charts, editable in PowerPoint
        assert [s for s in slide.shapes if s.shape_type == 13] == []
        assert any(s.has_chart for s in slide.shapes)
    for slide in list(deck.slides)[1:]:
        assert "Sources (" in slide.notes_slide.notes_text_frame.text

    page.get_by_text("Preview the slides").click()
    page.locator("[data-testid='stImage'] img").nth(2).wait_for(state="visible",
                                                                 timeout=RENDER_TIMEOUT)
    wait_for_app(page)
    screenshot(page, "briefing")
    assert page.console_errors == [], page.console_errors


def test_routes_page_downloads_a_slide_png(server, page, tmp_path):
    open_page(page, f"{server}/", "Stops and the sentences behind them")
    with page.expect_download(timeout=RENDER_TIMEOUT) as info:
        page.get_by_role("button", name="Download slide (PNG)").click()
    download = info.value
    assert download.suggested_filename == "shuttle-routes.png"
    path = tmp_path / "routes.png"
    download.save_as(path)
    with Image.open(path) as im:
        assert im.format == "PNG" and im.size == (1920, 1080)
        colours = im.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 200  # a map, not a blank page
    assert page.console_errors == [], page.console_errors
