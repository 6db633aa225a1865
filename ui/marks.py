"""The map's marks as plain records: one point per person and place with its plain-text
tooltip fields (st.pydeck_chart escapes them), the style that shows a status (a dashed line,
a dotted ring round a dot) and the trust that shows in a dot's fill (hollow: unreviewed and
low confidence; a dark ring: verified; ui/trust.py), and the date and place wording the
tables share. Legs: ui/legs.py; meetings:
ui/meeting_marks.py; several people at one place: ui/spots.py."""

from __future__ import annotations

import math
from collections import Counter, namedtuple
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import pandas as pd

from etl.countries import country_name
from ui import trust
from ui.charts import GREY
from ui.escape import shorten

if TYPE_CHECKING:
    from ui.spots import Spots

MAX_OTHERS = 5  # other people named in a point's tooltip; the rest are counted


def hex_to_rgb(colour: str) -> list[int]:
    """[r, g, b] of a #rrggbb colour.

    >>> hex_to_rgb("#0072B2")
    [0, 114, 178]
    """
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)]



@dataclass(frozen=True)
class MarkStyle:
    """How a mark shows its status: a solid or dashed line, and for a dot whether it took
    place (`filled`: no ring round it) or not yet (a dotted ring in its colour). The dot's
    fill itself shows trust, not status (paint), so the two never share one channel."""

    filled: bool
    dash: tuple[float, float]  # px drawn, px left out; (0, 0) is a solid line
    width: float  # px


STATUS_STYLES = {
    "occurred": MarkStyle(True, (0.0, 0.0), 4.5),
    "planned": MarkStyle(False, (12.0, 7.0), 3.0),
    "possible": MarkStyle(False, (4.0, 6.0), 3.0),
    "cancelled": MarkStyle(False, (1.5, 6.5), 2.5),
}


def style_for(status: object) -> MarkStyle:
    """The style of a status; an unknown one is drawn as planned.

    >>> style_for("occurred").filled, style_for("planned").dash
    (True, (12.0, 7.0))
    """
    return STATUS_STYLES.get(str(status), STATUS_STYLES["planned"])


def paint(record: dict) -> dict:
    """Fill and line colours of a point from its "colour" and "trust" fields: a solid dot in
    the diplomat's colour with a white rim, or, for facts nobody reviewed and the extraction
    is unsure of (trust LOW), a hollow white dot ringed in that colour (never a paler shade
    of it, which read as another diplomat). "hollow" and "line_width" say which."""
    colour = list(record["colour"])[:3]
    record["hollow"] = record.get("trust") == trust.LOW
    if record["hollow"]:
        record["fill"], record["line"] = [255, 255, 255, 235], colour + [255]
        record["line_width"] = 3.0
    else:
        record["fill"], record["line"] = colour + [240], [255, 255, 255, 255]
        record["line_width"] = 1.5
    return record


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


def stop_records(stops: pd.DataFrame, colours: dict[str, str],
                 spots: Spots | None = None) -> list[dict]:
    """Scatterplot data: one point per person and spot, with plain-text tooltip fields.

    stops columns: actor, place, country, lat, lon, date, date_precision, status, sources,
    first_reported, place_kind, evidence, evidence_more (sort_day or day_lo order the visits).
    A person's repeated visits to one place are one point, not a stack of identical dots that
    hide each other (on a large database hundreds of stops fall on a few dozen spots): it
    reads "5 visits, 4 Mar 2022 to 11 Sep 2024", is sized by all their sources, took place
    when any visit did (a dotted ring round it otherwise), and quotes the latest report. Its
    trust is the visits' (ui/trust.group_class: verified when all are, hollow when all are
    unreviewed with low confidence); review_state, confidence and reviewed_by are read when
    the frame has them. With `spots` (ui/spots.py), several people at one place are drawn
    side by side around it.
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
        anchor = [round(float(latest.lon), 5), round(float(latest.lat), 5)]
        style = style_for("occurred" if "occurred" in statuses else statuses[-1])
        trusts = [_trust(r) for r in rows]
        records.append(paint({
            "who": _tip(shorten(actor, 120)),
            "where": _tip(place_label(latest.place, latest.country,
                                      getattr(latest, "place_kind", "city"))),
            "when": _tip(when),
            "status": _tip(_status_text(statuses)),
            "sources": _tip(_sources_text(sources)),
            "evidence": _tip(evidence),
            "others": _tip("Also here: " + "; ".join(lines)) if lines else "",
            "anchor": anchor,
            "position": spots.position(str(actor), spot) if spots else anchor,
            "radius": stop_radius(sources),
            "colour": hex_to_rgb(colour),
            "filled": style.filled,
            "trust": trust.group_class([c for c, _ in trusts]),
            "trust_text": _tip(trust.group_text(trusts)),
            "actor": str(actor),
        }))
    return records


def _trust(row) -> tuple[str, str]:
    """(class, words) of one stop's trust (ui/trust.py), from its columns where it has them."""
    state, confidence = getattr(row, "review_state", None), getattr(row, "confidence", None)
    return (trust.trust_class(state, confidence),
            trust.trust_text(state, confidence, getattr(row, "reviewed_by", None)))


def _precision(value: object) -> str:
    """The precision an ISO period's text has: '2024' year, '2024-09' month, else day."""
    return {4: "year", 7: "month"}.get(len(str(value)) if isinstance(value, str) else 0, "day")


