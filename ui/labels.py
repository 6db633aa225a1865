"""Place names on the map, by priority: the places of the chosen diplomats first, then
capitals, then the best-sourced; a name that would overprint a better one is left out.

On the dashboard every candidate goes to deck.gl with its priority, and deck.gl's collision
filter hides the names that collide at the current zoom, so they appear as the analyst zooms
in (and every place is named in its tooltip). A slide cannot zoom: `static_labels` does the
same test once, in Python, at the slide's view.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from etl.countries import country_name
from etl.places import is_capital
from ui.projection import world_pixel

FONT_PX = 15
CHAR_PX = 8.0  # about the width of a character at FONT_PX, bold
MAX_CANDIDATES = 200
MAX_STATIC = 40


def _label(place: object, country: object, kind: object) -> str:
    if kind != "country" and isinstance(place, str) and place:
        return place
    return country_name(country if isinstance(country, str) else None)


def candidates(stops: pd.DataFrame, chosen: Sequence[str] = (),
               ring: dict[tuple[float, float], float] | None = None) -> list[dict]:
    """One name per place, best first, with its deck.gl collision priority (1000 down).

    stops columns: actor, place, country, lat, lon, sources, place_kind. `ring` gives the
    radius of the ring of dots drawn around a shared place, which the name must clear.
    """
    if stops.empty:
        return []
    kinds = stops["place_kind"] if "place_kind" in stops else pd.Series("city", stops.index)
    places: dict[str, dict] = {}
    wanted = set(chosen)
    for actor, place, country, lat, lon, sources, kind in zip(
            stops["actor"], stops["place"], stops["country"], stops["lat"], stops["lon"],
            stops["sources"], kinds, strict=True):
        text = _label(place, country, kind)
        entry = places.setdefault(text, {"text": text, "lat": float(lat), "lon": float(lon),
                                         "chosen": False, "sources": 0, "capital": False})
        entry["chosen"] |= actor in wanted
        entry["sources"] += int(sources or 0) if not pd.isna(sources) else 0
        entry["capital"] |= (kind != "country" and isinstance(place, str)
                             and isinstance(country, str) and is_capital(place, country))
    ranked = sorted(places.values(), key=lambda e: (not e["chosen"], not e["capital"],
                                                    -e["sources"], e["text"]))
    out = []
    for rank, entry in enumerate(ranked[:MAX_CANDIDATES]):
        spot = (round(entry["lat"], 4), round(entry["lon"], 4))
        clear = (ring or {}).get(spot, 0.0)
        out.append({"text": entry["text"],
                    "position": [round(entry["lon"], 5), round(entry["lat"], 5)],
                    "offset": [round(12 + clear), 0],
                    "priority": max(-1000, 1000 - 5 * rank)})
    return out


def static_labels(labels: list[dict], *, latitude: float, longitude: float, zoom: float,
                  width: int, height: int, limit: int = MAX_STATIC) -> list[dict]:
    """The names a still picture of the view prints: best first, none over another, none
    past the picture's edge."""
    scale = 512 * 2**zoom
    cx, cy = world_pixel(latitude, longitude, scale)
    taken: list[tuple[float, float, float, float]] = []
    out = []
    for label in labels:
        px, py = world_pixel(label["position"][1], label["position"][0], scale)
        x, y = width / 2 + px - cx + label["offset"][0], height / 2 + py - cy
        box = (x - 2, y - FONT_PX * 0.7, x + 4 + CHAR_PX * len(label["text"]),
               y + FONT_PX * 0.7)
        if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
            continue
        if any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3]
               for t in taken):
            continue
        taken.append(box)
        out.append(label)
        if len(out) >= limit:
            break
    return out
