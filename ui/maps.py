"""pydeck maps of routes, pure: DataFrames in, a pdk.Deck out, drawn with no tile server.

One function, `routes_deck`, makes the map of the Routes and People pages and, drawn in
headless chromium by the same deck.gl (ui/export/map_picture.py), the map of the slides: the
same land, legs, dots, meeting marks and names, fitted to the same stops.

The basemap is the bundled Natural Earth country shapes (ui/basemap.py) under
map_provider=None. Tooltip fields are plain text: st.pydeck_chart HTML-escapes every value it
puts into a {field} slot of an html tooltip (escaping here as well showed "&lt;" and "&#x27;"
to the analyst), and the template itself holds only fixed markup and {field} slots. Every
string of the layers' data passes through ui/inert.py, so deck.gl's JSON converter never
reads article text as an expression. The legend is HTML built here: escaped.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from ui import basemap, labels, legs, meeting_marks, trust
from ui.charts import GREY
from ui.escape import esc, shorten
from ui.inert import inert_data
from ui.marks import (
    MAX_OTHERS,
    STATUS_STYLES,
    _spot,
    format_when,
    hex_to_rgb,
    place_label,
    stop_radius,
    stop_records,
)
from ui.projection import merc, unmerc, world_pixel
from ui.spots import Spots

__all__ = ["MAX_OTHERS", "fit_view", "format_when", "hex_to_rgb", "legend_html",
           "place_label", "project", "routes_deck", "stop_radius", "stop_records"]

LAND = basemap.LAND
SEA = basemap.SEA
# The closest a fitted view comes: at zoom 4 a map 860 px wide spans about 38 degrees of
# longitude, so a single stop shows with its neighbouring countries around it.
MAX_FIT_ZOOM = 4.0
MIN_FIT_ZOOM = 0.8
WIDEST_PX = 2600  # the widest map drawn (a 4K screen): land is drawn that far
MEETING_PX = 22  # the size of a meeting's diamond
# characters of a name in the legend: a longer one (a 5,000-character word an article or a
# correction brought) is cut, its whole name kept for hovering, so the legend stays a few
# lines and the map above the fold
LEGEND_NAME_CHARS = 60
# Trust and status round a dot (ui/trust.py): (gap from the dot's edge, line width) px of the
# dark ring that marks a verified stop, and of the dotted ring of one not yet taken place.
VERIFIED_RING = (3.0, 2.5)
VERIFIED_INK = [17, 17, 17, 255]
NOT_YET_RING = (4.5, 0.0)
NOT_YET_DOTS = 12
NOT_YET_DOT_PX = 3.5  # a bullet's width; its font size is about 3.6 times that
# room kept round each dot of people side by side at one place for its rings, whichever it has
RINGS_PX = VERIFIED_RING[0] + VERIFIED_RING[1] + NOT_YET_RING[0] + NOT_YET_DOT_PX / 2

TOOLTIP_HTML = (
    "<div style='max-width:360px'><b>{who}</b><br/>{where}<br/>{when} · {status} · {sources}"
    "<br/>{trust_text}<hr style='margin:6px 0;border:0;border-top:1px solid #ccc'/>"
    "<span style='font-style:italic'>{evidence}</span>"
    "<div style='margin-top:6px;color:#444'>{others}</div></div>"
)
# Draw (and pick) in layer order, legs under stops under names, whatever their height.
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
FONT = "'Source Sans, Arial, sans-serif'"


def fit_view(lats: Sequence[float], lons: Sequence[float], *, width_px: int = 860,
             height_px: int = 560, pad_left: float = 0.06, pad_right: float = 0.16,
             pad_y: float = 0.12) -> pdk.ViewState:
    """A Web Mercator view that shows every point in a map `width_px` wide (the narrowest
    the page draws: wider screens show more around it), with room on the right for the names
    printed beside the dots, never closer than MAX_FIT_ZOOM (a single stop shows with its
    region).

    >>> v = fit_view([50.45, 38.9], [30.52, -77.04])
    >>> -40 < v.longitude < 0, 0.8 <= v.zoom < 3
    (True, True)
    >>> fit_view([50.45], [30.52]).zoom == MAX_FIT_ZOOM
    True
    """
    points = [(la, lo) for la, lo in zip(lats, lons, strict=True)
              if la is not None and lo is not None and not (pd.isna(la) or pd.isna(lo))]
    if not points:
        return pdk.ViewState(latitude=30.0, longitude=10.0, zoom=MIN_FIT_ZOOM)
    lat_lo, lat_hi = min(p[0] for p in points), max(p[0] for p in points)
    lon_lo, lon_hi = min(p[1] for p in points), max(p[1] for p in points)
    lon_span = max(lon_hi - lon_lo, 1e-6)
    y_span = max(merc(lat_hi) - merc(lat_lo), 1e-6)
    zoom_x = math.log2(width_px * (1 - pad_left - pad_right) * 360 / (512 * lon_span))
    zoom_y = math.log2(height_px * (1 - 2 * pad_y) * 2 * math.pi / (512 * y_span))
    zoom = max(MIN_FIT_ZOOM, min(MAX_FIT_ZOOM, zoom_x, zoom_y))
    # Put the data's centre at the middle of the padded box, not of the whole map.
    shift_deg = (pad_right - pad_left) / 2 * width_px * 360 / (512 * 2**zoom)
    return pdk.ViewState(latitude=unmerc((merc(lat_lo) + merc(lat_hi)) / 2),
                         longitude=(lon_lo + lon_hi) / 2 + shift_deg, zoom=round(zoom, 2),
                         min_zoom=0.5, max_zoom=12)


def project(view: pdk.ViewState, lat: float, lon: float, width: float,
            height: float) -> tuple[float, float]:
    """Pixel position of (lat, lon) in a Web Mercator view of width x height (512 px tiles).

    >>> project(pdk.ViewState(latitude=0, longitude=0, zoom=1), 0, 0, 800, 600)
    (400.0, 300.0)
    """
    scale = 512 * 2**view.zoom
    cx, cy = world_pixel(view.latitude, view.longitude, scale)
    px, py = world_pixel(lat, lon, scale)
    return width / 2 + (px - cx), height / 2 + (py - cy)


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


def _spots(stops: pd.DataFrame, zoom: float) -> Spots:
    """The dots of the view, each person's at a shared place moved onto its ring."""
    # keyed by _spot, as stop_records looks them up: pandas' round(4) rounds some values
    # (50.85045) the other way from Python's, and the two people at Brussels were drawn on
    # top of each other
    totals: dict[tuple[str, tuple[float, float]], int] = {}
    for actor, lat, lon, n in zip(stops["actor"], stops["lat"], stops["lon"], stops["sources"],
                                  strict=True):
        key = (str(actor), _spot(lat, lon))
        totals[key] = totals.get(key, 0) + (0 if n is None or pd.isna(n) else int(n))
    return Spots(((actor, spot, stop_radius(n) + RINGS_PX) for (actor, spot), n in totals.items()),
                 zoom)


