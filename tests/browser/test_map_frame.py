"""The routes map in a real browser at a 1280x800 laptop and a 1920x1080 screen: the view
holds every stop it draws, the legend shows without scrolling (on the root page), a single
stop comes with its region (on the one-stop view), a diplomat keeps one colour on every
page and slide, and the playback draws a trip's legs in the order they were travelled.

The decks are read off the websocket as the browser received them (tests/browser/
maptools.py), and every position computed from them is checked against the canvas's own
pixels, so a wrong projection or a mark drawn elsewhere fails as surely as a bad fit.
"""

from __future__ import annotations

import io
import time
from datetime import date

import duckdb
import numpy as np
import pytest
from PIL import Image
from pptx import Presentation

from tests.browser.conftest import screenshot, wait_for_app
from tests.browser.maptools import (
    DeckSpy,
    canvas_box,
    canvas_pixels_once,
    layer,
    near,
    on_canvas,
    open_drawn_map,
)
from ui import basemap, builders, maps, marks
from ui.scope import Filters

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1920, 1080)]
SIZE_IDS = ["laptop-1280x800", "screen-1920x1080"]
# What no viewport changes (the colours the server gives, the slide and deck it renders at
# 1920x1080 whatever the screen, the order a playback draws) is checked at one size; the
# fit, the legend and the region, which are about layout, at both.
LAPTOP = pytest.mark.parametrize("sized", [SIZES[0]], ids=[SIZE_IDS[0]], indirect=True)
SCREEN = pytest.mark.parametrize("sized", [SIZES[1]], ids=[SIZE_IDS[1]], indirect=True)
VIEWS = {
    "all": ("/", "Stops and the sentences behind them"),
    "blinken-2023": ("/route-map?diplomat=Antony+Blinken&years=2023&years=2023",
                     "Stops and the sentences behind them"),
    "one-stop": ("/route-map?diplomat=Xi+Jinping", "Stops and the sentences behind them"),
    "people": ("/diplomats?person=Antony+Blinken", "Itinerary and the sentences behind it"),
}
KERRY = "John Kerry"


@pytest.fixture(params=SIZES, ids=SIZE_IDS)
def sized(browser, request):
    """A page at one of SIZES that records page errors and the decks it is sent."""
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, accept_downloads=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    page.spy = DeckSpy(page)
    page.size = (width, height)
    yield page
    context.close()


def open_map(page, url: str, text: str) -> dict:
    open_drawn_map(page, url, text)
    return page.spy.last()


def tag(page) -> str:
    return f"{page.size[0]}x{page.size[1]}"


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_view_holds_every_stop_it_draws(server, sized, view):
    """Each view at each size holds every stop it draws; the root page (everyone) is also
    where the legend and the map show without scrolling, and the one-stop view where a
    single stop comes with its region: those are checked on the page this test opened, as
    they were on a page of their own (the same address and size, drawn the same way)."""
    path, text = VIEWS[view]
    spec = open_map(sized, f"{server}{path}", text)
    if view == "all":  # first, as on a page opened for it: the checks below scroll a little
        legend_and_map_show_without_scrolling(sized)
    box = canvas_box(sized)
    stops = layer(spec, "stops")
    assert stops, view

    def inked(pixels, stop: dict) -> bool:
        ink = stop["line"] if stop["hollow"] else stop["fill"]
        x, y = on_canvas(spec, stop["position"], box)
        return near(pixels, x, y, stop["radius"] + 1, ink) >= 3

    pixels = canvas_pixels_once(sized, lambda px: all(inked(px, s) for s in stops))
    for stop in stops:
        x, y = on_canvas(spec, stop["position"], box)
        r = stop["radius"]
        assert r <= x <= box["width"] - r and r <= y <= box["height"] - r, (
            f"{stop['who']} at {stop['where']} is drawn at ({x:.0f}, {y:.0f}), outside the "
            f"{box['width']:.0f}x{box['height']:.0f} map")
        assert inked(pixels, stop), (
            f"no {stop['who']} dot at {stop['where']} where the view puts it")
    for name in layer(spec, "place-names"):
        x, y = on_canvas(spec, name["position"], box)
        assert 0 <= x <= box["width"] and 0 <= y <= box["height"], name["text"]
    screenshot(sized, f"map-{view}-{tag(sized)}", full=False)
    if view == "one-stop":
        a_single_stop_is_shown_with_its_region(sized, spec)
    assert sized.errors == []


