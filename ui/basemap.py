"""The map's land, offline: the bundled Natural Earth country shapes as one GeoJsonLayer.

Neighbouring countries get different shades of the land grey instead of border lines:
deck.gl draws lines as paths, which cost seconds per frame under software WebGL (a browser
without a GPU, as on a locked-down office laptop or a server), fills almost none. The sea is
the map's background. Where a view reaches past the antimeridian (a world view on a wide
screen), the countries there are drawn again a world to the east or west, so the land runs
to the map's edge instead of ending in a blank strip; the marks are never repeated.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pydeck as pdk

COUNTRIES_GEOJSON = Path(__file__).resolve().parent.parent / "data/reference/countries.geojson"

LAND = [222, 222, 218]
LAND_TINTS = ([222, 222, 218], [211, 212, 206], [230, 230, 226], [216, 218, 210],
              [226, 224, 220])
SEA = [236, 242, 247]


@cache
def countries_geojson() -> dict:
    """The bundled country shapes (Natural Earth 1:110m via world-atlas), parsed once."""
    return json.loads(COUNTRIES_GEOJSON.read_text(encoding="utf-8"))


def _vertices(feature: dict) -> set[tuple[float, float]]:
    return {(x, y) for polygon in feature["geometry"]["coordinates"]
            for ring in polygon for x, y in ring}


def tint_indexes(features: list[dict], shades: int = len(LAND_TINTS)) -> list[int]:
    """A shade per country such that countries sharing a border point differ (greedy
    colouring, most neighbours first). Neighbours share exact vertices: the shapes come from
    one topology, so a common border is the same points in both countries."""
    owners: dict[tuple[float, float], set[int]] = {}
    for i, feature in enumerate(features):
        for point in _vertices(feature):
            owners.setdefault(point, set()).add(i)
    neighbours: list[set[int]] = [set() for _ in features]
    for sharing in owners.values():
        for i in sharing:
            neighbours[i] |= sharing - {i}
    shade = [0] * len(features)
    done: set[int] = set()
    for i in sorted(range(len(features)), key=lambda k: (-len(neighbours[k]), k)):
        taken = {shade[j] for j in neighbours[i] if j in done}
        shade[i] = next((c for c in range(shades) if c not in taken), 0)
        done.add(i)
    return shade


@cache
def tinted_countries() -> dict:
    """The country shapes with a `fill` colour each (LAND_TINTS), for the basemap layer."""
    shapes = countries_geojson()
    features = shapes["features"]
    return {**shapes, "features": [
        {**feature, "properties": {**feature["properties"], "fill": LAND_TINTS[shade]}}
        for feature, shade in zip(features, tint_indexes(features), strict=True)]}


def _lon_range(feature: dict) -> tuple[float, float]:
    lons = [x for x, _ in _vertices(feature)]
    return min(lons), max(lons)


def _shifted(feature: dict, by: float) -> dict:
    coordinates = [[[[x + by, y] for x, y in ring] for ring in polygon]
                   for polygon in feature["geometry"]["coordinates"]]
    return {**feature, "geometry": {**feature["geometry"], "coordinates": coordinates}}


@cache
def land(west: float = -180.0, east: float = 180.0) -> dict:
    """The tinted countries, plus copies shifted by a world of those that show between
    `west` and -180 or between 180 and `east` (longitudes of the widest view drawn).

    >>> len(land()["features"]) == len(tinted_countries()["features"])
    True
    >>> len(land(-200.0, 180.0)["features"]) > len(land()["features"])
    True
    """
    shapes = tinted_countries()
    features = list(shapes["features"])
    for feature in shapes["features"]:
        lo, hi = _lon_range(feature)
        if east > 180 and lo + 360 < east:
            features.append(_shifted(feature, 360.0))
        if west < -180 and hi - 360 > west:
            features.append(_shifted(feature, -360.0))
    return {**shapes, "features": features}


def basemap_layer(west: float = -180.0, east: float = 180.0) -> pdk.Layer:
    """Land in shades of light grey, neighbours told apart by shade (LAND_TINTS)."""
    return pdk.Layer("GeoJsonLayer", id="countries", data=land(round(west), round(east)),
                     filled=True, stroked=False, get_fill_color="properties.fill",
                     pickable=False)
