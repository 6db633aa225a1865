"""Article text that deck.gl's JSON converter would read as code (issue 20, item 1): a
sentence starting "@@=" is an expression to it, "@@#" a constant, "@@function" a call.
Articles whose whole body is such a sentence are built by the real ETL; Routes and People
draw their map (no error box, the dots on the canvas) and the tooltip shows the sentence as
the article wrote it."""

from __future__ import annotations

import pytest

from etl.build import build
from tests.browser.conftest import screenshot, start_server
from tests.browser.maptools import (
    DeckSpy,
    canvas_box,
    canvas_pixels_once,
    layer,
    near,
    on_canvas,
    open_drawn_map,
)
from ui.inert import JOINER

pytestmark = pytest.mark.browser

# (marker, city, lat, lon): one article each, so each sentence has a dot of its own
ARTICLES = [("@@=x", "Nairobi", -1.2833, 36.8167), ("@@#x", "Addis Ababa", 9.025, 38.7469),
            ("@@function", "Kampala", 0.3163, 32.5822)]


def sentence(marker: str, city: str) -> str:
    return f"{marker} Wang Yi arrived in {city} on Monday for talks with officials."


@pytest.fixture(scope="module")
def inert_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inert")
    articles = folder / "articles"
    articles.mkdir()
    for day, (marker, city, _, _) in enumerate(ARTICLES, start=4):
        slug = city.lower().replace(" ", "-")
        (articles / f"2024-03-{day:02d}-wang-yi-{slug}.md").write_text(
            f"---\nid: 2024-03-{day:02d}-wang-yi-{slug}\ntitle: Wang Yi visits {city}\n"
            f"source: Inert Test Wire\npublished: 2024-03-{day:02d}\n---\n"
            f"{sentence(marker, city)}\n", encoding="utf-8")
    db = folder / "inert.duckdb"
    report = build([articles], db)
    assert not report.skipped, report.summary()
    yield from start_server(db, folder)


@pytest.mark.parametrize("path", ["route-map?diplomat=Wang+Yi", "diplomats?person=Wang+Yi"])
def test_expression_markers_in_articles_stay_text_on_the_map(inert_server, browser, path):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: msg.type == "error" and "deck" in msg.text.lower()
            and errors.append(msg.text))
    spy = DeckSpy(page)
    try:
        open_drawn_map(page, f"{inert_server}/{path}", "sentences behind")
        assert page.locator("[data-testid='stException']").count() == 0
        chart = page.locator("[data-testid='stDeckGlJsonChart']").first
        assert "Error" not in chart.inner_text()  # deck.gl's red box names the error
        spec = spy.last()
        box = canvas_box(page)
        stops = {s["where"].split(",")[0]: s for s in layer(spec, "stops")}
        assert set(stops) == {city for _, city, _, _ in ARTICLES}
        at = {city: on_canvas(spec, dot["position"], box) for city, dot in stops.items()}

        def inked(pixels, city: str) -> bool:
            dot = stops[city]
            return near(pixels, *at[city], dot["radius"] + 1, dot["fill"]) >= 3

        pixels = canvas_pixels_once(page, lambda px: all(inked(px, c) for c in stops))
        for marker, city, _, _ in ARTICLES:
            assert inked(pixels, city), city
            x, y = at[city]
            page.mouse.move(box["x"] + 2, box["y"] + 2)
            page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
            tooltip = page.locator(".deck-tooltip")
            tooltip.wait_for(state="visible", timeout=15_000)
            shown = tooltip.inner_text()
            assert sentence(marker, city) in shown.replace(JOINER, ""), shown
            assert "Wang Yi" in shown
        screenshot(page, f"inert-{path.split('?')[0]}", full=False)
        assert errors == [], errors
    finally:
        context.close()
