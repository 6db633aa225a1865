"""Place names on the map (ui/labels.py): placed around their dots by priority, none over
another name, a dot or the map's edge; the page and the slide print the same ones."""

from __future__ import annotations

import json
import random

import pandas as pd

from ui import labels, maps
from ui.textsize import text_width


def stop(actor: str, place: str, lat: float, lon: float, sources: int = 1,
         country: str = "FR") -> dict:
    return {"actor": actor, "place": place, "country": country, "lat": lat, "lon": lon,
            "sources": sources, "place_kind": "city", "date": "2024-01-01",
            "date_precision": "day", "status": "occurred", "first_reported": None,
            "evidence": f"{actor} arrived in {place}.", "evidence_more": 0,
            "sort_day": pd.Timestamp("2024-01-01"), "stop_id": f"{actor}-{place}"}


def boxes(placed: list[dict], screen: labels.Screen) -> list[tuple]:
    """The boxes the names take, rebuilt from what deck.gl is told (offset, anchor)."""
    out = []
    for name in placed:
        x, y = screen.xy(name["position"])
        x, y = x + name["offset"][0], y + name["offset"][1]
        width = text_width(name["text"], labels.FONT_PX, bold=True)
        left = {"start": x, "end": x - width, "middle": x - width / 2}[name["anchor"]]
        top = {"center": y - labels.LINE_PX / 2, "top": y,
               "bottom": y - labels.LINE_PX}[name["baseline"]]
        out.append((left, top, left + width, top + labels.LINE_PX))
    return out


def overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_names_never_overprint_each_other_dots_or_the_edge():
    rng = random.Random(7)
    screen = labels.Screen(48.0, 10.0, 4.0, 600, 400)
    names, dots = [], []
    for i in range(60):
        lon, lat = 10 + rng.uniform(-12, 12), 48 + rng.uniform(-7, 7)
        names.append({"text": f"Place {i} {'x' * rng.randint(0, 8)}",
                      "position": [lon, lat]})
        x, y = screen.xy([lon, lat])
        dots.append((x, y, 7.0))
    clearance = {(round(n["position"][1], 4), round(n["position"][0], 4)): 7.0
                 for n in names}
    placed = labels.place(names, screen, dots, clearance)
    assert 8 <= len(placed) < 60  # some fit, the crowd does not
    taken = boxes(placed, screen)
    for i, b in enumerate(taken):
        assert b[0] >= -0.5 and b[1] >= -0.5 and b[2] <= 600.5 and b[3] <= 400.5, b
        assert not any(overlap(b, other) for other in taken[:i])
        for x, y, r in dots:
            nx, ny = min(max(x, b[0]), b[2]), min(max(y, b[1]), b[3])
            assert (nx - x) ** 2 + (ny - y) ** 2 >= (r - 0.5) ** 2, (placed[i], (x, y))
    # not only right of the dot: the crowd makes some names go left, above or below
    assert len({(n["anchor"], n["baseline"]) for n in placed}) >= 2


def test_a_name_at_the_right_edge_goes_left_of_its_dot():
    screen = labels.Screen(0.0, 0.0, 3.0, 400, 300)
    lon = 0.0
    while screen.xy([lon, 0.0])[0] < 385:  # a dot 15 px from the right edge
        lon += 0.05
    placed = labels.place([{"text": "United Arab Emirates", "position": [lon, 0.0]}],
                          screen, [(*screen.xy([lon, 0.0]), 7.0)], {(0.0, round(lon, 4)): 7})
    assert [n["anchor"] for n in placed] == ["end"]


def test_the_chosen_diplomats_places_are_named_first():
    stops = pd.DataFrame([stop("A", "Lyon", 45.76, 4.84, sources=9),
                          stop("B", "Grenoble", 45.19, 5.72, sources=1)])
    ranked = labels.candidates(stops, chosen=["B"])
    assert [c["text"] for c in ranked] == ["Grenoble", "Lyon"]
    assert [c["text"] for c in labels.candidates(stops)] == ["Lyon", "Grenoble"]


def test_a_meeting_place_is_named_even_without_a_stop():
    stops = pd.DataFrame([stop("A", "Lyon", 45.76, 4.84)])
    meetings = pd.DataFrame([{"meeting_id": "m", "participants": ["A", "C"],
                              "place": "Geneva", "country": "CH", "place_kind": "city",
                              "lat": 46.2, "lon": 6.14, "sources": 1, "mode": "in_person"}])
    assert {c["text"] for c in labels.candidates(stops, meetings=meetings)} == {
        "Lyon", "Geneva"}


def test_the_page_and_the_slide_print_the_same_names():
    stops = pd.DataFrame([stop("A", "Paris", 48.86, 2.35, 3), stop("A", "Berlin", 52.52,
                                                                  13.40, 2, "DE"),
                          stop("B", "Warsaw", 52.23, 21.01, 1, "PL")])
    legs = pd.DataFrame(columns=["actor", "trip_id", "seq", "from_place", "to_place",
                                 "from_lat", "from_lon", "to_lat", "to_lon", "date",
                                 "status"])
    colours = {"A": "#0072B2", "B": "#D55E00"}
    page, slide = (json.loads(maps.routes_deck(stops, legs, colours, interactive=i).to_json())
                   for i in (True, False))

    def names(spec):
        return next(x for x in spec["layers"] if x["id"] == "place-names")

    assert names(page)["data"] == names(slide)["data"]
    assert {n["text"] for n in names(page)["data"]} == {"Paris", "Berlin", "Warsaw"}
    assert "extensions" not in names(page)  # no collision filter: it hid every name
