"""The legs of the map as curved paths: one per person, route and status, solid when the leg
took place and dashed when it was planned, possible or cancelled (ui/marks.py STATUS_STYLES),
always in the diplomat's own colour.

deck.gl draws no dashes without an extension that the slide renderer lacks, so the dashes are
cut here, in screen pixels at the view's zoom, and both renderers draw the same pieces. Each
route is a gentle curve (a quadratic Bézier in Web Mercator pixels, bulging to the left of
the direction of travel), so an out-and-back trip shows as two lines, not one.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from ui.charts import GREY
from ui.marks import (
    _grouped,
    _span_text,
    _spot,
    _status_text,
    _tip,
    format_when,
    hex_to_rgb,
    style_for,
)
from ui.projection import unmerc, world_pixel

BULGE = 0.16  # the curve's height as a share of the leg's length
STEPS = 24  # points along a curve
HOVER_PX = 6.0  # the invisible hover band is this much wider than the line

Position = Callable[[str, tuple[float, float]], list[float]]


def _precision(value: object) -> str:
    """The precision an ISO period's text has: '2024' year, '2024-09' month, else day."""
    return {4: "year", 7: "month"}.get(len(str(value)) if isinstance(value, str) else 0, "day")


def curve(start: list[float], end: list[float], scale: float) -> list[list[float]]:
    """[lon, lat] points of the curved leg from `start` to `end` ([lon, lat] each).

    >>> pts = curve([0.0, 0.0], [10.0, 0.0], 512 * 2**3)
    >>> pts[0], pts[-1], pts[len(pts) // 2][1] > 0
    ([0.0, 0.0], [10.0, 0.0], True)
    """
    x0, y0 = world_pixel(start[1], start[0], scale)
    x1, y1 = world_pixel(end[1], end[0], scale)
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length < 1e-9:
        return [start, end]
    # left of the direction of travel, on screen (y grows downwards)
    cx, cy = (x0 + x1) / 2 + dy / length * BULGE * length, (y0 + y1) / 2 - dx / length * \
        BULGE * length
    points = []
    for i in range(STEPS + 1):
        t = i / STEPS
        x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
        y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
        points.append([round(x / scale * 360 - 180, 5),
                       round(unmerc((1 - 2 * y / scale) * math.pi), 5)])
    points[0], points[-1] = list(start), list(end)
    return points


def dashes(path: list[list[float]], dash: tuple[float, float], scale: float
           ) -> list[list[list[float]]]:
    """The pieces of `path` drawn with a dash pattern of (on, off) screen pixels.

    One degree of longitude at zoom 6 is 91 px: four whole dashes of 10 px and a fifth cut.

    >>> len(dashes([[0.0, 0.0], [1.0, 0.0]], (10.0, 10.0), 512 * 2**6))
    5
    """
    on, off = dash
    if on <= 0 or off <= 0:
        return [path]
    pixels = [world_pixel(lat, lon, scale) for lon, lat in path]
    pieces: list[list[list[float]]] = []
    drawing, left = True, on
    current = [path[0]]
    for (ax, ay), (bx, by) in zip(pixels, pixels[1:], strict=False):
        length = math.hypot(bx - ax, by - ay)
        done = 0.0
        while length - done > left:
            done += left
            t = done / length
            x, y = ax + (bx - ax) * t, ay + (by - ay) * t
            point = [round(x / scale * 360 - 180, 5),
                     round(unmerc((1 - 2 * y / scale) * math.pi), 5)]
            if drawing:
                current.append(point)
                pieces.append(current)
            current = [point]
            drawing = not drawing
            left = on if drawing else off
        left -= length - done
        if drawing:
            current.append([round(bx / scale * 360 - 180, 5),
                            round(unmerc((1 - 2 * by / scale) * math.pi), 5)])
    if drawing and len(current) > 1:
        pieces.append(current)
    return pieces


def leg_records(legs: pd.DataFrame, colours: dict[str, str], *, zoom: float,
                position: Position | None = None) -> tuple[list[dict], list[dict]]:
    """(routes, pieces): one pickable record per person, route and status with the tooltip
    fields and the whole curve, and the visible pieces of the dashed ones.

    legs columns: actor, trip_id, seq, from_place, to_place, from_lat, from_lon, to_lat,
    to_lon, date, status. The same flight flown many times is one route that says how many
    times and from when to when, a little wider for each doubling. `position(actor, spot)`
    moves an end to where that person's dot is drawn (ui/spots.py).
    """
    scale = 512 * 2**zoom
    groups = _grouped(legs, lambda r: (r.actor, _spot(r.from_lat, r.from_lon),
                                       _spot(r.to_lat, r.to_lon), str(r.status)))
    routes: list[dict] = []
    pieces: list[dict] = []
    for (actor, start, end, status), rows in groups:
        first = rows[0]
        colour = hex_to_rgb(colours.get(actor, GREY))
        style = style_for(status)
        whens = [format_when(r.date, getattr(r, "date_precision", None) or _precision(r.date))
                 for r in rows]
        n = len(rows)
        trips = len({getattr(r, "trip_id", i) for i, r in enumerate(rows)})
        a = position(str(actor), start) if position else [start[1], start[0]]
        b = position(str(actor), end) if position else [end[1], end[0]]
        path = curve(a, b, scale)
        width = style.width * min(2.0, 1 + math.log2(n) / 4)
        solid = style.dash == (0.0, 0.0)
        routes.append({
            "who": _tip(actor),
            "where": _tip(f"{first.from_place} → {first.to_place}"),
            "when": _tip(whens[0] if n == 1 else _span_text(whens, "legs")),
            "status": _tip(_status_text([str(r.status) for r in rows])),
            "sources": _tip(f"leg {int(first.seq)} of trip" if n == 1 else
                            f"on {trips} trip{'s' if trips != 1 else ''}"),
            "evidence": _tip("Hover the stops at either end for the sentences."),
            "others": "",
            "path": path,
            # a dashed route's own line is an invisible hover band; its pieces are drawn
            "colour": colour + ([235] if solid else [1]),
            "width": width if solid else width + HOVER_PX,
            "dash": list(style.dash),
            "actor": str(actor),
        })
        if not solid:
            pieces += [{"path": piece, "colour": colour + [255], "width": width}
                       for piece in dashes(path, style.dash, scale)]
    return routes, pieces