def ring_extent(record: dict) -> float:
    """How far past its dot a stop's rings reach, px: the dark ring of a verified stop
    (VERIFIED_RING), then the dotted ring of one that has not taken place (NOT_YET_RING)."""
    verified = VERIFIED_RING[0] + VERIFIED_RING[1] / 2 if record["trust"] == trust.VERIFIED \
        else 0.0
    return verified + (NOT_YET_RING[0] + NOT_YET_DOT_PX / 2 if not record["filled"] else 0.0)


def not_yet_dots(record: dict) -> list[dict]:
    """The dotted ring round a stop that has not taken place (planned, possible, cancelled):
    NOT_YET_DOTS bullets at pixel offsets, so the ring keeps its size as the map zooms and
    reads like the dashed line of a leg that has not been travelled.

    >>> dots = not_yet_dots({"position": [0, 0], "radius": 7.0, "trust": "unreviewed",
    ...                      "filled": False, "colour": [1, 2, 3]})
    >>> len(dots), dots[0]["offset"]
    (12, [0.0, -11.5])
    """
    inner = record["radius"] + (VERIFIED_RING[0] + VERIFIED_RING[1]
                                if record["trust"] == trust.VERIFIED else 0.0)
    ring = inner + NOT_YET_RING[0]
    return [{"position": record["position"], "text": "•", "colour": record["colour"] + [255],
             "offset": [round(ring * math.sin(a), 1), round(-ring * math.cos(a), 1)]}
            for a in (2 * math.pi * k / NOT_YET_DOTS for k in range(NOT_YET_DOTS))]


