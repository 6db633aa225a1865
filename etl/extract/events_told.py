"""The gathering an article is about, and where it is: a summit or a conference told with its
city once ("leaders gathered in Johannesburg for the G20 summit") is where "the summit"
of the later sentences is ("on the sidelines of the summit, Modi met Carney", "Guterres
told the summit").
"""

from __future__ import annotations

from etl.extract.context import View
from etl.extract.geo import PlaceRef
from etl.extract.lexicon import LEX
from etl.extract.syntax import prep_objects, status_of

# Gatherings held in one city for days; not talks or a meeting, which are the facts
# themselves, nor games or festivals, which no diplomat is placed at by being named.
GATHERINGS = frozenset(LEX.visit.event_nouns) - {"talks", "meeting", "negotiations", "games",
                                                  "festival", "ceremony"}
_AT = ("in", "at")


def _lemma(token) -> str:
    return token.lemma_.lower()


def event_place_of(view: View) -> PlaceRef | None:
    """The place of a gathering the sentence tells with its city: "the summit in Lima",
    "the Lima summit", "gathered in Lima for the summit"."""
    if view.doc is None:
        return None
    for place in view.places:
        span = view.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        if token.dep_ in ("compound", "nmod") and _lemma(token.head) in GATHERINGS:
            return place  # "the Lima summit"
        if token.dep_ != "pobj" or token.head.lower_ not in _AT:
            continue
        holder = token.head.head
        if _lemma(holder) in GATHERINGS:
            return place  # "the summit in Lima"
        if holder.pos_ in ("VERB", "AUX") and any(
                _lemma(g) in GATHERINGS for c in holder.children if c.dep_ == "prep"
                and c.lower_ in ("for", "at", "to") for g in c.children if g.dep_ == "pobj"):
            return place  # "gathered in Lima for the summit"
    return None


def the_gathering_before(token, view: View) -> PlaceRef | None:
    """The place of the gathering told before, when `token` is "the summit" (or "the G20
    summit") and the sentence gives it no place of its own."""
    if _lemma(token) not in GATHERINGS or view.event_place is None:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    if any(view.place_at(c) is not None for c in token.subtree if c != token):
        return None  # "the summit in Lima" has its own
    return view.event_place


def gathering_of(verb, view: View) -> PlaceRef | None:
    """Where a verb says it happened at the gathering told before: "met X on the sidelines
    of the summit", "at the conference", "during the summit", "told the summit"."""
    for c in verb.children:
        if c.dep_ == "dobj":
            found = the_gathering_before(c, view)
            if found:
                return found
        if c.dep_ != "prep" or c.lower_ not in ("on", "at", "during", "in"):
            continue
        for g in c.children:
            if g.dep_ != "pobj":
                continue
            if g.lower_ in ("sidelines", "margins", "sideline", "margin"):
                of = next((x for p in g.children if p.dep_ == "prep" and p.lower_ == "of"
                           for x in p.children if x.dep_ == "pobj"), None)
                if of is None and any(d.lower_ == "the" for d in g.children):
                    return view.event_place  # "on the sidelines": of the gathering told
                g = of if of is not None else g
            found = the_gathering_before(g, view)
            if found:
                return found
    return None


def clauses_on(noun, view: View) -> list:
    """The clauses told of a gathering noun: its own ("the summit, attended by A") and one
    the parser hangs on its place ("the summit in Nairobi, which was attended by A")."""
    return [c for c in noun.children if c.dep_ in ("acl", "relcl")] + [
        c for t in prep_objects(noun, ("in", "at")) if view.place_at(t)
        for c in t.children if c.dep_ == "relcl"]


def cancel_if_called_off(facts: list[dict], doc, nouns, cue: str, kind: str,
                         mark: bool = True) -> None:
    """What the sentence plans is cancelled when it also calls off "the meeting" / "the
    trip" without naming whose: "had been due to fly to Tokyo, but the trip was cancelled".
    A sentence that tells no such event of its own leaves a `called_off` mark: "the
    meeting" is then the one the article told before (extract._called_off_before)."""
    if doc is None or not _the_event_called_off(doc, nouns):
        return
    own = [f for f in facts if f.get("type") == kind]
    for fact in own:
        if fact.get("status") in ("planned", "possible"):
            fact["status"] = "cancelled"
            fact["_how"]["cues"] = list(fact["_how"].get("cues") or []) + [cue]
    if not own and mark:
        facts.append({"type": "called_off", "kind": kind, "cue": cue})


def _the_event_called_off(doc, nouns) -> bool:
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in nouns and any(
        c.dep_ == "det" and c.lower_ == "the" for c in t.children) and not any(
        c.dep_ == "poss" for c in t.children) and status_of(t)[0] == "cancelled" for t in doc)
