"""Meetings on the routes map: a dark diamond at each place where people met in person, with
who met, how, when, the status and the sources in its tooltip; calls (phone, video) have no
place of their own and are listed beside the map instead (`calls_table`)."""

from __future__ import annotations

import pandas as pd

from ui.escape import shorten
from ui.marks import (
    MAX_OTHERS,
    _count,
    _grouped,
    _sources_text,
    _spot,
    _tip,
    format_when,
    place_label,
)
from ui.scope import and_list

DIAMOND = "\u25c6"  # the meeting mark, drawn as a glyph of the label font
MODE_WORDS = {"in_person": "in person", "phone": "by phone", "video": "by video"}


def _participants(value: object) -> list[str]:
    if value is None or isinstance(value, float):
        return []
    return [str(p) for p in list(value)]


def _mode(value: object) -> str:
    return MODE_WORDS.get(str(value), "in person" if value is None else str(value))


def placed(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings a map can place: in person (or of unknown mode) and with a location."""
    if meetings.empty:
        return meetings
    keep = ~meetings["mode"].isin(["phone", "video"]) & meetings["lat"].notna() \
        & meetings["lon"].notna()
    return meetings[keep]


def meeting_records(meetings: pd.DataFrame) -> list[dict]:
    """Text-layer data: one diamond per place, its tooltip naming each meeting held there.

    meetings columns: participants (list), place, country, place_kind, lat, lon, date,
    date_precision, status, mode, sources, evidence, first_reported.
    """
    records = []
    for spot, rows in _grouped(placed(meetings), lambda r: _spot(r.lat, r.lon)):
        latest = rows[-1]
        lines = [f"{format_when(r.date, r.date_precision, r.first_reported)}: "
                 f"{shorten(and_list(_participants(r.participants)), 160)}, {r.status}"
                 for r in rows[:MAX_OTHERS]]
        if len(rows) > MAX_OTHERS:
            lines.append(f"and {len(rows) - MAX_OTHERS} more")
        single = len(rows) == 1
        who = and_list(_participants(latest.participants)) if single else \
            f"{len(rows)} meetings"
        records.append({
            "who": _tip("Meeting: " + shorten(who, 200)),
            "where": _tip(place_label(latest.place, latest.country,
                                      getattr(latest, "place_kind", "city"))),
            "when": _tip(format_when(latest.date, latest.date_precision,
                                     latest.first_reported)),
            "status": _tip(f"{latest.status}, {_mode(latest.mode)}"),
            "sources": _tip(_sources_text(sum(_count(r.sources) for r in rows))),
            "evidence": _tip(shorten(latest.evidence, 200)),
            "others": _tip("Meetings here: " + "; ".join(lines)) if not single else "",
            "position": [round(spot[1], 5), round(spot[0], 5)],
            "text": DIAMOND,
        })
    return records


def calls_table(meetings: pd.DataFrame) -> pd.DataFrame:
    """Phone and video calls (and meetings the articles place nowhere) as a table."""
    columns = ["Date", "Participants", "How", "Status", "Sources", "Evidence"]
    if meetings.empty:
        return pd.DataFrame(columns=columns)
    placed_ids = set(placed(meetings)["meeting_id"])
    rest = meetings[~meetings["meeting_id"].isin(placed_ids)]
    rows = [{
        "Date": format_when(r.date, r.date_precision, r.first_reported),
        "Participants": and_list(_participants(r.participants)),
        "How": _mode(r.mode) + ("" if r.mode in ("phone", "video") else ", place not given"),
        "Status": r.status,
        "Sources": _count(r.sources),
        "Evidence": r.evidence if isinstance(r.evidence, str) else "",
    } for r in rest.itertuples(index=False)]
    return pd.DataFrame(rows, columns=columns)