def _ring_layers(stop_data: list[dict]) -> list[pdk.Layer]:
    """A dark ring round each verified stop; a dotted ring round each that has not taken
    place. Neither is pickable: the dot under them answers the mouse."""
    verified = [{"position": r["position"], "radius": r["radius"] + VERIFIED_RING[0]}
                for r in stop_data if r["trust"] == trust.VERIFIED]
    dots = [d for r in stop_data if not r["filled"] for d in not_yet_dots(r)]
    layers = []
    if verified:
        layers.append(pdk.Layer(
            "ScatterplotLayer", id="verified-rings", data=verified, get_position="position",
            get_radius="radius", radius_units="'pixels'", filled=False, stroked=True,
            get_line_color=VERIFIED_INK, get_line_width=VERIFIED_RING[1],
            line_width_units="'pixels'", pickable=False, parameters=FLAT))
    if dots:
        layers.append(pdk.Layer(
            "TextLayer", id="not-yet-rings", data=dots, get_position="position",
            get_text="text", get_size=NOT_YET_DOT_PX * 3.6, size_units="'pixels'",
            get_color="colour", get_pixel_offset="offset", get_text_anchor="'middle'",
            get_alignment_baseline="'center'", character_set="'auto'", font_family=FONT,
            pickable=False, parameters=FLAT))
    return layers


def _label_layer(label_data: list[dict]) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer", id="place-names", data=inert_data(label_data), get_position="position",
        get_text="text", get_size=labels.FONT_PX, size_units="'pixels'",
        get_color=[30, 30, 30, 255], get_text_anchor="anchor",
        get_alignment_baseline="baseline", get_pixel_offset="offset",
        character_set="'auto'", font_family=FONT, font_weight="'600'",
        font_settings={"sdf": True}, outline_width=labels.HALO_PX,
        outline_color=[255, 255, 255, 235], pickable=False, parameters=FLAT)


def _names(stops: pd.DataFrame, stop_data: list[dict], meetings: pd.DataFrame | None,
           meeting_data: list[dict], chosen: Sequence[str], view: pdk.ViewState, width: int,
           height: int) -> list[dict]:
    """The place names of the view (ui/labels.py), clear of every dot and diamond."""
    screen = labels.Screen(view.latitude, view.longitude, view.zoom, width, height)
    dots: list[labels.Dot] = []
    clearance: dict[tuple[float, float], float] = {}
    for record in stop_data:
        x, y = screen.xy(record["position"])
        ax, ay = screen.xy(record["anchor"])
        dots.append((x, y, record["reach"] + 1.5))
        key = (round(record["anchor"][1], 4), round(record["anchor"][0], 4))
        reach = math.hypot(x - ax, y - ay) + record["reach"] + 1.5
        clearance[key] = max(clearance.get(key, 0.0), reach)
    for record in meeting_data:
        x, y = screen.xy(record["position"])
        dots.append((x, y, MEETING_PX / 2))
        key = (round(record["position"][1], 4), round(record["position"][0], 4))
        clearance[key] = max(clearance.get(key, 0.0), MEETING_PX / 2)
    placed = meeting_marks.placed(meetings) if meetings is not None else None
    return labels.place(labels.candidates(stops, chosen, placed), screen, dots, clearance)


