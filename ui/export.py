"""Briefing export: any view as a 1920x1080 slide PNG, a set of views as one PPTX deck.

Pure like charts.py and maps.py (no streamlit): the pages, the Briefing page and the command
line all call the same builders, so a slide shows what the dashboard shows.

- A slide image is a plotly figure at 1920x1080 with a title that states the filters, the
  chart or map, and a source line (articles, outlets, publication dates); no text is smaller
  than MIN_FONT px, so it reads from the back of a meeting room.
- PNGs come from kaleido, which drives Debian's chromium (CHROMIUM) without a sandbox (the
  service runs as root) and without MathJax (kaleido would fetch it from a CDN).
- The routes map is a static plotly geo figure drawn from the same stops and legs as the
  pydeck map, on the bundled Natural Earth shapes drawn as filled scattergeo polygons: with
  every built-in geo layer switched off, plotly.js never fetches its topojson, so nothing
  leaves the machine.
- The deck (python-pptx) has a title slide with the filters and the date, then one slide
  per view: a headline with the key figures, the image, the articles behind it in the notes.

    python -m ui.export --db data/shuttle.duckdb --out briefing.pptx --from 2023 --to 2024
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import copy
import hashlib
import io
import logging
import math
import os
import sys
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go

from etl.countries import country_name
from ui import charts, maps, queries
from ui.escape import esc
from ui.filters import Filters, and_list

WIDTH, HEIGHT = 1920, 1080
TITLE_FONT = 36
TEXT_FONT = 24
TICK_FONT = 22
MIN_FONT = 20  # px at 1920x1080: the smallest text on any slide
CHROMIUM = os.environ.get("SHUTTLE_CHROMIUM", "/usr/bin/chromium")
RENDER_TIMEOUT = 90  # seconds for one image

VIEWS = ("routes", "aid", "casualties", "person")
VIEW_LABELS = {"routes": "Routes", "aid": "Aid", "casualties": "Casualties",
               "person": "Itinerary"}
EVENT_TYPES = {"routes": "stop", "aid": "aid", "casualties": "casualty", "person": "stop"}
MAX_NOTES_ARTICLES = 60  # articles listed in a slide's notes; the rest are counted

SEA = "rgb({},{},{})".format(*maps.SEA)
LAND = "rgb({},{},{})".format(*maps.LAND)


@dataclass(frozen=True)
class Slide:
    """One view ready for a slide: the figure (already at slide size), the key figures and the
    articles behind the marks (columns id, title, outlet, url, published, mentions)."""

    view: str
    title: str
    caption: str
    figure: go.Figure = field(repr=False)
    articles: pd.DataFrame = field(repr=False)

    @property
    def label(self) -> str:
        return VIEW_LABELS.get(self.view, self.view.capitalize())

    @property
    def headline(self) -> str:
        """The deck slide's title: the view and its key figures."""
        return f"{self.label}: {self.caption}" if self.caption else self.label


# -- words and numbers ------------------------------------------------------------------------

