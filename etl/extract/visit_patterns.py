"""Visits read by patterns of their own, not by the parse: a host's permission ("Poland
refused to let Lavrov attend"), an itinerary line ("Monday, May 22: Jerusalem") and a
story's dateline ("AMMAN, Jordan —").
"""

from __future__ import annotations

import re

from etl.extract.context import View
from etl.extract.cues import VIDEO, status_in
from etl.extract.dateline import DATELINE
from etl.extract.events_told import gathering_of
from etl.extract.geo import PlaceRef
from etl.extract.lexicon import LEX
from etl.extract.meeting_words import is_trigger, mode_of
from etl.extract.subjects import agents_of, subjects_of
from etl.extract.syntax import objects_of, prep_objects, status_of
from etl.extract.visit_dates import _date
from etl.extract.visit_places import _drop_city_qualifiers, _lemma, is_modifier
from etl.extract.visit_travellers import _at_home
from etl.model import Article

# "Poland refused to let Lavrov attend", "North Macedonia would allow him to take part":
# a host's permission decides a visit.
PERMISSION = re.compile(
    r"\b(?P<verb>refus(?:ed|es)\s+to\s+(?:let|allow|admit)|barred|banned|denied\s+entry\s+to|"
    r"(?:would|will|could|may|might)\s+(?:allow|let|permit)|agreed\s+to\s+(?:let|allow)|"
    r"allowed|invited)\s+(?P<who>him|her|them|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s+"
    r"(?:to\s+)?(?:attend|take\s+part|enter|visit|come|participate|join)",
)


def permission_visits(view: View, article: Article) -> list[dict]:
    """Visits a host country grants or refuses."""
    out = []
    for m in PERMISSION.finditer(view.text):
        # A country inside a relative clause (", which has joined ... Ukraine,") is not
        # the one granting permission.
        aside = [(r.start(), r.end()) for r in re.finditer(r",\s*(?:which|who)\b[^,]*,",
                                                            view.text)]
        hosts = [p for p in view.places if p.end <= m.start() and not p.is_city
                 and not is_modifier(view.text, p)
                 and not any(s <= p.start < e for s, e in aside)]
        if not hosts:
            continue
        host = hosts[-1]
        who = m.group("who")
        if who in ("him", "her", "them"):
            names = [p.name for p in view.people if p.start < m.start()][:1] or (
                [view.focus] if view.focus else [])
        else:
            names = [p.name for p in view.people if m.start("who") <= p.start < m.end("who")]
        verb = m.group("verb").lower()
        if verb.startswith(("refus", "barred", "banned", "denied")):
            status = "cancelled"
        elif verb.startswith(("would", "will", "could", "may", "might", "invited")):
            status = "possible"
        else:
            status = "occurred"
        dates = view.dates(status == "possible")
        for name in names:
            out.append(view.fact_base(article) | {
                "type": "visit", "actor": name, "place": None, "country": host.country,
                "date": dates[0].value if dates else None, "status": status,
                "_how": {"relation": "permission", "trigger": verb, "cues": []}})
    return out


SCHEDULE_LINE = re.compile(
    r"^\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)[^:]{0,40}:\s*")


def schedule_stops(view: View, article: Article) -> list[dict]:
    """An itinerary line ("Monday, May 22: Jerusalem, Israel") puts the story's traveller
    at the place on that date."""
    m = SCHEDULE_LINE.match(view.text)
    if not m or not view.focus or not view.places:
        return []
    home = view.roster.home_of(view.focus) if view.roster else None
    places = [p for p in view.places if p.start >= m.end() - 1 and not is_modifier(
        view.text, p) and (p.is_city or p.country != home)]  # "... before heading home"
    if not places:
        return []
    dates = [d for d in view.dates(True) if d.start < m.end()]
    date = dates[0].value if dates else None
    status = "planned" if date and view.anchor and date > view.anchor.isoformat() else \
        status_in(view.text[m.end():], "planned")
    facts = [view.fact_base(article) | {
        "type": "visit", "actor": view.focus, "place": place.name, "country": place.country,
        "date": date, "status": status,
        "_how": {"relation": "itinerary", "trigger": ":", "cues": []}} for place in places]
    return _drop_city_qualifiers(facts, view)


# Main verbs that, in a datelined story, put their subject where it was filed.
DATELINE_VERBS = {"say", "tell", "meet", "hold", "urge", "call", "vow", "pledge", "announce",
                  "arrive", "visit", "sign", "warn", "address", "open", "promise", "praise",
                  "discuss", "make", "lay", "tour", "speak", "insist", "stress"}


def _visiting(view: View) -> list[str]:
    """Persons the sentence calls "visiting" ("held talks with visiting Prime Minister X",
    "the visiting minister"): they are where the story was filed."""
    out = []
    for t in view.doc:
        if t.lower_ != "visiting":
            continue
        if t.dep_ == "amod":
            out += view.persons_for(t.head)
        elif t.tag_ == "VBG":  # the parser's "with visiting X": X is its object
            out += [n for d in t.children if d.dep_ == "dobj" for n in view.persons_for(d)]
    return out


