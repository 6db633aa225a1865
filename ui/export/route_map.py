"""The routes map as a static slide: a plotly geo figure drawn from the same stops and legs as
the pydeck map, on the bundled Natural Earth shapes drawn as filled scattergeo polygons.
With every built-in geo layer switched off plotly.js never fetches its topojson, so nothing
leaves the machine. Projected with ui/projection.py, as the pydeck map is."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

import pandas as pd
import plotly.graph_objects as go

from etl.countries import country_name
from ui import charts, maps
from ui.escape import esc
from ui.export.style import HEIGHT, MARGIN_X, TICK_FONT, WIDTH, slide_figure, slide_margins
from ui.export.words import _day
from ui.projection import merc

SEA = "rgb({},{},{})".format(*maps.SEA)
LAND = "rgb({},{},{})".format(*maps.LAND)
# The window never reaches past these latitudes: Antarctica and the Arctic ocean hold no
# stop, and Mercator would give them most of the slide.
SOUTH_EDGE, NORTH_EDGE = -80.0, 84.0


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
    """Mercator y within the slide's band (SOUTH_EDGE to NORTH_EDGE)."""
    return merc(max(SOUTH_EDGE, min(NORTH_EDGE, lat)))


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
    if y_lo < _merc(SOUTH_EDGE):
        y_lo, y_hi = _merc(SOUTH_EDGE), _merc(SOUTH_EDGE) + height
    if y_hi > _merc(NORTH_EDGE):
        y_lo, y_hi = _merc(NORTH_EDGE) - height, _merc(NORTH_EDGE)
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