def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 stop', '3 stops', '2 countries'.

    >>> plural(1, "trip"), plural(3, "trip"), plural(2, "country", "countries")
    ('1 trip', '3 trips', '2 countries')
    """
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def _day(value: object) -> date | None:
    if value is None or value is pd.NaT:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return pd.Timestamp(value).date()


def period_text(days: Sequence[object]) -> str:
    """The months a set of dates covers: 'Sep 2024', 'Nov 2023 to Sep 2024', or ''.

    >>> period_text([date(2024, 9, 11), date(2024, 9, 12)])
    'Sep 2024'
    >>> period_text([date(2023, 11, 27), None, date(2024, 9, 11)])
    'Nov 2023 to Sep 2024'
    """
    known = sorted(d for d in (_day(v) for v in days) if d is not None)
    if not known:
        return ""
    first, last = known[0], known[-1]
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%b %Y}"
    return f"{first:%b %Y} to {last:%b %Y}"


def day_text(value: object) -> str:
    """'10 Sep 2024' (no leading zero), '' for no date.

    >>> day_text(date(2024, 9, 1)), day_text(None)
    ('1 Sep 2024', '')
    """
    day = _day(value)
    return f"{day:%d %b %Y}".lstrip("0") if day else ""


def wrap_title(text: str, width: int = 88) -> str:
    """Break a long title into lines for plotly (<br>), after escaping it.

    >>> wrap_title("a b c", width=3)
    'a b<br>c'
    """
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width=width)) or esc(text)


# -- the articles behind a view ---------------------------------------------------------------

def articles_behind(con: duckdb.DuckDBPyConnection, event_type: str,
                    event_ids: Sequence[object]) -> pd.DataFrame:
    """The articles that report the given events (stop ids, aid ids, ...), oldest first."""
    ids = [str(i) for i in dict.fromkeys(event_ids) if i is not None and not pd.isna(i)]
    return queries.run(con, "briefing_sources", event_type=event_type, event_ids=ids)


def _outlet(value: object) -> str:
    return value if isinstance(value, str) and value.strip() else "unnamed outlet"


def source_line(articles: pd.DataFrame, extra: str = "") -> str:
    """The slide's source line: how many articles, from which outlets, published when.

    >>> df = pd.DataFrame({"outlet": ["A", "B", "A"],
    ...     "published": [date(2023, 11, 27), date(2024, 9, 10), None]})
    >>> source_line(df, "Basemap: Natural Earth.")[:70]
    'Source: 3 articles from A and B, published 27 Nov 2023 to 10 Sep 2024.'
    """
    n = len(articles)
    if n == 0:
        text = "Source: no articles"
    else:
        outlets = sorted({_outlet(o) for o in articles["outlet"]})
        named = and_list(outlets, many=plural(len(outlets), "outlet"))
        text = f"Source: {plural(n, 'article')} from {named}"
        days = sorted(d for d in (_day(v) for v in articles["published"]) if d)
        if days:
            first, last = day_text(days[0]), day_text(days[-1])
            text += f", published {first}" if first == last else f", published {first} to {last}"
    text += ". Shuttle."
    return f"{text} {extra}".strip() if extra else text


def notes_text(slide: Slide) -> str:
    """The speaker notes: what the slide shows and every article behind it, so whoever
    presents can answer "says who?"."""
    lines = [slide.title, slide.caption, "",
             f"Sources ({plural(len(slide.articles), 'article')}):"]
    for r in slide.articles.head(MAX_NOTES_ARTICLES).itertuples(index=False):
        parts = [day_text(r.published) or "undated", _outlet(r.outlet), str(r.title or r.id)]
        if isinstance(r.url, str) and r.url:
            parts.append(r.url)
        lines.append("- " + " | ".join(parts))
    if len(slide.articles) > MAX_NOTES_ARTICLES:
        lines.append(f"- and {len(slide.articles) - MAX_NOTES_ARTICLES:,} more articles "
                     "(see the Sources page)")
    return "\n".join(lines)


# -- slide styling ------------------------------------------------------------------------------

def _bigger(size: object, factor: float = 1.4) -> int:
    """A font size scaled up from screen to slide, never under MIN_FONT."""
    base = float(size) if isinstance(size, (int, float)) else 16.0
    return max(MIN_FONT, round(base * factor))


MARGIN_X = (70, 60)  # px left and right of the plot


def slide_margins(title: str, *, legend_below: bool = False) -> tuple[int, int]:
    """Top and bottom margins in px: room for the title's lines above the plot, and below
    it for the axis (or a legend of up to three rows) and the source line."""
    lines = wrap_title(title).count("<br>") + 1
    return 64 + 46 * lines, 200 if legend_below else 150


def _bump_fonts(node: object) -> None:
    """Scale every font size in a (template) layout dict up for the slide, in place."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict) and \
                    isinstance(value.get("size"), (int, float)):
                value["size"] = _bigger(value["size"])
            _bump_fonts(value)
    elif isinstance(node, list):
        for item in node:
            _bump_fonts(item)


def slide_figure(fig: go.Figure, *, title: str, source: str, legend_below: bool = False
                 ) -> go.Figure:
    """A dashboard figure restyled for a 1920x1080 slide: fonts scaled up (none below
    MIN_FONT), the title stating the filters, and the source line at the bottom in place of
    the builder's own."""
    out = go.Figure(copy.deepcopy(fig))
    # The house template's screen sizes (14-16 px) would still apply wherever the layout
    # sets none: scale the template itself.
    template = out.layout.template.to_plotly_json()
    _bump_fonts(template)
    out.layout.template = template
    kept = [a for a in out.layout.annotations
            if not str(a.text or "").startswith(("Source:", "Source: "))]
    for a in kept:
        a.font.size = _bigger(a.font.size)
    out.layout.annotations = kept
    for trace in out.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size is not None:
            textfont.size = _bigger(textfont.size)
        marker = getattr(trace, "marker", None)
        size = getattr(marker, "size", None) if marker is not None else None
        if isinstance(size, (int, float)):
            marker.size = round(size * 1.3)
        if getattr(trace, "line", None) is not None and isinstance(trace.line.width,
                                                                   (int, float)):
            if trace.type == "scatter":
                trace.line.width = trace.line.width * 1.3
    top, bottom = slide_margins(title, legend_below=legend_below)
    out.update_layout(
        width=WIDTH, height=HEIGHT, autosize=False,
        font=dict(size=TEXT_FONT),
        title=dict(text=wrap_title(title), font=dict(size=TITLE_FONT, color="#111111"),
                   x=0.03, xref="container", xanchor="left", y=1 - 36 / HEIGHT,
                   yref="container", yanchor="top"),
        margin=dict(l=MARGIN_X[0], r=MARGIN_X[1], t=top, b=bottom, autoexpand=True),
        legend=dict(font=dict(size=TICK_FONT), title=dict(font=dict(size=TICK_FONT))),
        hoverlabel=dict(font=dict(size=TICK_FONT)),
    )
    if legend_below:
        out.update_layout(legend=dict(orientation="h", x=0, xanchor="left", y=-0.02,
                                      yanchor="top"))
    out.update_xaxes(tickfont=dict(size=TICK_FONT), title_font=dict(size=TEXT_FONT),
                     title_standoff=14)
    out.update_yaxes(tickfont=dict(size=TICK_FONT), title_font=dict(size=TEXT_FONT),
                     title_standoff=14)
    out.add_annotation(
        text=esc(source), xref="paper", yref="paper", x=0, y=0, xanchor="left",
        yanchor="top", yshift=-(bottom - 45), showarrow=False,
        font=dict(size=MIN_FONT, color="#444444"), align="left",
    )
    return out


