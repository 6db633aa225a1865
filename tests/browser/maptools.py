"""Helpers for the map tests in a real browser: the decks the server sent (read off the
websocket, as the browser received them), where a mark lands on the drawn canvas, and the
canvas's own pixels."""

from __future__ import annotations

import io
import json

import numpy as np
from PIL import Image
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from ui import maps

DECK = "[data-testid='stDeckGlJsonChart']"


class DeckSpy:
    """Every deck.gl JSON the page's server sends, in the order received.

    A message the browser already holds (10 KB or more, sent in one of the last runs) comes
    again only as a reference to its hash: a playback's last step redraws the whole map sent
    before it started, so references are resolved to the decks they name."""

    def __init__(self, page) -> None:
        self.decks: list[dict] = []
        self._by_hash: dict[str, dict] = {}
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if isinstance(payload, str):
            return
        msg = ForwardMsg.FromString(payload)
        if msg.WhichOneof("type") == "ref_hash":
            if msg.ref_hash in self._by_hash:
                self.decks.append(self._by_hash[msg.ref_hash])
            return
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        if element.WhichOneof("type") == "deck_gl_json_chart":
            deck = json.loads(element.deck_gl_json_chart.json)
            if msg.hash:
                self._by_hash[msg.hash] = deck
            self.decks.append(deck)

    def last(self) -> dict:
        assert self.decks, "the server sent no map"
        return self.decks[-1]


def layer(spec: dict, layer_id: str) -> list[dict]:
    """The data of one layer of a deck spec ([] when the deck has no such layer)."""
    found = [x for x in spec["layers"] if x["id"] == layer_id]
    return found[0]["data"] if found else []


def dot_at(spec: dict, lat: float, lon: float, who: str | None = None) -> dict:
    """The stop record of a person (`who` in its name, or the first) at the place (lat, lon):
    several people at one place stand apart on a ring round it, so a test hovers the dot's
    own position, not the place's."""
    dots = [d for d in layer(spec, "stops")
            if abs(d["anchor"][0] - lon) < 0.05 and abs(d["anchor"][1] - lat) < 0.05
            and (who is None or who in d["who"])]
    assert dots, (lat, lon, who)
    return dots[0]


def canvas_box(page) -> dict:
    canvas = page.locator(f"{DECK} canvas").first
    canvas.wait_for(state="visible", timeout=60_000)
    return canvas.bounding_box()


def on_canvas(spec: dict, lonlat: list[float], box: dict) -> tuple[float, float]:
    """Where [lon, lat] lands on a canvas of `box`'s size under the deck's opening view."""
    view = spec["initialViewState"]
    return maps.project(_view(view), lonlat[1], lonlat[0], box["width"], box["height"])


def _view(view: dict):
    import pydeck as pdk

    return pdk.ViewState(latitude=view["latitude"], longitude=view["longitude"],
                         zoom=view["zoom"])


def canvas_pixels(page) -> np.ndarray:
    """The map canvas as an RGB array (a screenshot of its element)."""
    png = page.locator(f"{DECK} canvas").first.screenshot()
    with Image.open(io.BytesIO(png)) as im:
        return np.asarray(im.convert("RGB"), dtype=np.int16)


def canvas_pixels_once(page, ready, *, timeout: float = 30_000) -> np.ndarray:
    """The canvas's pixels once `ready(pixels)` holds, or the last ones read when `timeout`
    ms pass: deck.gl can draw a layer a few frames after the canvas first holds ink (the
    land before the dots, on a loaded machine), so a test reading a mark's pixels waits for
    them. A wait, never a check: the caller asserts on what it returns."""
    waited = 0.0
    pixels = canvas_pixels(page)
    while waited < timeout and not ready(pixels):
        page.wait_for_timeout(250)
        waited += 250
        pixels = canvas_pixels(page)
    return pixels


def open_drawn_map(page, url: str, text: str) -> None:
    """Open a page with a map and wait until it is drawn: the map's canvas is there, the
    script's run has ended (the waits of wait_for_app), the canvas holds ink, and then what
    the window shows stops changing (one settle, after all of those: the settle that
    wait_for_app makes before the ink was there was a second one)."""
    from tests.browser.conftest import wait_for_run

    page.goto(url)
    page.get_by_text(text, exact=False).first.wait_for(state="visible", timeout=45_000)
    canvas_box(page)
    wait_for_run(page, text)
    wait_until_drawn(page)


def wait_until_drawn(page, *, timeout: float = 30_000) -> None:
    """Wait until the map's canvas holds ink (deck.gl can leave it blank, and so steady, for
    longer than a settle's few frames on a loaded machine), then until it stops changing.
    A wait, never a check: the test's own assertions follow."""
    from tests.browser.conftest import settle

    waited = 0.0
    while waited < timeout and not _visible_ink(page):
        page.wait_for_timeout(200)
        waited += 200
    settle(page)


def _visible_ink(page) -> bool:
    """Whether the part of the map's canvas inside the window is not blank. Read off a
    screenshot of the window, not of the element, which would scroll the page."""
    box = page.locator(f"{DECK} canvas").first.bounding_box()
    size = page.viewport_size
    if not box or not size:
        return False
    with Image.open(io.BytesIO(page.screenshot(full_page=False))) as im:
        window = np.asarray(im.convert("RGB"), dtype=np.int16)
    x0, y0 = max(0, int(box["x"])), max(0, int(box["y"]))
    x1 = min(size["width"], int(box["x"] + box["width"]))
    y1 = min(size["height"], int(box["y"] + box["height"]))
    return x1 > x0 and y1 > y0 and bool((window[y0:y1, x0:x1] < 235).any())


def near(pixels: np.ndarray, x: float, y: float, radius: float, rgb: list[int],
         tolerance: int = 40) -> int:
    """How many pixels within `radius` of (x, y) are within `tolerance` of `rgb`."""
    h, w, _ = pixels.shape
    x0, x1 = max(0, int(x - radius)), min(w, int(x + radius) + 1)
    y0, y1 = max(0, int(y - radius)), min(h, int(y + radius) + 1)
    patch = pixels[y0:y1, x0:x1]
    return int((np.abs(patch - np.array(rgb[:3])).sum(axis=2) < tolerance).sum())
