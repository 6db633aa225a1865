"""pydeck maps of routes, pure: DataFrames in, a pdk.Deck out, drawn with no tile server.

The basemap is the bundled Natural Earth country shapes (data/reference/countries.geojson)
under map_provider=None. Tooltip fields are plain text: st.pydeck_chart HTML-escapes every
value it puts into a {field} slot of an html tooltip (escaping here as well showed "&lt;" and
"&#x27;" to the analyst), and the template itself holds only fixed markup and {field} slots.
The browser tests hover hostile names to hold Streamlit to it. Never hand these decks to a
renderer that does not escape (pydeck's own to_html). The legend is HTML built here: escaped.
"""

from __future__ import annotations

import json
import math
from collections import Counter, namedtuple
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from etl.countries import country_name
from ui.charts import GREY, OKABE_ITO
from ui.escape import esc, shorten
from ui.projection import merc, unmerc, world_pixel

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
MAX_OTHERS = 5
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


def hex_to_rgb(colour: str) -> list[int]:
    """[r, g, b] of a #rrggbb colour.

    >>> hex_to_rgb("#0072B2")
    [0, 114, 178]
    """
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)]


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


def _as_date(value: object) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        parts = [int(p) for p in text[:10].split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def format_when(value: object, precision: str | None, reported: object = None) -> str:
    """A date at its precision: "29 Nov 2023", "Dec 2014", "2022", or when it was reported.

    >>> format_when(date(2023, 11, 29), "day")
    '29 Nov 2023'
    >>> format_when("2014-12", "month")
    'Dec 2014'
    >>> format_when(None, "unknown", date(2013, 2, 20))
    'date unknown (reported 20 Feb 2013)'
    """
    when = _as_date(value)
    if when is None:
        seen = _as_date(reported)
        return f"date unknown (reported {seen:%d %b %Y})" if seen else "date unknown"
    if precision == "year":
        return f"{when:%Y}"
    if precision == "month":
        return f"{when:%b %Y}"
    return f"{when:%d %b %Y}".lstrip("0")


def place_label(place: object, country: object, kind: object = "city") -> str:
    """ "Kyiv, Ukraine"; a country-only stop reads "Poland (country only)".

    >>> place_label("Kyiv", "UA")
    'Kyiv, Ukraine'
    >>> place_label("Warsaw", "PL", "country")
    'Poland (country only)'
    """
    name = country_name(country if isinstance(country, str) else None)
    if kind == "country" or not isinstance(place, str) or not place:
        return f"{name} (country only)"
    return f"{place}, {name}"


def _sources_text(n: object) -> str:
    n = int(n) if n is not None and not pd.isna(n) else 0
    return f"{n} source" if n == 1 else f"{n} sources"


def stop_radius(sources: object) -> float:
    """Marker radius in pixels: grows with the square root of the number of sources.

    >>> stop_radius(1), stop_radius(4), stop_radius(400)
    (7.0, 10.0, 22.0)
    """
    n = max(1, int(sources) if sources is not None and not pd.isna(sources) else 1)
    return float(min(22.0, 4.0 + 3.0 * math.sqrt(n)))


def _rgba(colour: str, alpha: int) -> list[int]:
    return hex_to_rgb(colour) + [alpha]


def _tip(value: object) -> str:
    """A tooltip field: plain text (None and NaN as ""), escaped by st.pydeck_chart."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _spot(lat: object, lon: object) -> tuple[float, float]:
    return round(float(lat), 4), round(float(lon), 4)


def _status_text(statuses: list[str]) -> str:
    """One status, or how many of each: "occurred" / "3 occurred, 1 planned".

    >>> _status_text(["planned", "occurred", "occurred"])
    '2 occurred, 1 planned'
    """
    counts = Counter(statuses)
    if len(counts) == 1:
        return statuses[0]
    return ", ".join(f"{n} {status}" for status, n in sorted(
        counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _span_text(whens: list[str], noun: str) -> str:
    """ "3 visits, 4 Mar 2022 to 11 Sep 2024" from the group's dates in time order."""
    dated = [w for w in whens if not w.startswith("date unknown")]
    if not dated:
        return f"{len(whens)} {noun}"
    first, last = dated[0], dated[-1]
    return f"{len(whens)} {noun}, {first}" + ("" if first == last else f" to {last}")


def _time_key(row: tuple) -> tuple[bool, str]:
    """Orders the rows of one point or arc from earliest to latest, undated last."""
    for column in ("sort_day", "day_lo", "date"):
        value = getattr(row, column, None)
        if value is not None and not (isinstance(value, float) and math.isnan(value)) \
                and value is not pd.NaT:
            return False, str(value)
    return True, ""


def _grouped(frame: pd.DataFrame, key) -> list[tuple[object, list]]:
    """Rows grouped by key(row) in order of first appearance, each group in time order.

    Rows are namedtuples built from whole columns (`tolist`), several times faster than
    itertuples over Arrow-backed columns: this runs on every redraw of the map."""
    Row = namedtuple("Row", [str(c) for c in frame.columns], rename=True)
    groups: dict[object, list] = {}
    for values in zip(*(frame[c].tolist() for c in frame.columns), strict=True):
        row = Row(*values)
        groups.setdefault(key(row), []).append(row)
    return [(k, sorted(rows, key=_time_key)) for k, rows in groups.items()]


def _count(value: object) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def stop_records(stops: pd.DataFrame, colours: dict[str, str]) -> list[dict]:
    """Scatterplot data: one point per person and spot, with plain-text tooltip fields.

    stops columns: actor, place, country, lat, lon, date, date_precision, status, sources,
    first_reported, place_kind, evidence, evidence_more (sort_day or day_lo order the visits).
    A person's repeated visits to one place are one point, not a stack of identical dots that
    hide each other (on a large database hundreds of stops fall on a few dozen spots): it
    reads "5 visits, 4 Mar 2022 to 11 Sep 2024", is sized by all their sources, is solid
    when any visit took place, and quotes the latest report.
    """
    groups = _grouped(stops, lambda r: (r.actor, _spot(r.lat, r.lon)))
    # what each person's point says, for the "Also here" line of the others on that spot
    by_spot: dict[tuple[float, float], list[tuple[str, str]]] = {}
    summaries = []
    for (actor, spot), rows in groups:
        whens = [format_when(r.date, r.date_precision, r.first_reported) for r in rows]
        statuses = [str(r.status) for r in rows]
        when = whens[0] if len(rows) == 1 else _span_text(whens, "visits")
        summaries.append((actor, spot, rows, when, statuses))
        by_spot.setdefault(spot, []).append((str(actor), (
            f"{when}, {statuses[0]}" if len(rows) == 1 else f"{len(rows)} visits")))
    records = []
    for actor, spot, rows, when, statuses in summaries:
        colour = colours.get(actor, GREY)
        done = "occurred" in statuses
        latest = rows[-1]
        others = [o for o in by_spot[spot] if o[0] != actor]
        lines = [f"{shorten(name, 120)}, {text}" for name, text in others[:MAX_OTHERS]]
        if len(others) > MAX_OTHERS:
            lines.append(f"and {len(others) - MAX_OTHERS} more")
        evidence = shorten(latest.evidence, 200)  # the whole sentence is in the table below
        more = len(rows) - 1 + sum(_count(getattr(r, "evidence_more", 0)) for r in rows)
        if more:
            evidence += f" (+{more} more)"
        sources = sum(_count(r.sources) for r in rows)
        records.append({
            "who": _tip(shorten(actor, 120)),
            "where": _tip(place_label(latest.place, latest.country,
                                      getattr(latest, "place_kind", "city"))),
            "when": _tip(when),
            "status": _tip(_status_text(statuses)),
            "sources": _tip(_sources_text(sources)),
            "evidence": _tip(evidence),
            "others": _tip("Also here: " + "; ".join(lines)) if lines else "",
            "position": [round(float(latest.lon), 5), round(float(latest.lat), 5)],
            "radius": stop_radius(sources),
            "fill": _rgba(colour, 235 if done else 70),
            "line": [255, 255, 255, 255] if done else _rgba(colour, 255),
        })
    return records


def _precision(value: object) -> str:
    """The precision an ISO period's text has: '2024' year, '2024-09' month, else day."""
    return {4: "year", 7: "month"}.get(len(str(value)) if isinstance(value, str) else 0, "day")


def _leg_class(status: object) -> str:
    return str(status) if status in ("occurred", "cancelled") else "other"


def leg_records(legs: pd.DataFrame, colours: dict[str, str]) -> list[dict]:
    """Arc data: one arc per person, route and kind of status (taken, cancelled, other).

    legs columns: actor, trip_id, seq, from_place, to_place, from_lat, from_lon, to_lat,
    to_lon, date, status. The same flight flown many times is one arc that says how many
    times and from when to when, a little wider for each doubling; occurred legs are thick
    and solid, the rest thin and faint.
    """
    groups = _grouped(legs, lambda r: (r.actor, _spot(r.from_lat, r.from_lon),
                                       _spot(r.to_lat, r.to_lon), _leg_class(r.status)))
    records = []
    for (actor, _, _, kind), rows in groups:
        first = rows[0]
        colour = colours.get(actor, GREY)
        alpha = 235 if kind == "occurred" else (60 if kind == "cancelled" else 110)
        whens = [format_when(r.date, getattr(r, "date_precision", None) or _precision(r.date))
                 for r in rows]
        n = len(rows)
        trips = len({getattr(r, "trip_id", i) for i, r in enumerate(rows)})
        records.append({
            "who": _tip(actor),
            "where": _tip(f"{first.from_place} → {first.to_place}"),
            "when": _tip(whens[0] if n == 1 else _span_text(whens, "legs")),
            "status": _tip(_status_text([str(r.status) for r in rows])),
            "sources": _tip(f"leg {int(first.seq)} of trip" if n == 1 else
                            f"on {trips} trip{'s' if trips != 1 else ''}"),
            "evidence": _tip("Hover the stops at either end for the sentences."),
            "others": "",
            "from": [round(float(first.from_lon), 5), round(float(first.from_lat), 5)],
            "to": [round(float(first.to_lon), 5), round(float(first.to_lat), 5)],
            "colour": _rgba(colour, alpha),
            "width": (4.5 if kind == "occurred" else 2.0) * min(2.0, 1 + math.log2(n) / 4),
        })
    return records


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