# -- the static route map ---------------------------------------------------------------------

@cache
def _land() -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
    """Every outer ring of the bundled country shapes as one None-separated path."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for feature in maps.countries_geojson()["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
            else [geometry["coordinates"]]
        for polygon in polygons:
            ring = polygon[0]
            lons.extend(p[0] for p in ring)
            lats.extend(p[1] for p in ring)
            lons.append(None)
            lats.append(None)
    return tuple(lons), tuple(lats)


def _merc(lat: float) -> float:
    lat = max(-80.0, min(84.0, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _unmerc(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _edge_extreme(lat: float, lon0: float, lon1: float, *, top: bool) -> float:
    """The highest (top) or lowest Mercator y of plotly's range-box edge at `lat`: plotly.js
    draws that edge as four great-circle arcs, which bulge towards the pole."""
    def vec(la: float, lo: float) -> tuple[float, float, float]:
        la, lo = math.radians(la), math.radians(lo)
        return math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)

    best = _merc(lat)
    step = (lon1 - lon0) / 4
    for k in range(4):
        a, b = vec(lat, lon0 + k * step), vec(lat, lon0 + (k + 1) * step)
        angle = math.acos(max(-1.0, min(1.0, sum(p * q for p, q in zip(a, b, strict=True)))))
        if angle < 1e-9:
            continue
        for i in range(1, 40):
            t = i / 40
            wa, wb = math.sin((1 - t) * angle) / math.sin(angle), math.sin(t * angle) / \
                math.sin(angle)
            x, y, z = (wa * p + wb * q for p, q in zip(a, b, strict=True))
            y_merc = _merc(math.degrees(math.atan2(z, math.hypot(x, y))))
            best = max(best, y_merc) if top else min(best, y_merc)
    return best


def _range_for_edge(target: float, lon0: float, lon1: float, *, top: bool) -> float:
    """The latitude whose range-box edge reaches Mercator y `target` (by bisection)."""
    lo, hi = -84.0, 84.0
    for _ in range(50):
        mid = (lo + hi) / 2
        if _edge_extreme(mid, lon0, lon1, top=top) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def map_window(lats: Sequence[float], lons: Sequence[float], *, aspect: float,
               pad: float = 0.12, pad_right: float = 0.1, min_lon_span: float = 14.0
               ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Longitude and latitude ranges that show every point with a margin and exactly fill a
    Mercator box of width/height `aspect` (so plotly leaves no blank band beside the map).

    >>> (lo0, lo1), (la0, la1) = map_window([50.45, 38.9], [30.52, -77.04], aspect=2.0)
    >>> lo0 < -77.04 and lo1 > 30.52 and la0 < 38.9 and la1 > 50.45
    True
    """
    lon_lo, lon_hi = min(lons), max(lons)
    # Names print right of their dots: room for the easternmost one.
    lon_hi += max(lon_hi - lon_lo, min_lon_span) * pad_right
    y_lo, y_hi = _merc(min(lats)), _merc(max(lats))
    lon_span = max(lon_hi - lon_lo, min_lon_span)
    lon_mid = (lon_lo + lon_hi) / 2
    y_mid = (y_lo + y_hi) / 2
    # Work in radians of longitude, the unit of the Mercator y.
    width = math.radians(lon_span) * (1 + 2 * pad)
    height = max((y_hi - y_lo) * (1 + 2 * pad), 1e-6)
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    width = min(width, 2 * math.pi)
    half = math.degrees(width) / 2
    lon_mid = min(max(lon_mid, -180 + half), 180 - half)
    y_lo, y_hi = y_mid - height / 2, y_mid + height / 2
    if y_lo < _merc(-80.0):
        y_lo, y_hi = _merc(-80.0), _merc(-80.0) + height
    if y_hi > _merc(84.0):
        y_lo, y_hi = _merc(84.0) - height, _merc(84.0)
    lon0, lon1 = lon_mid - half, lon_mid + half
    # plotly.js fits the projected range box, whose parallels it draws as great-circle arcs:
    # pick the latitudes whose arcs reach exactly the wanted Mercator band.
    return (lon0, lon1), (_range_for_edge(y_lo, lon0, lon1, top=False),
                          _range_for_edge(y_hi, lon0, lon1, top=True))


