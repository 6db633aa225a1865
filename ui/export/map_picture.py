"""The routes map as a picture, drawn by deck.gl: the same pydeck Deck the dashboard shows
(ui/maps.routes_deck), rendered by headless chromium (CHROMIUM) with the deck.gl bundle that
ships inside the pydeck package, so a slide's map is the dashboard's map and nothing is
fetched from the network.

`slide_html` lays a whole 1920x1080 slide out around the map (title, key figures, legend,
source line, note) for the PNG export; `map_png` draws the map alone for the PPTX deck, whose
text is PowerPoint's own. Text from articles is escaped (ui/escape.esc) before it meets the
HTML, and the deck's JSON is put into the page with every "<" written as \\u003c, so no
string can close the script.
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pydeck as pdk

from ui.basemap import SEA
from ui.escape import esc

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader",
                 "--hide-scrollbars", "--disable-background-networking", "--no-first-run",
                 "--disable-extensions", "--disable-sync", "--mute-audio"]
# virtual time chromium lets pass before the shot: deck.gl parses, draws and settles
DRAW_BUDGET_MS = 8000
RENDER_TIMEOUT_S = 120
SEA_RGB = "rgb({},{},{})".format(*SEA)
# A slide is laid out at half its pixels and drawn twice as large: the map's names, dots and
# lines come out at twice their screen size, legible on a projected slide.
SCALE = 2
_CACHE: dict[str, bytes] = {}


@cache
def deck_bundle() -> Path:
    """pydeck's own deck.gl bundle (its offline copy for notebooks)."""
    path = Path(pdk.__file__).resolve().parent / "nbextension" / "static" / "index.js"
    if not path.is_file():
        raise FileNotFoundError(f"pydeck's deck.gl bundle is missing at {path}")
    return path


def _script_json(deck: pdk.Deck) -> str:
    return deck.to_json().replace("<", "\\u003c").replace("\u2028", "\\u2028") \
        .replace("\u2029", "\\u2029")


def map_div(deck: pdk.Deck, width: int, height: int) -> str:
    """The map's element and the script that draws it, for a page that loads deck_bundle()."""
    return (f"<div id='map' style='position:relative;width:{width}px;height:{height}px;"
            f"background:{SEA_RGB};overflow:hidden'></div>"
            "<script>createDeck({container: document.getElementById('map'), "
            f"jsonInput: {_script_json(deck)}, tooltip: false}});</script>")


def page(body: str, width: int, height: int) -> str:
    """A page of `width` x `height` px holding `body`, with the deck.gl bundle loaded."""
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<script src='{deck_bundle().as_uri()}'></script>"
            f"<style>html,body{{margin:0;width:{width}px;height:{height}px;overflow:hidden;"
            "background:white;font-family:'Source Sans 3','Source Sans Pro',Arial,"
            "sans-serif;color:#111}</style></head>"
            f"<body>{body}</body></html>")


def screenshot(html: str, width: int, height: int, scale: int = SCALE) -> bytes:
    """PNG bytes of `html` laid out at `width` x `height` CSS px by headless chromium, at
    `scale` device pixels per CSS pixel (the picture is scale times as large)."""
    from ui.export.render import CHROMIUM

    key = hashlib.sha256(f"{width}x{height}x{scale}\n{html}".encode()).hexdigest()
    if key in _CACHE:
        return _CACHE[key]
    with tempfile.TemporaryDirectory(prefix="shuttle-map-") as folder:
        source, shot = Path(folder) / "slide.html", Path(folder) / "slide.png"
        source.write_text(html, encoding="utf-8")
        done = subprocess.run(
            [CHROMIUM, *CHROMIUM_ARGS, f"--user-data-dir={folder}/profile",
             f"--window-size={width},{height}", f"--force-device-scale-factor={scale}",
             f"--virtual-time-budget={DRAW_BUDGET_MS}",
             f"--screenshot={shot}", source.as_uri()],
            capture_output=True, timeout=RENDER_TIMEOUT_S, check=False)
        if not shot.exists():
            raise RuntimeError(f"chromium drew no picture (exit {done.returncode}): "
                               + done.stderr.decode(errors="replace")[-400:])
        png = shot.read_bytes()
    if len(_CACHE) > 32:
        _CACHE.clear()
    _CACHE[key] = png
    return png


def map_png(deck: pdk.Deck, width: int, height: int) -> bytes:
    """The map alone as a PNG of `width` x `height` CSS px (SCALE times as many pixels)."""
    return screenshot(page(map_div(deck, width, height), width, height), width, height)


def slide_html(deck: pdk.Deck, *, title: str, subtitle: str, legend: str, source: str,
               note: str, map_size: tuple[int, int], size: tuple[int, int]) -> str:
    """A whole slide around the map, in CSS px (drawn at SCALE): title, key figures, the map,
    legend, source, note. `legend` is HTML built by ui/maps.legend_html (escaped there); the
    rest is plain text."""
    width, height = size
    foot = f"<div style='font-size:11px;color:#444'>{esc(source)}</div>"
    if note:
        foot += f"<div style='font-size:11px;color:#444;margin-top:2px'>{esc(note)}</div>"
    body = (f"<div style='padding:20px 30px 0 30px;width:{width - 60}px'>"
            f"<div style='font-size:20px;font-weight:700;white-space:nowrap;overflow:hidden;"
            f"text-overflow:ellipsis'>{esc(title)}</div>"
            f"<div style='font-size:13px;color:#333;margin:3px 0 8px'>{esc(subtitle)}</div>"
            f"{map_div(deck, *map_size)}"
            f"<div style='margin-top:6px;font-size:11px;zoom:0.72'>{legend}</div>"
            f"<div style='position:absolute;left:30px;bottom:16px;width:{width - 60}px'>"
            f"{foot}</div></div>")
    return page(body, width, height)