def legend_and_map_show_without_scrolling(sized) -> None:
    """The legend shows without scrolling, nothing is scrolled, and on a 1080p screen the
    whole map is above the fold (was test_the_legend_and_the_map_show_without_scrolling,
    which opened "/" at each size again for this alone)."""
    width, height = sized.size
    legend = sized.locator("[data-testid='stHtml']").filter(has_text="took place").first
    assert legend.is_visible()
    found = legend.bounding_box()
    assert found["y"] >= 0 and found["y"] + found["height"] <= height, found
    scrolled = sized.evaluate("() => Math.max(...[...document.querySelectorAll('section, "
                              "main, div')].map(e => e.scrollTop))")
    assert scrolled == 0
    if height >= 1080:  # on a 1080p screen the whole map is above the fold too
        box = canvas_box(sized)
        assert box["y"] + box["height"] <= height, box
    legend.screenshot(path=str(screenshot(sized, f"legend-{tag(sized)}", full=False)))


def a_single_stop_is_shown_with_its_region(sized, spec: dict) -> None:
    """One stop, a view no closer than MAX_FIT_ZOOM, and more than its own country shown,
    in the shapes and in the canvas's shades (was test_a_single_stop_is_shown_with_its_region,
    which opened the one-stop view at each size again for this alone)."""
    assert len(layer(spec, "stops")) == 1
    view = spec["initialViewState"]
    assert view["zoom"] <= maps.MAX_FIT_ZOOM
    # Countries on the map, from its shapes: more than the one the stop is in.
    box = canvas_box(sized)
    shown = set()
    for feature in basemap.countries_geojson()["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for lon, lat in polygon[0]:
                x, y = on_canvas(spec, [lon, lat], box)
                if 0 <= x <= box["width"] and 0 <= y <= box["height"]:
                    shown.add(feature["properties"].get("name", id(feature)))
                    break
    assert len(shown) >= 2, shown
    # And on the canvas: at least two of the land's shades cover a good part of it.
    def shades(pixels) -> list[int]:
        flat = pixels.reshape(-1, 3)
        return [int((np.abs(flat - np.array(tint)).sum(axis=1) <= 3).sum())
                for tint in basemap.LAND_TINTS]

    def covers(pixels) -> bool:
        return sum(n > 0.02 * pixels.shape[0] * pixels.shape[1] for n in shades(pixels)) >= 2

    pixels = canvas_pixels_once(sized, covers)
    assert covers(pixels), shades(pixels)
    screenshot(sized, f"map-one-stop-region-{tag(sized)}", full=False)


def legend_colour(page, name: str) -> str:
    """The background of the legend swatch before `name`, as #rrggbb."""
    rgb = page.evaluate("""(name) => {
      for (const el of document.querySelectorAll("[data-testid='stHtml'] span")) {
        if (el.children.length === 0 && el.textContent.startsWith(name)) {
          const swatch = el.previousElementSibling;
          return swatch ? getComputedStyle(swatch).backgroundColor : null;
        }
      }
      return null; }""", name)
    assert rgb, f"no legend entry for {name}"
    parts = [int(p) for p in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    return "#" + "".join(f"{p:02X}" for p in parts)


def dot_colours(spec: dict, name: str) -> set[str]:
    return {"#" + "".join(f"{c:02X}" for c in stop["colour"][:3])
            for stop in layer(spec, "stops") if stop["who"] == name}


def ink_count(png: bytes, colour: str) -> int:
    with Image.open(io.BytesIO(png)) as im:
        pixels = np.asarray(im.convert("RGB"), dtype=np.int16)
    return int((np.abs(pixels - np.array(marks.hex_to_rgb(colour))).sum(axis=2) < 30).sum())


@SCREEN
def test_a_diplomat_keeps_one_colour_on_every_page_and_slide(server, sized, browser_db,
                                                              tmp_path):
    con = duckdb.connect(str(browser_db), read_only=True)
    expected = builders.route_colours(con, [KERRY])[KERRY]
    con.close()
    seen = {}
    for where, url, text in (
            ("routes, everyone", "/", "Stops and the sentences behind them"),
            ("routes, Kerry alone", f"/route-map?diplomat={KERRY.replace(' ', '+')}",
             "Stops and the sentences behind them"),
            ("routes, Kerry and Blinken in 2014",
             f"/route-map?diplomat={KERRY.replace(' ', '+')}&diplomat=Antony+Blinken"
             "&years=2014&years=2014", "Stops and the sentences behind them"),
            ("people", f"/diplomats?person={KERRY.replace(' ', '+')}",
             "Itinerary and the sentences behind it")):
        spec = open_map(sized, f"{server}{url}", text)
        seen[f"{where}: legend"] = legend_colour(sized, KERRY)
        seen[f"{where}: dots"] = "/".join(sorted(dot_colours(spec, KERRY)))
    assert set(seen.values()) == {expected}, seen

    # The slide the People page exports draws the map in the same colour.
    with sized.expect_download(timeout=240_000) as info:
        sized.get_by_role("button", name="Download slide (PNG)").click()
    png = (tmp_path / "slide.png")
    info.value.save_as(png)
    assert ink_count(png.read_bytes(), expected) > 300

    sized.goto(f"{server}/briefing-slides?diplomat={KERRY.replace(' ', '+')}"
               "&brief_views=routes")
    wait_for_app(sized, "Download deck (PPTX)")
    with sized.expect_download(timeout=240_000) as info:
        sized.get_by_role("button", name="Download deck (PPTX)").click()
    path = tmp_path / "deck.pptx"
    info.value.save_as(path)
    routes = Presentation(str(path)).slides[1]
    shapes = list(routes.shapes)
    label = next(i for i, s in enumerate(shapes)
                 if s.has_text_frame and s.text_frame.text == KERRY)
    oval = shapes[label - 1]
    assert str(oval.fill.fore_color.rgb) == expected.lstrip("#")
    picture = next(s for s in shapes if s.shape_type == 13)
    assert ink_count(picture.image.blob, expected) > 300


def _trip_in_date_order(con, f: Filters) -> list[tuple[str, str, date]]:
    """(where, status, day) of the legs of the view's longest trip, in date order."""
    view = builders.routes_view(con, f)
    legs = view.legs
    trip = legs.groupby("trip_id").size().sort_values(ascending=False).index[0]
    mine = legs[legs["trip_id"] == trip].sort_values(["travel_day", "seq"])
    return [(f"{r.from_place} → {r.to_place}", str(r.status), r.travel_day.date()
             if hasattr(r.travel_day, "date") else r.travel_day)
            for r in mine.itertuples()]


@LAPTOP
def test_playback_draws_a_trips_legs_in_date_order(server, sized, browser_db):
    from ui import db

    con = db.cursor(db.open_handle(browser_db))
    f = Filters(diplomats=("Antony Blinken",), years=(2023, 2023),
                year_bounds=(2023, 2023))
    trip = _trip_in_date_order(con, f)
    con.close()
    assert len({day for _, _, day in trip}) >= 3, trip  # enough days to show an order

    path = "/route-map?diplomat=Antony+Blinken&years=2023&years=2023"
    open_map(sized, f"{server}{path}", "Travelled by")
    sized.get_by_role("button", name="Play").click()
    start = len(sized.spy.decks)
    moments: list[str] = []
    deadline = time.monotonic() + 60  # a poll, not a timing: each step is one rerun
    while time.monotonic() < deadline:
        caption = sized.locator("[data-testid='stCaptionContainer']").filter(
            has_text="Travelled by").first
        if caption.count():
            text = caption.inner_text().split(":")[0]
            if not moments or moments[-1] != text:
                moments.append(text)
                if len(moments) == 3:
                    screenshot(sized, f"playback-early-{tag(sized)}", full=False)
        drawn = [layer(d, "legs") for d in sized.spy.decks[start:]]
        if drawn and all(w in {x["where"] for x in drawn[-1]} for w, _, _ in trip):
            break
        sized.wait_for_timeout(300)
    pause = sized.get_by_role("button", name="Pause")
    if pause.count():  # a playback that reached its last step has ended by itself
        pause.click()
    wait_for_app(sized)
    screenshot(sized, f"playback-paused-{tag(sized)}", full=False)

    decks = sized.spy.decks[start:]
    wheres = [w for w, _, _ in trip]
    shown = []
    for spec in decks:
        on_map = {(x["where"]) for x in layer(spec, "legs")}
        drawn = [w for w in wheres if w in on_map]
        # what is drawn is everything travelled up to some day, nothing after it
        days = [day for w, _, day in trip if w in drawn]
        if days:
            last = max(days)
            assert drawn == [w for w, _, day in trip if day <= last], (drawn, trip)
        shown.append(len(drawn))
    assert shown == sorted(shown), shown  # legs appear, never vanish, while playing
    assert len(set(shown)) >= 3 and shown[-1] == len(trip), shown
    dates = [date.fromisoformat(iso) for iso in map(_iso, moments) if iso]
    assert dates == sorted(dates) and len(dates) >= 3, moments

    # The moment is in the address: reloading it draws the same legs, hovering one names it.
    url = sized.url
    assert "at=" in url
    spec = open_map(sized, url, "Travelled by")
    assert {x["where"] for x in layer(spec, "legs")} >= set(wheres)
    box = canvas_box(sized)
    route = next(x for x in layer(spec, "legs") if x["where"] == wheres[0])
    x, y = on_canvas(spec, route["path"][len(route["path"]) // 2], box)
    sized.mouse.move(box["x"] + 3, box["y"] + 3)
    sized.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    tooltip = sized.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=15_000)
    assert wheres[0] in tooltip.inner_text()
    screenshot(sized, f"playback-end-{tag(sized)}", full=False)


def _iso(caption: str) -> str:
    """'Travelled by 8 Nov 2023' -> '2023-11-08'."""
    words = caption.replace("Travelled by", "").split()
    if len(words) != 3:
        return ""
    day, month, year = words
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec"]
    return f"{year}-{months.index(month) + 1:02d}-{int(day):02d}"