def place_labels(points: list[tuple[str, float, float, float]], window,
                 box_px: tuple[int, int], font: int, limit: int = 30, lead: int = 3
                 ) -> list[tuple[str, float, float, str]]:
    """Place names to print, best-sourced first: right of the dot, else left of it, never
    over a name already placed nor over another dot (except for the `lead` best-sourced
    places, which are named even in a crowd); the rest stay unnamed.

    points: (text, lat, lon, weight); returns (text, lat, lon, plotly textposition).
    """
    (lon0, lon1), (lat0, lat1) = window
    w, h = box_px
    y0, y1 = _merc(lat0), _merc(lat1)

    def pixel(lat: float, lon: float) -> tuple[float, float]:
        return (lon - lon0) / (lon1 - lon0) * w, (y1 - _merc(lat)) / (y1 - y0) * h

    dots = [pixel(lat, lon) for _, lat, lon, _ in points]
    taken: list[tuple[float, float, float, float]] = []
    out = []

    def free(box: tuple[float, float, float, float], own: tuple[float, float],
             dots_matter: bool) -> bool:
        if box[0] < 0 or box[2] > w or box[1] < 0 or box[3] > h:
            return False
        for t in taken:
            if box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3]:
                return False
        return not dots_matter or not any(d != own and box[0] - 6 < d[0] < box[2] + 6
                       and box[1] - 6 < d[1] < box[3] + 6 for d in dots)

    for rank, (text, lat, lon, _) in enumerate(sorted(points, key=lambda p: (-p[3], p[0]))):
        x, y = pixel(lat, lon)
        half = font * 0.65
        # The full label ("Kyiv, 11 Sep 2024") first, then the bare place name; only the
        # lead places may, as a last resort, print their name over another dot.
        short = text.split(",")[0]
        tries = [(text, True), (short, True)] + ([(short, False)] if rank < lead else [])
        for label, dots_matter in dict.fromkeys(tries):
            length = 0.56 * font * len(label)
            boxes = (((x + 10, y - half, x + 14 + length, y + half), "middle right"),
                     ((x - 14 - length, y - half, x - 10, y + half), "middle left"))
            placed = next(((box, pos) for box, pos in boxes
                           if free(box, (x, y), dots_matter)), None)
            if placed:
                taken.append(placed[0])
                out.append((label, lat, lon, placed[1]))
                break
        if len(out) >= limit:
            break
    return out


def _stop_label(r, dated: bool, with_year: bool = False) -> str:
    """ "Kyiv", or with `dated` "Kyiv, 11 Sep" ("Kyiv, 11 Sep 2024" when the stops span
    more than one year)."""
    kind = getattr(r, "place_kind", "city")
    name = r.place if kind != "country" and isinstance(r.place, str) and r.place \
        else country_name(r.country if isinstance(r.country, str) else None)
    if dated:
        day = _day(r.day_lo) if hasattr(r, "day_lo") else None
        if day is not None and getattr(r, "date_precision", "day") == "day":
            return f"{name}, {day:%d %b}".replace(", 0", ", ") + (f" {day:%Y}" if with_year
                                                                   else "")
    return name


