"""Review to map, in a real browser on the sample database (data/articles): in the review queue
narrowed to one diplomat, verify two facts, reject one, withdraw the rejection, rebuild with
`python -m etl build`; the states are as left, and the routes map the server sends draws the
two verified stops solid with the dark ring of a verified stop and the one still unreviewed,
of low confidence, hollow (read off the deck.gl JSON the browser received, then seen in the
canvas's pixels). The legend says what hollow and the ring mean.

The queue lists the least sure facts first; narrowed to the visits of the sample's Donald
Trump that took place, it starts with four visits at 0.53 and 0.61, each alone at its place
under that filter, so the three facts acted on are three dots of the map.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from etl import settings
from tests.browser.conftest import RunSpy, screenshot, wait_for_app
from tests.browser.maptools import (
    DeckSpy,
    canvas_box,
    canvas_pixels_once,
    layer,
    near,
    on_canvas,
    open_drawn_map,
)
from tests.browser.test_review_queue import CARD, card_fact, lines, sample_server, state_of
from tests.readdb import query
from ui import maps, trust

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCOPE = "diplomat=Donald+Trump&status=occurred"  # the sidebar's filters, in the address
__all__ = ["sample_server"]  # the fixture, shared with the queue's own test


def reviewed(page, n: int) -> None:
    page.get_by_text(f"{n} of ", exact=False).filter(has_text="reviewed").first.wait_for(
        state="visible", timeout=30_000)
    wait_for_app(page)


def state(db: Path, mention_id: str) -> str:
    """The review state the build gave one fact."""
    [(found,)] = query(db, "select review_state from review_facts where mention_id = ?",
                       [mention_id])
    return found


def stop_of(db: Path, mention_id: str) -> tuple[str, str, str]:
    """(stop_id, the place as its dot names it, review_state) of the stop a visit mention
    was merged into."""
    [(stop_id, place, country, kind, state)] = query(db, """
        select s.stop_id, s.place, s.country, s.place_kind, s.review_state
        from event_mentions e join stops s on s.stop_id = e.event_id
        where e.event_type = 'stop' and e.mention_id = ?""", [mention_id])
    return stop_id, maps.place_label(place, country, kind), state


def test_reviewed_stops_are_solid_and_marked_and_a_weak_one_hollow(sample_server, page):
    base, db, path = sample_server
    runs = RunSpy(page)
    page.goto(f"{base}/")
    wait_for_app(page, "Routes")
    page.goto(f"{base}/review-queue?week=all&{SCOPE}")
    wait_for_app(page, "reviewed")
    head = page.get_by_text(" reviewed", exact=False).first.inner_text()
    start = int(head.split(" of ")[0].split()[-1])

    # The least sure facts come first. Act on visits whose stop is not weak, skip the rest
    # (meetings, weak stops), so that weak stops stay unreviewed for the map to draw hollow.
    def actionable(mention: str) -> bool:
        rows = query(db, """
            select s.confidence from event_mentions e join stops s on s.stop_id = e.event_id
            join review_facts r on r.mention_id = e.mention_id and r.fact_type = 'visit'
            where e.event_type = 'stop' and e.mention_id = ?""", [mention])
        return bool(rows) and rows[0][0] >= trust.LOW_CONFIDENCE

    facts = []
    actions = ["Verify", "Verify", "Reject"]
    for _ in range(60):
        if not actions:
            break
        shown = card_fact(page)
        if not actionable(shown):
            before = runs.started
            page.get_by_role("button", name="Skip for now").click()
            page.wait_for_function(  # the next fact on the card, then the run's end
                "([sel, old]) => { const e = document.querySelector(sel);"
                " return e && !e.innerText.includes('Fact ' + old + '.'); }",
                arg=[CARD, shown], timeout=30_000)
            runs.idle(page, before)
            continue
        facts.append(shown)
        page.get_by_role("button", name=actions.pop(0)).click()
        reviewed(page, start + len(facts))
    assert not actions, "the queue ran out of visits to act on"
    first, second, third = facts
    written = lines(path)[-3:]
    assert [x["action"] for x in written] == ["verify", "verify", "reject"]
    assert all(x["target"]["type"] == "visit" for x in written), written
    page.locator(f".st-key-withdraw_{written[2]['id']}").get_by_role(
        "button", name="Withdraw").click()
    reviewed(page, start + 2)
    assert card_fact(page) == third  # the withdrawn rejection's fact is back in the queue
    screenshot(page, "trust-review-queue")

    done = subprocess.run([sys.executable, "-m", "etl", "build", "--articles",
                           str(settings.ARTICLES_DIR), "--db", str(db), "--corrections",
                           str(path)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert [state(db, m) for m in facts] == ["verified", "verified", "unreviewed"]
    assert "verified" in state_of(db, written[0]) and "verified" in state_of(db, written[1])
    verified_stops = [stop_of(db, m) for m in (first, second)]
    assert [s[2] for s in verified_stops] == ["verified", "verified"]
    assert stop_of(db, third)[2] == "unreviewed"  # the withdrawn rejection left no mark
    # a place of his where every stop is unreviewed and below the line: its dot is hollow
    weak_places = query(db, """
        select place, country, place_kind from stops
        where actor = 'Donald Trump' and status = 'occurred'
        group by place, country, place_kind
        having bool_and(review_state = 'unreviewed' and confidence < ?)
        order by max(confidence), place""", [trust.LOW_CONFIDENCE])
    assert weak_places, "the sample holds no weak stop of his"
    weak_stop = (None, maps.place_label(*weak_places[0]), "unreviewed")

    spy = DeckSpy(page)
    page.goto(f"{base}/route-map?{SCOPE}")
    wait_for_app(page, "Stops and the sentences behind them")
    spec = spy.last()
    dots = layer(spec, "stops")
    by_place = {d["where"]: d for d in dots}
    rings = [r["position"] for r in layer(spec, "verified-rings")]
    for _, place, _ in verified_stops:
        dot = by_place[place]
        assert (dot["trust"], dot["hollow"]) == ("verified", False), dot
        assert dot["fill"][:3] == dot["colour"][:3]  # solid in the diplomat's colour
        assert dot["position"] in rings
        assert dot["trust_text"].startswith("verified by queue-browser")
    weak = by_place[weak_stop[1]]
    assert (weak["trust"], weak["hollow"]) == ("low", True), weak
    assert weak["fill"][:3] == [255, 255, 255] and weak["line"][:3] == weak["colour"][:3]
    assert weak["position"] not in rings
    legend = page.locator("[data-testid='stHtml']").filter(has_text="Trust").first.inner_text()
    assert "verified by an analyst" in legend and "hollow: unreviewed" in legend

    # What the canvas shows, on his whole map: a hollow dot's centre is white, a verified
    # one's its colour (dots under a meeting's diamond left out: it covers their centre).
    open_drawn_map(page, f"{base}/route-map?diplomat=Donald+Trump",
                   "Stops and the sentences behind them")
    whole = spy.last()
    box = canvas_box(page)
    covered = [m["position"] for m in layer(whole, "meetings")]
    free = [d for d in layer(whole, "stops") if d["position"] not in covered]
    hollow = [d for d in free if d["hollow"]]
    assert hollow and any(d["trust"] == "verified" for d in layer(whole, "stops")), free
    # a verified dot's centre where one is free of a diamond, a solid unverified one's else
    solid = [d for d in free if d["trust"] == "verified"] or [d for d in free if not d["hollow"]]
    assert solid, free
    centres = ((hollow[0], [255, 255, 255]), (solid[0], solid[0]["colour"]))

    def shows(pixels, dot: dict, inside: list[int]) -> bool:
        x, y = on_canvas(whole, dot["position"], box)
        return near(pixels, x, y, 2, inside, tolerance=60) > 0

    pixels = canvas_pixels_once(page, lambda px: all(shows(px, d, c) for d, c in centres))
    for dot, inside in centres:
        assert shows(pixels, dot, inside), (dot["where"], inside)
    screenshot(page, "trust-routes-map", full=False)

    rows = page.locator(".shuttle-table tr.low")
    assert rows.count() >= 1 and "low confidence" in rows.first.inner_text()
    assert page.locator(".shuttle-table tr.verified").count() >= 2
    assert page.console_errors == [], page.console_errors
