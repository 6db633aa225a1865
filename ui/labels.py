"""Place names on the map, by priority: the places of the chosen diplomats first, then
capitals, then the best-sourced; each name tries several spots around its dot (right, left,
above, below, the corners) and takes the first that overprints no better name, no dot and no
edge of the map, or is left out.

The names are placed here, in Python, for the view the map opens at, and the page and the
slide draw the same ones (the page's map is fitted for its narrowest width, so what fits
there fits on a wider screen). deck.gl's own collision filter was tried first: with names
offset beside their dots it hid every one of them (its hit test looks at the anchor point,
which an offset name does not cover), so nothing of it is used. A name left out is still in
its dot's tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from etl.countries import country_name
from etl.places import is_capital
from ui.projection import world_pixel
from ui.textsize import text_width

FONT_PX = 15
HALO_PX = 3.0  # the white outline drawn around each name
GAP_PX = 3.0  # between the edge of a dot (or of a ring of dots) and its name
LINE_PX = FONT_PX * 1.15  # the height of a name's box
MAX_CANDIDATES = 200
MAX_NAMES = 40
Dot = tuple[float, float, float]  # x px, y px, radius px


@dataclass(frozen=True)
class Placement:
    """Where a name sits around its dot: a direction from the dot (dx, dy, y down) and how
    deck.gl anchors the text there (text anchor, alignment baseline)."""

    dx: float
    dy: float
    anchor: str  # start | middle | end
    baseline: str  # center | top | bottom


DIAGONAL = math.sqrt(0.5)
PLACEMENTS = (
    Placement(1, 0, "start", "center"),  # right of the dot, as a reader expects first
    Placement(-1, 0, "end", "center"),  # left
    Placement(0, -1, "middle", "bottom"),  # above
    Placement(0, 1, "middle", "top"),  # below
    Placement(DIAGONAL, -DIAGONAL, "start", "bottom"),
    Placement(DIAGONAL, DIAGONAL, "start", "top"),
    Placement(-DIAGONAL, -DIAGONAL, "end", "bottom"),
    Placement(-DIAGONAL, DIAGONAL, "end", "top"),
)


def _label(place: object, country: object, kind: object) -> str:
    if kind != "country" and isinstance(place, str) and place:
        return place
    return country_name(country if isinstance(country, str) else None)


def _rows(stops: pd.DataFrame, meetings: pd.DataFrame | None):
    """(people, place, country, lat, lon, sources, kind) of every stop and placed meeting."""
    kinds = stops["place_kind"] if "place_kind" in stops else pd.Series("city", stops.index)
    yield from zip(([a] for a in stops["actor"]), stops["place"], stops["country"],
                   stops["lat"], stops["lon"], stops["sources"], kinds, strict=True)
    if meetings is not None and len(meetings):
        yield from zip((list(p) if p is not None else [] for p in meetings["participants"]),
                       meetings["place"], meetings["country"], meetings["lat"],
                       meetings["lon"], meetings["sources"], meetings["place_kind"],
                       strict=True)


def candidates(stops: pd.DataFrame, chosen: Sequence[str] = (),
               meetings: pd.DataFrame | None = None) -> list[dict]:
    """One name per place of a stop or of a meeting marked on the map, best first: text,
    position [lon, lat] and rank. A meeting's place is named too: a diamond nobody names
    (a meeting in the capital of one of its participants, who made no stop there) left the
    reader guessing.

    stops columns: actor, place, country, lat, lon, sources, place_kind; meetings (placed
    ones, ui/meeting_marks.placed): participants, place, country, lat, lon, sources,
    place_kind.
    """
    places: dict[str, dict] = {}
    wanted = set(chosen)
    for people, place, country, lat, lon, sources, kind in _rows(stops, meetings):
        text = _label(place, country, kind)
        entry = places.setdefault(text, {"text": text, "lat": float(lat), "lon": float(lon),
                                         "chosen": False, "sources": 0, "capital": False})
        entry["chosen"] |= bool(wanted.intersection(people))
        entry["sources"] += 0 if sources is None or pd.isna(sources) else int(sources)
        entry["capital"] |= (kind != "country" and isinstance(place, str)
                             and isinstance(country, str) and is_capital(place, country))
    ranked = sorted(places.values(), key=lambda e: (not e["chosen"], not e["capital"],
                                                    -e["sources"], e["text"]))
    return [{"text": e["text"], "position": [round(e["lon"], 5), round(e["lat"], 5)],
             "rank": rank} for rank, e in enumerate(ranked[:MAX_CANDIDATES])]


class Screen:
    """A view's pixels: where a [lon, lat] lands in a map `width` x `height` px."""

    def __init__(self, latitude: float, longitude: float, zoom: float, width: float,
                 height: float) -> None:
        self.scale = 512 * 2**zoom
        self.cx, self.cy = world_pixel(latitude, longitude, self.scale)
        self.width, self.height = width, height

    def xy(self, lonlat: Sequence[float]) -> tuple[float, float]:
        px, py = world_pixel(lonlat[1], lonlat[0], self.scale)
        return self.width / 2 + px - self.cx, self.height / 2 + py - self.cy