def route_map_figure(stops: pd.DataFrame, legs: pd.DataFrame, colours: dict[str, str], *,
                     title: str, source: str, dated_labels: bool = False) -> go.Figure:
    """The routes map as a static slide: land from the bundled shapes, legs as great-circle
    lines (solid when they took place, dashed when planned or possible, dotted when
    cancelled), stops as dots sized by sources (hollow unless they took place), place names.
    """
    fig = go.Figure()
    land_lon, land_lat = _land()
    fig.add_scattergeo(lon=list(land_lon), lat=list(land_lat), mode="lines", fill="toself",
                       fillcolor=LAND, line=dict(color="white", width=0.8), hoverinfo="skip",
                       showlegend=False, name="land")
    styles = {"occurred": ("solid", 5.0), "planned": ("dash", 3.0), "possible": ("dash", 3.0),
              "cancelled": ("dot", 2.5)}
    actors = list(dict.fromkeys(list(stops["actor"]) + list(legs["actor"] if len(legs) else [])))
    for actor in actors:
        colour = colours.get(actor, charts.GREY)
        mine = legs[legs["actor"] == actor] if len(legs) else legs
        for status, (dash, width) in styles.items():
            part = mine[mine["status"] == status] if len(mine) else mine
            if part.empty:
                continue
            lon: list[float | None] = []
            lat: list[float | None] = []
            for r in part.itertuples(index=False):
                lon += [float(r.from_lon), float(r.to_lon), None]
                lat += [float(r.from_lat), float(r.to_lat), None]
            fig.add_scattergeo(lon=lon, lat=lat, mode="lines", showlegend=False,
                               line=dict(color=colour, width=width, dash=dash),
                               opacity=1.0 if status == "occurred" else 0.75,
                               hoverinfo="skip")
    # One legend entry per coloured diplomat, busiest first; the grey rest share one entry.
    coloured = [a for a in actors if colours.get(a, charts.GREY) != charts.GREY]
    others = [a for a in actors if a not in coloured]
    groups = [(esc(a), [a], colours[a]) for a in coloured]
    if others:
        groups.append((esc(others[0]) if len(others) == 1 else
                       f"{len(others)} other diplomats", others, charts.GREY))
    for name, members, colour in groups:
        part = stops[stops["actor"].isin(members)]
        if part.empty:
            continue
        done = [s == "occurred" for s in part["status"]]
        fig.add_scattergeo(
            lon=part["lon"].astype(float), lat=part["lat"].astype(float), mode="markers",
            name=name,
            marker=dict(size=[2.2 * maps.stop_radius(s) for s in part["sources"]],
                        color=[colour if d else "white" for d in done],
                        line=dict(color=["white" if d else colour for d in done],
                                  width=[2 if d else 4 for d in done]),
                        opacity=1.0),
            hoverinfo="skip",
        )
    # The styles of the lines, once, as legend entries of their own.
    for name, dash, width, fill in [("took place", "solid", 5, "#444444"),
                                    ("planned or possible", "dash", 3, "white"),
                                    ("cancelled", "dot", 2.5, "white")]:
        if name == "cancelled" and "cancelled" not in set(stops["status"]) | set(
                legs["status"] if len(legs) else []):
            continue
        fig.add_scattergeo(lon=[None], lat=[None], mode="lines+markers", name=name,
                           line=dict(color="#444444", width=width, dash=dash),
                           marker=dict(size=16, color=fill, line=dict(color="#444444",
                                                                     width=3)))
    top, bottom = slide_margins(title, legend_below=True)
    box_w, box_h = WIDTH - sum(MARGIN_X), HEIGHT - top - bottom
    window = map_window(list(stops["lat"].astype(float)), list(stops["lon"].astype(float)),
                        aspect=box_w / box_h)
    points = []
    seen: dict[str, int] = {}
    years = {d.year for d in (_day(v) for v in stops.get("day_lo", [])) if d}
    for r in stops.itertuples(index=False):
        label = _stop_label(r, dated_labels and len(stops) <= 14, len(years) > 1)
        if label in seen:
            points[seen[label]] = (label, *points[seen[label]][1:3],
                                   points[seen[label]][3] + int(r.sources))
            continue
        seen[label] = len(points)
        points.append((label, float(r.lat), float(r.lon), int(r.sources)))
    labels = place_labels(points, window, (box_w, box_h), TICK_FONT)
    if labels:
        fig.add_scattergeo(
            lon=[p[2] for p in labels], lat=[p[1] for p in labels], mode="text",
            text=[esc(p[0]) for p in labels], textposition=[p[3] for p in labels],
            # A white halo keeps a name legible where it crosses a line or a dot.
            textfont=dict(size=TICK_FONT, color="#1a1a1a", family=charts.FONT,
                          shadow="0 0 3px white, 0 0 3px white, 0 0 2px white"),
            showlegend=False, hoverinfo="skip",
        )
    fig.update_geos(
        projection_type="mercator", lonaxis_range=list(window[0]),
        lataxis_range=list(window[1]), bgcolor=SEA, showland=False, showcoastlines=False,
        showcountries=False, showocean=False, showlakes=False, showrivers=False,
        showsubunits=False, showframe=True, framecolor="#BBBBBB", framewidth=1,
        domain=dict(x=[0, 1], y=[0, 1]),
    )
    fig.update_layout(template=charts.TEMPLATE, paper_bgcolor="white")
    return slide_figure(fig, title=title, source=source, legend_below=True)


# -- the views -------------------------------------------------------------------------------

def route_caption(stops: pd.DataFrame, legs: pd.DataFrame) -> str:
    """'3 trips, 9 stops, 4 countries, Sep 2024': a trip is one chain of legs in the legs
    mart; a stop on no leg is a trip of its own."""
    on_legs: set[str] = set()
    trips = set()
    if len(legs):
        trips = set(legs["trip_id"].astype(str))
        for col in ("from_stop_id", "to_stop_id"):
            if col in legs:
                on_legs |= set(legs[col].dropna().astype(str))
    alone = [s for s in stops["stop_id"].astype(str) if s not in on_legs] \
        if "stop_id" in stops and on_legs else ([] if len(legs) else list(stops.index))
    n_trips = len(trips) + len(alone)
    countries = {c for c in stops["country"] if isinstance(c, str) and c}
    parts = [plural(n_trips, "trip"), plural(len(stops), "stop"),
             plural(len(countries), "country", "countries")]
    period = period_text(list(stops["day_lo"]) if "day_lo" in stops else [])
    return ", ".join(parts + ([period] if period else []))


def routes_slide(stops: pd.DataFrame, legs: pd.DataFrame, colours: dict[str, str], *,
                 title: str, articles: pd.DataFrame, view: str = "routes") -> Slide:
    """A routes (or one person's itinerary) slide from the stops and legs a page drew."""
    source = source_line(articles, "Basemap: Natural Earth.")
    figure = route_map_figure(stops, legs, colours, title=title, source=source,
                              dated_labels=view == "person")
    return Slide(view=view, title=title, caption=route_caption(stops, legs), figure=figure,
                 articles=articles)


def aid_caption(rows: pd.DataFrame, by: str = "donor") -> str:
    """'USD 5.2 billion in 4 commitments, 3 donors, Apr 2024 to Sep 2024'; stated running
    totals are not added to the commitments they include."""
    counted = rows[~rows["is_total"].astype(bool)] if "is_total" in rows else rows
    usd = float(counted["usd"].dropna().sum()) if len(counted) else 0.0
    parties = {p for p in rows[by] if isinstance(p, str) and p} if by in rows else set()
    parts = [f"{charts.format_money(usd)} in {plural(len(counted), 'commitment')}",
             plural(len(parties), by)]
    period = period_text(list(rows["day_lo"]) if "day_lo" in rows else [])
    return ", ".join(parts + ([period] if period else []))


