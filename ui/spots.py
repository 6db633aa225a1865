"""Several people at one place, each visible: their dots side by side on a small ring around
the place (Macron, Scholz and Draghi in Kyiv; Kerry and Lavrov in Rome), joined to it by a
thin leader line, the place itself marked where it is.

The ring is laid out in screen pixels at the view's zoom and turned back into longitude and
latitude, so at the opening zoom of the map (or of the slide) the dots just clear each other.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ui.projection import unmerc, world_pixel

GAP_PX = 3.0  # between two neighbouring dots of a ring


def _to_lonlat(x: float, y: float, scale: float) -> list[float]:
    lon = x / scale * 360 - 180
    lat = unmerc((1 - 2 * y / scale) * math.pi)
    return [round(lon, 5), round(lat, 5)]


class Spots:
    """The position of every (person, place) dot of a view at `zoom`.

    `members` are (person, (lat, lon), radius px) triples; people alone at their place keep
    it, k people at one place sit on a ring wide enough for their largest dot.

    >>> s = Spots([("A", (50.45, 30.52), 7.0), ("B", (50.45, 30.52), 7.0)], zoom=4)
    >>> s.position("A", (50.45, 30.52)) != s.position("B", (50.45, 30.52))
    True
    >>> s.position("C", (1.0, 2.0))
    [2.0, 1.0]
    """

    def __init__(self, members: Iterable[tuple[str, tuple[float, float], float]],
                 zoom: float) -> None:
        scale = 512 * 2**zoom
        by_spot: dict[tuple[float, float], dict[str, float]] = {}
        for actor, spot, radius in members:
            people = by_spot.setdefault(spot, {})
            people[actor] = max(radius, people.get(actor, 0.0))
        self._positions: dict[tuple[str, tuple[float, float]], list[float]] = {}
        for spot, people in by_spot.items():
            if len(people) < 2:
                continue
            k = len(people)
            largest = max(people.values())
            ring = (largest + GAP_PX / 2) / math.sin(math.pi / k)
            cx, cy = world_pixel(spot[0], spot[1], scale)
            for i, actor in enumerate(people):
                angle = -math.pi / 2 + 2 * math.pi * i / k  # the first on top, clockwise
                self._positions[(actor, spot)] = _to_lonlat(
                    cx + ring * math.cos(angle), cy + ring * math.sin(angle), scale)

    def position(self, actor: str, spot: tuple[float, float]) -> list[float]:
        """[lon, lat] of the person's dot at `spot`."""
        return self._positions.get((actor, spot), [spot[1], spot[0]])

    def leaders(self) -> list[dict]:
        """Line data from each place with a ring to each dot on it."""
        return [{"from": [spot[1], spot[0]], "to": position}
                for (_, spot), position in self._positions.items()]