def routes_deck(stops: pd.DataFrame, leg_rows: pd.DataFrame, colours: dict[str, str], *,
                meetings: pd.DataFrame | None = None, chosen: Sequence[str] = (),
                height: int = 560, width: int = 860, interactive: bool = True,
                view: pdk.ViewState | None = None) -> pdk.Deck:
    """The routes map: land, legs as curves (dashed unless they took place), stops as dots
    (a dotted ring round those that did not take place; hollow when nobody reviewed them and
    their confidence is low, a dark ring round verified ones; side by side where people
    shared a place), meetings as diamonds, place names by priority (the `chosen` diplomats'
    places first). Status is a line's dash and a dot's ring, trust a dot's fill and rim:
    the two never share a channel.

    The view fits every stop in a map `width` x `height` px (or is `view`, to keep one frame
    through a playback). The names are placed for that view at `width` x `height`, the
    same on the page and the slide. `interactive`: tooltips and highlight on hover (the
    page); otherwise a still picture (the slide).
    """
    if view is None:
        view = fit_view(list(stops["lat"]), list(stops["lon"]), width_px=width,
                        height_px=height)
    spots = _spots(stops, view.zoom)
    stop_data = stop_records(stops, colours, spots)
    for record in stop_data:
        record["reach"] = record["radius"] + ring_extent(record)
    routes, pieces = legs.leg_records(leg_rows, colours, zoom=view.zoom,
                                      position=spots.position)
    half = WIDEST_PX / 2 * 360 / (512 * 2**view.zoom)
    layers = [basemap.basemap_layer(view.longitude - half, view.longitude + half)]
    layers.append(pdk.Layer(
        "PathLayer", id="legs", data=inert_data(routes), get_path="path",
        get_color="colour", get_width="width", width_units="'pixels'", cap_rounded=True,
        joint_rounded=True, pickable=interactive, auto_highlight=interactive,
        parameters=FLAT))
    layers.append(pdk.Layer(
        "PathLayer", id="leg-dashes", data=pieces, get_path="path", get_color="colour",
        get_width="width", width_units="'pixels'", cap_rounded=False, pickable=False,
        parameters=FLAT))
    layers.append(pdk.Layer(
        "LineLayer", id="shared-places", data=spots.leaders(), get_source_position="from",
        get_target_position="to", get_color=[90, 90, 90, 200], get_width=1.2,
        width_units="'pixels'", pickable=False, parameters=FLAT))
    layers.append(pdk.Layer(
        "ScatterplotLayer", id="stops", data=inert_data(stop_data), get_position="position",
        get_radius="radius", radius_units="'pixels'", get_fill_color="fill",
        get_line_color="line", get_line_width="line_width", line_width_units="'pixels'",
        stroked=True, pickable=interactive, auto_highlight=interactive, parameters=FLAT))
    layers += _ring_layers(stop_data)
    shown_meetings = meeting_marks.meeting_records(meetings) if meetings is not None else []
    if shown_meetings:
        layers.append(pdk.Layer(
            "TextLayer", id="meetings", data=inert_data(shown_meetings),
            get_position="position", get_text="text", get_size=MEETING_PX, size_units="'pixels'",
            get_color=[35, 35, 35, 255], character_set="'auto'",
            font_family=FONT, font_settings={"sdf": True}, outline_width=3,
            outline_color=[255, 255, 255, 255], get_text_anchor="'middle'",
            get_alignment_baseline="'center'", pickable=interactive,
            auto_highlight=interactive, parameters=FLAT))
    label_data = _names(stops, stop_data, meetings, shown_meetings, chosen, view, width,
                        height)
    if label_data:
        layers.append(_label_layer(label_data))
    return CompactDeck(
        layers=layers,
        initial_view_state=view,
        # No tile server: map_provider=None, and pydeck's own map_style placeholder left in
        # place, which Streamlit reads as "no basemap" (map_style=None would make Streamlit
        # fetch its default Carto style from the network).
        map_provider=None,
        tooltip={"html": TOOLTIP_HTML, "style": TOOLTIP_STYLE} if interactive else False,
        height=height,
    )