def aid_slide(bars: pd.DataFrame, rows: pd.DataFrame, *, by: str, title: str,
              articles: pd.DataFrame, note: str = "") -> Slide:
    """The aid bars (USD by donor or recipient and status) as a slide."""
    source = source_line(articles, "USD at the ECB rate of each commitment's date.")
    if note:
        source += f" {note[0].upper()}{note[1:]}."
    fig = charts.aid_bars(bars, by=by, title=title, n_articles=len(articles))
    return Slide(view="aid", title=title, caption=aid_caption(rows, by),
                 figure=slide_figure(fig, title=title, source=source), articles=articles)


def casualty_caption(rows: pd.DataFrame) -> str:
    """'6 reports from 2 sources, Sep 2023; highest: 11,300 killed'."""
    sources = {r if isinstance(r, str) else "unattributed" for r in rows["reported_by"]}
    text = f"{plural(len(rows), 'report')} from {plural(len(sources), 'source')}"
    period = period_text(list(rows["as_of"]))
    if period:
        text += f", {period}"
    if len(rows):
        top = rows.loc[rows["value"].astype(float).idxmax()]
        text += f"; highest: {int(top['value']):,} {top['metric']}"
    return text


def casualties_slide(rows: pd.DataFrame, *, title: str, articles: pd.DataFrame,
                     note: str = "", by_place: bool = False) -> Slide:
    """The casualty timeline (one line per reporting source) as a slide."""
    source = source_line(articles, "Competing figures are shown side by side, not averaged.")
    if note:
        source += f" Showing {note}."
    fig = slide_figure(charts.casualty_timeline(rows, title=title, n_articles=len(articles),
                                                by_place=by_place),
                       title=title, source=source)
    days = pd.to_datetime(rows["as_of"], errors="coerce").dropna()
    if len(days) and (days.max() - days.min()).days < 60:
        # Reports of a few days would get an axis of hours (or milliseconds): show two months.
        middle = days.min() + (days.max() - days.min()) / 2
        fig.update_xaxes(range=[middle - pd.Timedelta(days=30), middle + pd.Timedelta(days=30)],
                         tickformat="%d %b %Y")
    _spread_labels(fig)
    return Slide(view="casualties", title=title, caption=casualty_caption(rows), figure=fig,
                 articles=articles)


def _spread_labels(fig: go.Figure) -> None:
    """Two figures a source gave for the same day would print on top of each other: the
    second goes right of its marker, the third left."""
    for trace in fig.data:
        if trace.type != "scatter" or "text" not in (trace.mode or "") or trace.text is None:
            continue
        default = trace.textposition if isinstance(trace.textposition, str) else "top center"
        seen: dict[object, int] = {}
        positions = []
        for x in trace.x:
            k = seen.get(x, 0)
            seen[x] = k + 1
            positions.append([default, "middle right", "middle left", "bottom center"][k % 4])
        if any(k > 1 for k in seen.values() if k):
            trace.textposition = positions


def _visible(f: Filters) -> Filters:
    """The routes page's default: cancelled trips hidden unless the status filter asks."""
    statuses = f.statuses or tuple(s for s in queries.VISIT_STATUSES if s != "cancelled")
    return replace(f, statuses=tuple(statuses))


def routes_heading(f: Filters) -> str:
    """The routes page's heading for these filters (views/routes.py, no time window)."""
    view = _visible(f)
    heading = f"Routes of {f.diplomats_text()}, {f.years_text()}"
    rest = view.describe("countries", "outlets")
    shown = "all but cancelled" if not f.statuses else view.statuses_text()
    return heading + (f", {rest}" if rest else "") + f", {shown}"


def build_routes(con: duckdb.DuckDBPyConnection, f: Filters) -> Slide | None:
    view = _visible(f)
    stops = queries.route_stops(con, view)
    if stops.empty:
        return None
    legs = queries.route_legs(con, view, drawn=stops)
    ranking = list(queries.diplomat_counts(con)["actor"])
    order = list(stops.groupby("actor").size().sort_values(ascending=False).index)
    colours = maps.actor_colours(order, ranking=ranking)
    articles = articles_behind(con, "stop", list(stops["stop_id"]))
    return routes_slide(stops, legs, colours, title=routes_heading(f), articles=articles)


def build_person(con: duckdb.DuckDBPyConnection, f: Filters, person: str) -> Slide | None:
    stops = queries.person_stops(con, f, person)
    if stops.empty:
        return None
    legs = queries.person_legs(con, f, person)
    colours = maps.actor_colours([person], ranking=list(queries.diplomat_counts(con)["actor"]))
    scope = f.describe("years", "countries", "statuses", "outlets")
    articles = articles_behind(con, "stop", list(stops["stop_id"]))
    return routes_slide(stops, legs, colours, title=f"Itinerary of {person}, {scope}",
                        articles=articles, view="person")