def _state_guests(view: View) -> list[str]:
    """Whose state or official visit the sentence tells, without a place ("Xi called the
    state visit of President X a historic event", "Y's official visit"): a visit of that
    kind is always to a host country, whose leader speaks of it."""
    out = []
    for t in view.doc:
        if t.lemma_.lower() != "visit" or t.pos_ != "NOUN" or not any(
                c.lower_ in ("state", "official") for c in t.children
                if c.dep_ in ("amod", "compound")):
            continue
        owners = [c for c in t.children if c.dep_ == "poss"] + [
            g for c in t.children if c.dep_ == "prep" and c.lower_ in ("of", "by")
            for g in c.children if g.dep_ == "pobj"]
        out += [n for o in owners for n in view.persons_for(o)]
    return out


def hosted_visits(view: View, article: Article) -> list[dict]:
    """A "visiting" person in a sentence that names no place is in the country of the host
    who receives them ("Kazakh President X held talks with visiting Prime Minister Y"),
    when the article says whom that host serves."""
    if view.doc is None or view.roster is None:
        return []
    visitors = _visiting(view) + _state_guests(view)
    if not visitors:
        return []
    root = next((t for t in view.doc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    hosts = [n for t in subjects_of(root) + agents_of(root)
             for n in view.persons_for(t)]
    homes = {view.roster.home_of(h) for h in hosts if h not in visitors}
    if len(homes) != 1 or None in homes:
        return []
    country = homes.pop()
    status, cues = status_of(root)
    when, defaulted = _date(view, root, root, status, cues)
    return [view.fact_base(article) | {
        "type": "visit", "actor": v, "place": None, "country": country,
        "date": when, "status": status, "_default_date": defaulted,
        "_how": {"relation": "hosted", "trigger": "visiting", "cues": cues}}
        for v in dict.fromkeys(visitors) if view.roster.home_of(v) != country]


def _held_apart(root, view: View) -> bool:
    """ "WASHINGTON — Biden met virtually with Xi": a meeting by video or phone puts no one
    in the city the story was filed from."""
    return is_trigger(root) and mode_of(root, view) != "in_person"


def dateline_visits(view: View, article: Article) -> list[dict]:
    """A story filed from a city ("AMMAN, Jordan — Blinken met King Abdullah") puts the
    subject of its opening sentence there, when that person is not at home."""
    m = DATELINE.match(view.text)
    if not m or view.doc is None or view.sentence.n > 2:
        return []
    from etl.places import lookup_city

    city = lookup_city(m.group("city").title())
    if city is None:
        return []
    root = next((t for t in view.doc if t.dep_ == "ROOT"), None)
    if root is None or root.idx < m.end():
        return []
    actors = [n for t in subjects_of(root) for n in view.persons_for(t)] if _lemma(
        root) in DATELINE_VERBS and not _held_apart(root, view) else []
    # A story filed from a city that names an office without its country ("NAIROBI —
    # Foreign Minister X met") names the host country's: only a subject whose home the text
    # or the registry gives is known to be away from it.
    actors = [a for a in actors if view.roster and view.roster.home_of(a)]
    guests = _visiting(view)
    place = PlaceRef(city.name, city.country, m.start("city"), m.end("city"), m.group("city"))
    facts = []
    for actor in dict.fromkeys(actors + guests):
        if _at_home(actor, place, view) or (view.roster and view.roster.home_of(actor) ==
                                            city.country):
            continue
        facts.append(view.fact_base(article) | {
            "type": "visit", "actor": actor, "place": city.name, "country": city.country,
            "date": view.default_date(), "status": "occurred", "_default_date": True,
            "_how": {"relation": "dateline", "trigger": m.group("city"), "cues": []}})
    return facts


# Verbs that put their subject at a gathering they take: "told the summit", "addressed the
# conference", "said at the forum", "will attend the summit".
GATHERING_VERBS = {"tell", "address", "speak", "say", "attend", "join", "open", "close",
                   "deliver", "arrive"}


def _meets(verb) -> bool:
    """A verb of meeting ("met", "talked") or of holding talks ("held talks with")."""
    if verb.pos_ != "VERB":
        return False
    if _lemma(verb) in LEX.meeting.verbs:
        return True
    return _lemma(verb) in ("hold", "have") and any(
        _lemma(o) in LEX.meeting.nouns for o in objects_of(verb, ("dobj",)))


def gathering_visits(view: View, article: Article) -> list[dict]:
    """Who speaks to or at the gathering told before is in its city: "UN chief X told the
    summit" (events_told)."""
    if view.doc is None or view.event_place is None or VIDEO.search(view.text):
        return []  # "told the summit by video link": not there
    facts = []
    for verb in view.doc:
        meets = _meets(verb)
        if verb.pos_ not in ("VERB", "AUX") or _lemma(verb) not in GATHERING_VERBS and not meets:
            continue
        place = gathering_of(verb, view)
        if place is None:
            continue
        status, cues = status_of(verb)
        when, defaulted = _date(view, verb, verb, status, cues)
        present = list(subjects_of(verb))
        if meets:
            # "met X on the sidelines of the summit": both sat at the gathering
            present += objects_of(verb, ("dobj",)) + prep_objects(verb, ("with",)) + [
                t for o in objects_of(verb, ("dobj",)) for t in prep_objects(o, ("with",))]
        for actor in dict.fromkeys(n for t in present for n in view.persons_for(t)):
            if _at_home(actor, place, view):
                continue
            facts.append(view.fact_base(article) | {
                "type": "visit", "actor": actor, "place": place.name, "country": place.country,
                "date": when, "status": status, "_default_date": defaulted,
                "_how": {"relation": "presence", "trigger": verb.text, "cues": cues}})
    return facts
