"""Slide images at 1920x1080: plotly figures (aid, casualties) to PNG bytes with kaleido,
which drives Debian's chromium (CHROMIUM) without a sandbox (the service runs as root) and
without MathJax (kaleido would fetch it from a CDN); maps drawn by deck.gl in the same
chromium (ui/export/map_picture.py). A small cache renders a repeated figure once."""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import plotly.graph_objects as go

from ui.export.style import HEIGHT, WIDTH

if TYPE_CHECKING:
    from ui.export.slides import Slide

CHROMIUM = os.environ.get("SHUTTLE_CHROMIUM", "/usr/bin/chromium")
RENDER_TIMEOUT = 90  # seconds for one image


_CACHE: OrderedDict[str, bytes] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 32


def _key(fig: go.Figure) -> str:
    return hashlib.sha256(fig.to_json().encode("utf-8")).hexdigest()


async def _render_async(specs: list[dict]) -> list[bytes]:
    import kaleido

    options = dict(n=1, timeout=RENDER_TIMEOUT, mathjax=False, enable_sandbox=False)
    if Path(CHROMIUM).exists():
        options["path"] = CHROMIUM
    async with kaleido.Kaleido(**options) as k:
        return [await k.calc_fig(spec, opts=dict(format="png", width=WIDTH, height=HEIGHT,
                                                  scale=1))
                for spec in specs]


def render_pngs(figures: Sequence[go.Figure]) -> list[bytes]:
    """PNG bytes of each figure at 1920x1080, one chromium for the lot; repeated figures
    come from a small in-process cache (a preview and then the deck render once)."""
    keys = [_key(fig) for fig in figures]
    with _CACHE_LOCK:
        missing = {k: fig for k, fig in zip(keys, figures, strict=True) if k not in _CACHE}
    if missing:
        # kaleido runs its own event loop: give it a thread, so a caller inside a running
        # loop (a server, a notebook) is not disturbed.
        for name in ("choreographer", "kaleido", "logistro"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
        specs = [fig.to_plotly_json() for fig in missing.values()]
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            images = pool.submit(asyncio.run, _render_async(specs)).result()
        with _CACHE_LOCK:
            for key, image in zip(missing, images, strict=True):
                _CACHE[key] = image
                _CACHE.move_to_end(key)
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    with _CACHE_LOCK:
        return [_CACHE[k] for k in keys]


def map_slide_png(slide: Slide) -> bytes:
    """A map slide as one picture: title, key figures, the deck.gl map, legend, source, note."""
    from ui import maps
    from ui.export.map_picture import SCALE, screenshot, slide_html
    from ui.export.slides import MAP_PICTURE

    html = slide_html(slide.deck, title=slide.title, subtitle=slide.caption,
                      legend=maps.legend_html(slide.colours), source=slide.source,
                      note=slide.note, map_size=MAP_PICTURE,
                      size=(WIDTH // SCALE, HEIGHT // SCALE))
    return screenshot(html, WIDTH // SCALE, HEIGHT // SCALE)


def slide_pngs(slides: Sequence[Slide]) -> list[bytes]:
    """PNG bytes of each slide (1920x1080): the plotly ones in one kaleido run."""
    figures = render_pngs([s.figure for s in slides if s.figure is not None])
    out = []
    for slide in slides:
        out.append(figures.pop(0) if slide.figure is not None else map_slide_png(slide))
    return out


def slide_png(slide: Slide) -> bytes:
    """The slide's image as PNG bytes (1920x1080)."""
    return slide_pngs([slide])[0]


def deferred_png(build: Callable[..., Slide], *args: object,
                 **kwargs: object) -> Callable[[], bytes]:
    """A zero-argument callable that builds a slide with `build(*args, **kwargs)` and returns
    its PNG: a download button hands it over and nothing renders until the click."""
    def png() -> bytes:
        return slide_png(build(*args, **kwargs))

    return png


def file_stem(slide: Slide) -> str:
    """A file name for the slide's PNG: 'routes-antony-blinken-2023-2024'."""
    words = "".join(c.lower() if c.isalnum() else "-" for c in slide.title)
    return "-".join(w for w in words.split("-") if w)[:80] or slide.view