def build_aid(con: duckdb.DuckDBPyConnection, f: Filters, *, statuses: Sequence[str] = (),
              by: str = "donor") -> Slide | None:
    rows = queries.aid_rows(con, f, statuses=list(statuses))
    bars = queries.aid_by_party(con, f, statuses=list(statuses), by=by)
    bars = bars[bars["usd"].notna()].copy()
    if rows.empty or bars.empty:
        return None
    from ui.tables import originals_text  # the table helpers import nothing of streamlit

    bars["originals"] = [originals_text(o) for o in bars["originals"]]
    note = ""
    order = bars.groupby("party")["usd"].sum().sort_values(ascending=False)
    if len(order) > 15:
        bars = bars[bars["party"].isin(order.index[:15])]
        note = f"the 15 largest of {len(order)} {by}s"
    status_text = and_list(list(statuses), word="or") or "all statuses"
    title = f"Aid by {by}, {f.describe('years', 'countries', 'outlets')}, {status_text}, USD"
    articles = articles_behind(con, "aid", list(rows["aid_id"]))
    return aid_slide(bars, rows, by=by, title=title, articles=articles, note=note)


def build_casualties(con: duckdb.DuckDBPyConnection, f: Filters, *,
                     metrics: Sequence[str] = (), place: str | None = None) -> Slide | None:
    """The casualties page's default view: the most reported place (or `place`)."""
    if place is None:
        places = queries.casualty_places(con, f, metrics=list(metrics))
        if places.empty:
            return None
        # A named place reads better on a slide than the reports that name none.
        named = [p for p in places["place"] if isinstance(p, str) and p]
        place = named[0] if named else places["place"].iloc[0]
    rows = queries.casualty_rows(con, f, metrics=list(metrics), places=[place])
    if rows.empty:
        return None
    metric_text = and_list(list(metrics)) or "all figures"
    scope = f.describe("years", "countries", "outlets")
    title = (f"Casualty figures, {place or 'no place named'}, by reporting source, {scope}, "
             f"{metric_text}, people")
    total = int(rows["total_rows"].iloc[0])
    note = f"the {len(rows):,} latest of {total:,} reports" if total > len(rows) else ""
    articles = articles_behind(con, "casualty", list(rows["report_id"]))
    return casualties_slide(rows, title=title, articles=articles, note=note)


def default_person(con: duckdb.DuckDBPyConnection, f: Filters) -> str | None:
    """The first chosen diplomat, else the person with the most stops and meetings."""
    if f.diplomats:
        return f.diplomats[0]
    people = queries.person_list(con)
    return None if people.empty else str(people["name"].iloc[0])


def build_slides(con: duckdb.DuckDBPyConnection, f: Filters, views: Sequence[str], *,
                 person: str | None = None) -> tuple[list[Slide], list[str]]:
    """The chosen views under the filters, in the order given, and a sentence for each view
    that had nothing to show."""
    slides: list[Slide] = []
    empty: list[str] = []
    for view in views:
        if view == "routes":
            slide = build_routes(con, f)
        elif view == "aid":
            slide = build_aid(con, f)
        elif view == "casualties":
            slide = build_casualties(con, f)
        elif view == "person":
            who = person or default_person(con, f)
            slide = build_person(con, f, who) if who else None
        else:
            raise ValueError(f"unknown view {view!r}; choose from {', '.join(VIEWS)}")
        if slide is None:
            empty.append(f"{VIEW_LABELS[view]}: nothing under these filters, left out.")
        else:
            slides.append(slide)
    return slides, empty


# -- rendering ----------------------------------------------------------------------------------

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


def slide_png(slide: Slide) -> bytes:
    """The slide's image as PNG bytes (1920x1080)."""
    return render_pngs([slide.figure])[0]


def deferred_png(build, *args, **kwargs):
    """A zero-argument callable that builds a slide with `build(*args, **kwargs)` and returns
    its PNG: a download button hands it over and nothing renders until the click."""
    def png() -> bytes:
        return slide_png(build(*args, **kwargs))

    return png


def file_stem(slide: Slide) -> str:
    """A file name for the slide's PNG: 'routes-antony-blinken-2023-2024'."""
    words = "".join(c.lower() if c.isalnum() else "-" for c in slide.title)
    return "-".join(w for w in words.split("-") if w)[:80] or slide.view


# -- the deck --------------------------------------------------------------------------------

def filters_lines(f: Filters) -> list[str]:
    """The filters as the title slide lists them."""
    return [
        f"Diplomats: {f.diplomats_text()}",
        f"Years: {f.years_text()}",
        f"Countries: {f.countries_text()}",
        f"Status: {f.statuses_text()}",
        f"Outlets: {f.outlets_text()}",
    ]