def box(x: float, y: float, width: float, spot: Placement, clear: float
        ) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) px of a name `width` px wide placed by `spot` around a dot
    at (x, y) whose marks reach `clear` px from it.

    >>> box(100, 100, 50, PLACEMENTS[0], 7)[:2] == (100 + 7 + GAP_PX, 100 - LINE_PX / 2)
    True
    """
    ox, oy = x + spot.dx * (clear + GAP_PX), y + spot.dy * (clear + GAP_PX)
    left = {"start": ox, "end": ox - width, "middle": ox - width / 2}[spot.anchor]
    top = {"center": oy - LINE_PX / 2, "top": oy, "bottom": oy - LINE_PX}[spot.baseline]
    return left, top, left + width, top + LINE_PX


def _hits_dot(b: tuple[float, float, float, float], dot: Dot) -> bool:
    x, y, r = dot
    nx, ny = min(max(x, b[0]), b[2]), min(max(y, b[1]), b[3])
    return (nx - x) ** 2 + (ny - y) ** 2 < r * r


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]
              ) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place(names: Iterable[dict], screen: Screen, dots: Sequence[Dot],
          clearance: dict[tuple[float, float], float], limit: int = MAX_NAMES
          ) -> list[dict]:
    """The names the view prints, best first, each at the first of PLACEMENTS where it is
    inside the map and clear of every better name and of every dot: records with text,
    position, offset (px), anchor and baseline for a deck.gl TextLayer.

    `dots` are every mark's (x, y, radius) px on `screen`; `clearance` gives, per place
    (lat, lon rounded to 4 places), how far its own marks reach from it.
    """
    taken: list[tuple[float, float, float, float]] = []
    out = []
    for name in names:
        x, y = screen.xy(name["position"])
        spot_key = (round(name["position"][1], 4), round(name["position"][0], 4))
        clear = clearance.get(spot_key, 0.0)
        width = text_width(name["text"], FONT_PX, bold=True) + 2 * HALO_PX
        own = [(dx, dy, r) for dx, dy, r in dots if math.hypot(dx - x, dy - y) <= clear + 0.5]
        others = [d for d in dots if d not in own]
        for spot in PLACEMENTS:
            b = box(x, y, width, spot, clear)
            if b[0] < 0 or b[1] < 0 or b[2] > screen.width or b[3] > screen.height:
                continue
            if any(_overlaps(b, t) for t in taken) or any(_hits_dot(b, d) for d in others):
                continue
            taken.append(b)
            offset = [round(spot.dx * (clear + GAP_PX) + (HALO_PX if spot.anchor == "start"
                                                          else -HALO_PX if spot.anchor == "end"
                                                          else 0), 1),
                      round(spot.dy * (clear + GAP_PX), 1)]
            out.append({"text": name["text"], "position": name["position"],
                        "offset": offset, "anchor": spot.anchor, "baseline": spot.baseline})
            break
        if len(out) >= limit:
            break
    return out