def _item(swatch: str, text: str, whole: str = "") -> str:
    """A swatch and its words (HTML, escaped by the caller); `whole`, plain text, the words
    in full for hovering when the item shows them cut."""
    title = f" title='{esc(whole)}'" if whole else ""
    return ("<span style='display:inline-flex;align-items:center;margin:0 16px 4px 0'>"
            f"{swatch}<span style='margin-left:6px'{title}>{text}</span></span>")


def _name_item(colour: str, actor: str, count: int | None = None) -> str:
    """A diplomat's legend entry: the name (cut past LEGEND_NAME_CHARS, whole on hover) and
    the number of stops drawn.

    >>> "Z…" in _name_item("#0072B2", "Z" * 500) and "title='ZZZ" in _name_item("#000", "Z" * 500)
    True
    >>> "title" in _name_item("#0072B2", "Antony Blinken", 8)
    False
    """
    name = shorten(actor, LEGEND_NAME_CHARS)
    text = esc(name) + (esc(f" ({count})") if count is not None else "")
    return _item(_dot(colour), text, whole=actor if name != " ".join(actor.split()) else "")


def _line(dash: tuple[float, float], width: float) -> str:
    on, off = dash
    fill = "#444" if on == 0 else (f"repeating-linear-gradient(90deg,#444 0 {on}px,"
                                   f"transparent {on}px {on + off}px)")
    return (f"<span style='width:38px;height:{width:.0f}px;background:{fill};"
            "display:inline-block'></span>")


def _dot(colour: str, *, hollow: bool = False, ring: str = "") -> str:
    """A legend swatch: a solid (or hollow) dot, with a ring round it when `ring` is a CSS
    border ("2.5px solid #111", "2px dotted #444")."""
    inside = "white" if hollow else colour
    rim = f"3px solid {colour}" if hollow else "1px solid white"
    dot = (f"<span style='width:14px;height:14px;border-radius:50%;background:{inside};"
           f"border:{rim};display:inline-block;box-sizing:border-box'></span>")
    if not ring:
        return dot
    return (f"<span style='border-radius:50%;border:{ring};padding:2px;display:inline-flex'>"
            f"{dot}</span>")


def legend_html(colours: dict[str, str], counts: dict[str, int] | None = None) -> str:
    """A compact HTML legend: a swatch per diplomat (in their stable colours), then what the
    lines and rings say of status and what fills and rims say of trust; names escaped, and
    cut past LEGEND_NAME_CHARS (whole on hover)."""
    items = [_name_item(colour, actor, counts.get(actor) if counts else None)
             for actor, colour in colours.items() if colour != GREY]
    others = [a for a, c in colours.items() if c == GREY]
    if others:
        items.append(_name_item(GREY, others[0]) if len(others) == 1 else
                     _item(_dot(GREY), f"{len(others)} other diplomats (grey)"))
    status = [_item(_line(STATUS_STYLES[s].dash, STATUS_STYLES[s].width), words)
              for s, words in (("occurred", "took place"), ("planned", "planned"),
                               ("possible", "possible"), ("cancelled", "cancelled"))]
    status += [_item(_dot("#444", ring="2px dotted #444"), "dotted ring: stop not yet made"),
               _item(f"<span style='font-size:20px;color:#232323'>{meeting_marks.DIAMOND}"
                     "</span>", "meeting"),
               _item("", "dot size: number of sources")]
    trusted = [_item(_dot("#444", ring="2.5px solid #111"), trust.LEGEND[trust.VERIFIED]),
               _item(_dot("#444"), trust.LEGEND[trust.SURE]),
               _item(_dot("#444", hollow=True), f"hollow: {trust.LEGEND[trust.LOW]}")]
    return ("<div style='font-size:15px;line-height:1.45;color:#222;overflow-wrap:anywhere'>"
            + "".join(items) + "<br/>" + "<b style='margin-right:8px'>Status</b>"
            + "".join(status) + "<br/><b style='margin-right:8px'>Trust</b>"
            + "".join(trusted) + "</div>")
