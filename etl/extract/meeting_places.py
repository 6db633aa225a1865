"""Where a meeting is, and who came to it: the "in / at" place of the meeting word or of
its verb, the destination of the visit it belongs to, the gathering told before; and the
guests of a party at home there.
"""

from __future__ import annotations

from etl.extract.context import View
from etl.extract.events_told import gathering_of
from etl.extract.lexicon import LEX
from etl.extract.syntax import AheadOf, argued_for, governors
from etl.extract.visit_places import attachment, is_modifier


def place_of(trigger, view: View, within: tuple[int, int] | None = None
           ) -> tuple[str | None, str | None, int]:
    """Where the meeting is, and how near the grammar puts it (0 and 1: a place of the
    meeting's own clause; 2: the visit it belongs to; 3: the gathering told before): an
    "in / at" place of the meeting word or of its verb, or the destination of the visit it
    belongs to; only places within the character range `within` when it is given and
    holds one ("A in Nairobi on Monday and B in Kampala")."""
    candidates = []
    chain = [g for g in governors(trigger) if not isinstance(g, AheadOf)]
    for place in view.places:
        if within is not None and not within[0] <= place.start < within[1]:
            continue
        if is_modifier(view.text, place):
            continue
        span = view.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        if _located_at(tok) in chain:
            candidates.append((0, place))
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at") and tok.head.head in chain:
            candidates.append((0, place))
            continue
        if trigger.dep_ == "relcl" and trigger.head == tok:
            candidates.append((1, place))  # "a visit to Kyiv where he met"
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at") and tok.head.head in (
                trigger.subtree) and tok.head.head.pos_ == "PROPN" and view.person_at(
                tok.head.head):
            candidates.append((1, place))  # "talks between A and B in Brussels"
            continue
        link = attachment(tok, view)
        if link and link[1] in ("dest", "presence"):
            linked = link[0]
            if linked.dep_ == "pobj" and linked.head.lower_ in ("after", "before", "following",
                                                                "ahead", "since"):
                continue  # "after a visit to Irpin, they met": not at Irpin
            if linked in trigger.subtree or trigger in linked.subtree or linked in chain or (
                    linked.dep_ == "dobj" and (linked.head in chain or trigger.dep_ == "advcl"
                                               and trigger.tag_ == "VBG"
                                               and linked.head == trigger.head)):
                # "paid a state visit to Turkmenistan, meeting President X": the visit the
                # meeting's verb took
                candidates.append((2, place))
    if not candidates and within is not None:
        return place_of(trigger, view)
    if not candidates:
        told = next(filter(None, (gathering_of(g, view) for g in chain)), None)
        return (told.name, told.country, 3) if told else (None, None, 3)
    rank, best = min(candidates, key=lambda c: c[0])
    return best.name, best.country, rank


def guests(group: list[str], country: str | None, view: View) -> list[str]:
    """Who came to a meeting in their host's own country: "X held talks with his Laotian
    counterpart in Moscow" (X Russian) makes the Laotian a visitor. Only where one of the
    parties is at home there, or the only one whose home is unknown, and the other's home is
    known to be elsewhere."""
    if not country or view.roster is None:
        return []
    homes = {p: view.roster.home_of(p) for p in group}
    unknown = [p for p, home in homes.items() if home is None]
    # "Premier Li Qiang met Gabonese President X in Beijing": one side's home unknown, the
    # rest from elsewhere: the unknown side is the host (visit_travellers._presumed_host)
    if country not in homes.values() and len(unknown) != 1:
        return []
    return [p for p, home in homes.items() if home and home != country
            and not view.roster.posted_abroad(p)]


def host_country(host: str, guests_of: list[str], view: View) -> tuple[str, list] | None:
    """The host's own country for a meeting its clause places nowhere ("X is hosting Y
    this week") and the guests who came there, when every guest's home is known to be
    elsewhere (an ambassador received where they serve made no trip); else None."""
    if view.roster is None:
        return None
    home = view.roster.home_of(host)
    homes = [view.roster.home_of(g) for g in guests_of]
    if home and all(h and h != home for h in homes):
        return home, [g for g in guests_of if not view.roster.posted_abroad(g)]
    return None


def _located_at(place_token):
    """The word an "in / at" place phrase locates, through the places it names: "received
    by Tinubu at the presidential villa in Abuja" locates "received"."""
    t = place_token
    for _ in range(4):
        if t.dep_ != "pobj" or t.head.lower_ not in ("in", "at", "near", "inside", "on"):
            return None
        head = t.head.head
        if head.lemma_.lower() in LEX.visit.not_whereabouts:
            return None  # "discussed the situation in Sudan with X": a topic, not a venue
        located = argued_for(head)
        if located is not None:
            return located
        t = head
    return None
