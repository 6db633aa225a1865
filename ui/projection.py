"""Web Mercator, once: latitude to the projection's y (radians of longitude) and back, with
the clamp every map here uses. The pydeck map (ui/maps.py: fitting the view, placing names)
and the static slide map (ui/export/route_map.py) both project through it, so a name placed
on one lands where the other draws the dot."""

from __future__ import annotations

import math

# The latitude where Web Mercator's square world ends (deck.gl and tile maps clamp here).
MAX_LAT = 85.051129


def merc(lat: float) -> float:
    """Mercator y of a latitude, in radians of longitude; clamped to ±MAX_LAT.

    >>> abs(merc(0.0)) < 1e-12, round(merc(MAX_LAT), 6) == round(math.pi, 6)
    (True, True)
    >>> merc(90) == merc(MAX_LAT)
    True
    """
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def unmerc(y: float) -> float:
    """The latitude of a Mercator y.

    >>> round(unmerc(merc(50.45)), 9)
    50.45
    """
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def world_pixel(lat: float, lon: float, scale: float) -> tuple[float, float]:
    """(x, y) of a point on a Web Mercator world `scale` pixels wide, from its top-left.

    >>> world_pixel(0.0, 0.0, 512)
    (256.0, 256.0)
    """
    return (lon + 180) / 360 * scale, (1 - merc(lat) / math.pi) / 2 * scale
