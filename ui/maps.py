"""pydeck maps of routes, pure: DataFrames in, a pdk.Deck out, drawn with no tile server.

The basemap is the bundled Natural Earth country shapes (data/reference/countries.geojson)
under map_provider=None. Tooltip fields are plain text: st.pydeck_chart HTML-escapes every
value it puts into a {field} slot of an html tooltip (escaping here as well showed "&lt;" and
"&#x27;" to the analyst), and the template itself holds only fixed markup and {field} slots.
The browser tests hover hostile names to hold Streamlit to it. Never hand these decks to a
renderer that does not escape (pydeck's own to_html). The legend is HTML built here: escaped.
The points and arcs themselves, with their tooltip fields, are built in ui/marks.py.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from etl.countries import country_name
from ui.charts import GREY, OKABE_ITO
from ui.escape import esc
from ui.marks import (
    MAX_OTHERS,
    format_when,
    hex_to_rgb,
    leg_records,
    place_label,
    stop_radius,
    stop_records,
)
from ui.projection import merc, unmerc, world_pixel

__all__ = ["MAX_OTHERS", "actor_colours", "countries_geojson", "fit_view", "format_when",
           "hex_to_rgb", "leg_records", "legend_html", "place_label", "place_labels",
           "project", "routes_deck", "stop_radius", "stop_records", "tint_indexes"]

COUNTRIES_GEOJSON = Path(__file__).resolve().parent.parent / "data/reference/countries.geojson"

LAND = [222, 222, 218]
# Neighbouring countries get different shades of the land grey instead of border lines:
# deck.gl draws lines as paths, which cost seconds per frame under software WebGL (a
# browser without a GPU, as on a locked-down office laptop or a server), fills almost none.
LAND_TINTS = ([222, 222, 218], [211, 212, 206], [230, 230, 226], [216, 218, 210],
              [226, 224, 220])
SEA = [236, 242, 247]
# The first seven Okabe-Ito colours are distinct on grey land; later diplomats share grey.
ROUTE_COLOURS = OKABE_ITO[:7]
MAX_COLOURED = len(ROUTE_COLOURS)

TOOLTIP_HTML = (
    "<div style='max-width:360px'><b>{who}</b><br/>{where}<br/>{when} · {status} · {sources}"
    "<hr style='margin:6px 0;border:0;border-top:1px solid #ccc'/>"
    "<span style='font-style:italic'>{evidence}</span>"
    "<div style='margin-top:6px;color:#444'>{others}</div></div>"
)
# Draw (and pick) in layer order, arcs under stops under names, whatever their height.
FLAT = {"depthCompare": "always"}
TOOLTIP_STYLE = {
    "backgroundColor": "white",
    "color": "#222222",
    "fontSize": "15px",
    "fontFamily": "'Source Sans', Arial, sans-serif",
    "border": "1px solid #999999",
    "padding": "8px 10px",
    "whiteSpace": "normal",
    "overflowWrap": "anywhere",  # a very long word (a scrape gone wrong) wraps inside
}


def actor_colours(actors: list[str], ranking: list[str] | None = None) -> dict[str, str]:
    """A colour per diplomat in the given order (most stops first); past seven, grey.

    With `ranking` (every diplomat of the database, busiest first), a diplomat among its
    first seven keeps that colour in every view where all shown diplomats are among them,
    so Blinken stays blue from the full map to his own page and across a briefing.

    >>> actor_colours(["A", "B"])
    {'A': '#0072B2', 'B': '#D55E00'}
    >>> actor_colours(["B"], ranking=["A", "B", "C"])
    {'B': '#D55E00'}
    """
    if ranking:
        top = {actor: i for i, actor in enumerate(ranking[:MAX_COLOURED])}
        if all(actor in top for actor in actors):
            return {actor: ROUTE_COLOURS[top[actor]] for actor in actors}
    return {
        actor: ROUTE_COLOURS[i] if i < MAX_COLOURED else GREY for i, actor in enumerate(actors)
    }


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


def fit_view(lats: list[float], lons: list[float], *, width_px: int = 1400,
             height_px: int = 560, pad_left: float = 0.08, pad_right: float = 0.28,
             pad_y: float = 0.14) -> pdk.ViewState:
    """A Web Mercator view that shows every point, with a wider margin on the right so the
    tooltip of an eastern stop is not cut off by the map's edge.

    >>> v = fit_view([50.45, 38.9], [30.52, -77.04])
    >>> -20 < v.longitude < 0, 1.5 < v.zoom < 3.5
    (True, True)
    """
    points = [(la, lo) for la, lo in zip(lats, lons, strict=True)
              if la is not None and lo is not None and not (pd.isna(la) or pd.isna(lo))]
    if not points:
        return pdk.ViewState(latitude=40.0, longitude=10.0, zoom=1.6)

    lat_lo, lat_hi = min(p[0] for p in points), max(p[0] for p in points)
    lon_lo, lon_hi = min(p[1] for p in points), max(p[1] for p in points)
    lon_span = max(lon_hi - lon_lo, 1e-6)
    y_span = max(merc(lat_hi) - merc(lat_lo), 1e-6)
    zoom_x = math.log2(width_px * (1 - pad_left - pad_right) * 360 / (512 * lon_span))
    zoom_y = math.log2(height_px * (1 - 2 * pad_y) * 2 * math.pi / (512 * y_span))
    zoom = max(0.8, min(6.0, zoom_x, zoom_y))
    # Put the data's centre at the middle of the padded box, not of the whole map.
    shift_px = (pad_right - pad_left) / 2 * width_px
    shift_deg = shift_px * 360 / (512 * 2**zoom)
    return pdk.ViewState(
        latitude=unmerc((merc(lat_lo) + merc(lat_hi)) / 2),
        longitude=(lon_lo + lon_hi) / 2 + shift_deg,
        zoom=round(zoom, 2),
        min_zoom=0.5,
        max_zoom=12,
    )


def project(view: pdk.ViewState, lat: float, lon: float, width: int,
            height: int) -> tuple[float, float]:
    """Pixel position of (lat, lon) in a Web Mercator view of width x height (512 px tiles).

    >>> project(pdk.ViewState(latitude=0, longitude=0, zoom=1), 0, 0, 800, 600)
    (400.0, 300.0)
    """
    scale = 512 * 2**view.zoom
    cx, cy = world_pixel(view.latitude, view.longitude, scale)
    px, py = world_pixel(lat, lon, scale)
    return width / 2 + (px - cx), height / 2 + (py - cy)


MAX_LABELS = 25


def place_labels(stops: pd.DataFrame, view: pdk.ViewState, *, width: int,
                 height: int) -> list[dict]:
    """Names to print beside the stops: the best-sourced places first, and none that would
    overlap a name already placed (the rest show in the tooltip and the table)."""
    kinds = stops["place_kind"] if "place_kind" in stops else pd.Series("city", stops.index)
    named = stops.assign(label=[
        p if k != "country" and isinstance(p, str) else country_name(c)
        for p, c, k in zip(stops["place"], stops["country"], kinds, strict=True)
    ])
    places = (
        named.groupby("label", as_index=False)
        .agg(lat=("lat", "first"), lon=("lon", "first"), sources=("sources", "sum"))
        .sort_values(["sources", "label"], ascending=[False, True])
    )
    taken: list[tuple[float, float, float, float]] = []
    out = []
    for r in places.itertuples(index=False):
        x, y = project(view, float(r.lat), float(r.lon), width, height)
        # The label's box: it starts 12 px right of the dot; about 8 px per character.
        box = (x + 6, y - 11, x + 18 + 8 * len(r.label), y + 11)
        if any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3]
               for t in taken):
            continue
        taken.append(box)
        out.append({"text": r.label,
                    "position": [round(float(r.lon), 5), round(float(r.lat), 5)]})
        if len(out) >= MAX_LABELS:
            break
    return out


def basemap_layers() -> list[pdk.Layer]:
    """Land from the bundled shapes: countries in shades of light grey, neighbours told
    apart by shade rather than by border lines (LAND_TINTS). The sea is the chart's
    background colour (SEA_CSS), which avoids drawing a world-sized polygon."""
    return [
        pdk.Layer("GeoJsonLayer", id="countries", data=tinted_countries(), filled=True,
                  stroked=False, get_fill_color="properties.fill", pickable=False),
    ]


# The deck canvas is transparent: its container's background is the sea.
SEA_CSS = (
    "<style>[data-testid='stDeckGlJsonChart'] > div, [data-testid='stDeckGlJsonChart'] canvas"
    "{background:rgb(" + ",".join(str(c) for c in SEA) + ")}</style>"
)


class CompactDeck(pdk.Deck):
    """A pdk.Deck whose JSON has no indentation. pydeck indents its JSON by two spaces, and
    st.pydeck_chart sends it as given and the browser parses it with a JSON5 parser: at a
    few thousand points the whitespace was half of the bytes sent and parsed on every
    draw."""

    def to_json(self) -> str:
        return json.dumps(self, sort_keys=True, default=default_serialize,
                          separators=(",", ":"))


def routes_deck(stops: pd.DataFrame, legs: pd.DataFrame, colours: dict[str, str], *,
                height: int = 560, width: int = 1400, labels: bool = True) -> pdk.Deck:
    """The routes map: basemap, legs as arcs, stops as points sized by sources, place names."""
    stop_data = stop_records(stops, colours)
    leg_data = leg_records(legs, colours)
    layers = basemap_layers()
    layers.append(pdk.Layer(
        "ArcLayer", id="legs", data=leg_data, get_source_position="from",
        get_target_position="to", get_source_color="colour", get_target_color="colour",
        get_width="width", width_units="'pixels'", get_height=0.4, great_circle=False,
        pickable=True, auto_highlight=True, parameters=FLAT,
    ))
    layers.append(pdk.Layer(
        "ScatterplotLayer", id="stops", data=stop_data, get_position="position",
        get_radius="radius", radius_units="'pixels'", get_fill_color="fill",
        get_line_color="line", stroked=True, line_width_min_pixels=2, pickable=True,
        auto_highlight=True, parameters=FLAT,
    ))
    view = fit_view(list(stops["lat"]), list(stops["lon"]), width_px=width, height_px=height)
    if labels and len(stops):
        label_data = place_labels(stops, view, width=width, height=height)
        layers.append(pdk.Layer(
            "TextLayer", id="place-names", data=label_data, get_position="position",
            get_text="text", get_size=15, size_units="'pixels'", get_color=[40, 40, 40, 255],
            get_text_anchor="'start'", get_alignment_baseline="'center'",
            get_pixel_offset=[12, 0], character_set="'auto'",
            font_family="'Source Sans, Arial, sans-serif'",
            font_weight="'600'",
            font_settings={"sdf": True}, outline_width=4, outline_color=[255, 255, 255, 230],
            pickable=False, parameters=FLAT,
        ))
    return CompactDeck(
        layers=layers,
        initial_view_state=view,
        # No tile server: map_provider=None, and pydeck's own map_style placeholder left in
        # place, which Streamlit reads as "no basemap" (map_style=None would make Streamlit
        # fetch its default Carto style from the network).
        map_provider=None,
        tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE},
        height=height,
    )


def legend_html(colours: dict[str, str], counts: dict[str, int] | None = None) -> str:
    """A compact HTML legend: a colour swatch per diplomat and the line styles; names escaped."""
    items = []
    for actor, colour in colours.items():
        if colour == GREY:
            continue
        n = f" ({counts[actor]})" if counts and actor in counts else ""
        items.append(
            f"<span style='display:inline-flex;align-items:center;margin:0 18px 6px 0'>"
            f"<span style='width:16px;height:16px;border-radius:50%;background:{colour};"
            f"display:inline-block;margin-right:6px'></span>{esc(actor)}{esc(n)}</span>"
        )
    others = [a for a, c in colours.items() if c == GREY]
    if others:
        items.append(
            f"<span style='display:inline-flex;align-items:center;margin:0 18px 6px 0'>"
            f"<span style='width:16px;height:16px;border-radius:50%;background:{GREY};"
            f"display:inline-block;margin-right:6px'></span>{len(others)} other diplomats</span>"
        )
    styles = (
        "<span style='display:inline-flex;align-items:center;margin:0 18px 6px 0'>"
        "<span style='width:34px;height:5px;background:#444;display:inline-block;"
        "margin-right:6px'></span>occurred</span>"
        "<span style='display:inline-flex;align-items:center;margin:0 18px 6px 0'>"
        "<span style='width:34px;height:2px;background:#444;opacity:.45;display:inline-block;"
        "margin-right:6px'></span>planned or possible (faint, hollow stop)</span>"
        "<span style='display:inline-flex;align-items:center;margin:0 18px 6px 0'>"
        "dot size: number of sources</span>"
    )
    return (
        "<div style='font-size:16px;line-height:1.5;color:#222;overflow-wrap:anywhere'>"
        + "".join(items)
        + "<br/>"
        + styles
        + "</div>"
    )