def build_deck(slides: Sequence[Slide], f: Filters, *, pngs: Sequence[bytes] | None = None,
               today: date | None = None, omitted: Sequence[str] = ()) -> bytes:
    """The PPTX: a title slide (filters, date), then one slide per view with its headline,
    its image and the articles behind it in the notes."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    today = today or date.today()
    pngs = list(pngs) if pngs is not None else render_pngs([s.figure for s in slides])
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    ink = RGBColor(0x11, 0x11, 0x11)
    grey = RGBColor(0x44, 0x44, 0x44)

    def style(paragraph, size: int, *, bold: bool = False, colour=ink) -> None:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = "Arial"
            run.font.color.rgb = colour

    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = "Diplomatic routes, aid and casualties"
    cover.shapes.title.left, cover.shapes.title.top = Inches(0.8), Inches(1.2)
    cover.shapes.title.width, cover.shapes.title.height = Inches(11.7), Inches(1.4)
    cover.shapes.title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    style(cover.shapes.title.text_frame.paragraphs[0], 40, bold=True)
    body = cover.placeholders[1]
    body.left, body.top, body.width, body.height = (Inches(0.8), Inches(2.9), Inches(11.7),
                                                    Inches(3.8))
    frame = body.text_frame
    lines = [f"Briefing of {day_text(today)}", *filters_lines(f),
             f"{plural(len(slides), 'view')}: "
             + (", ".join(s.label for s in slides) or "none under these filters")]
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.alignment = PP_ALIGN.LEFT
        style(paragraph, 24 if i == 0 else 20, bold=i == 0, colour=ink if i == 0 else grey)
    cover.notes_slide.notes_text_frame.text = "\n".join(
        ["Made with Shuttle from the articles in its database.", *filters_lines(f),
         *omitted])

    strip = Inches(0.62)
    picture_h = deck.slide_height - strip
    picture_w = Emu(int(picture_h * WIDTH / HEIGHT))
    left = Emu(int((deck.slide_width - picture_w) / 2))
    for slide, png in zip(slides, pngs, strict=True):
        page = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        title = page.shapes.title
        title.left, title.top, title.width, title.height = left, Inches(0.08), picture_w, \
            Inches(0.52)
        title.text_frame.word_wrap = True
        title.text = slide.headline
        paragraph = title.text_frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        style(paragraph, 22, bold=True)
        page.shapes.add_picture(io.BytesIO(png), left, strip, width=picture_w,
                                height=picture_h)
        page.notes_slide.notes_text_frame.text = notes_text(slide)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# -- command line ------------------------------------------------------------------------------

def parse_views(text: str) -> list[str]:
    """'routes,aid' -> ['routes', 'aid'], rejecting unknown names.

    >>> parse_views("routes, aid,routes")
    ['routes', 'aid']
    """
    views = list(dict.fromkeys(v.strip().lower() for v in text.split(",") if v.strip()))
    unknown = [v for v in views if v not in VIEWS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown view(s) {', '.join(unknown)}; choose from {', '.join(VIEWS)}")
    return views


def cli_filters(con: duckdb.DuckDBPyConnection, diplomats: Sequence[str],
                first: int | None, last: int | None) -> Filters:
    bounds = queries.year_bounds(con)
    years = None
    if first is not None or last is not None:
        lo = first if first is not None else (bounds[0] if bounds else last)
        hi = last if last is not None else (bounds[1] if bounds else first)
        years = (min(lo, hi), max(lo, hi))
    return Filters(diplomats=tuple(diplomats), years=years, year_bounds=bounds)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ui.export",
        description="Write a briefing deck (PPTX) or slide images (PNG, when --out is a "
        "folder) of the dashboard's views.")
    parser.add_argument("--db", type=Path, default=None,
                        help="database file (default: $SHUTTLE_DB or data/shuttle.duckdb)")
    parser.add_argument("--out", type=Path, required=True,
                        help="a .pptx file, or a folder for one PNG per view")
    parser.add_argument("--diplomat", action="append", default=[], metavar="NAME",
                        help="a diplomat to keep (repeatable); the first is the person view")
    parser.add_argument("--from", dest="first", type=int, metavar="YEAR")
    parser.add_argument("--to", dest="last", type=int, metavar="YEAR")
    parser.add_argument("--views", type=parse_views, default=list(VIEWS[:3]),
                        help=f"comma-separated, from {','.join(VIEWS)} (default: "
                        "routes,aid,casualties)")
    args = parser.parse_args(argv)

    from etl.settings import db_path
    from ui import db

    path = db_path(args.db)
    if not path.exists():
        print(f"No database at {path}: run 'python -m etl build' first.", file=sys.stderr)
        return 2
    con = db.cursor(db.open_handle(path))
    f = cli_filters(con, args.diplomat, args.first, args.last)
    slides, empty = build_slides(con, f, args.views)
    for line in empty:
        print(line, file=sys.stderr)
    if not slides:
        print("No view has anything to show under these filters; nothing written.",
              file=sys.stderr)
        return 1
    pngs = render_pngs([s.figure for s in slides])
    as_deck = args.out.suffix.lower() == ".pptx"
    if as_deck:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(build_deck(slides, f, pngs=pngs, omitted=empty))
        print(f"Wrote {args.out}: title slide and {plural(len(slides), 'view')}.")
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        for i, (slide, png) in enumerate(zip(slides, pngs, strict=True), start=1):
            target = args.out / f"{i:02d}-{slide.view}.png"
            target.write_bytes(png)
            print(f"Wrote {target}: {slide.headline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
