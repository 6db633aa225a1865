"""Who travels: the subject of the verb of travel, the owner of the trip noun, the person
sent or hosted, the companions ("alongside Lammy") and those who greeted an arrival; and
whether a person is at home where the sentence puts them.
"""

from __future__ import annotations

import re

from etl.extract.context import View
from etl.extract.events_told import clauses_on
from etl.extract.geo import PlaceRef
from etl.extract.lexicon import LEX
from etl.extract.subjects import agents_of, subjects_of
from etl.extract.syntax import conjuncts, objects_of, prep_objects, verb_of
from etl.extract.visit_places import VEHICLES, _is_noun, _lemma
from etl.places import is_capital

COMPANIONS = {"alongside", "with", "beside"}
# Verbs whose subject stays where the guests it takes come to.
HOSTS = {"host", "welcome", "receive", "greet"}
# Verbs whose subject stays where it is while its object goes.
SENDERS = HOSTS | {"send", "dispatch", "deploy", "summon", "invite"}
COMPANION_PHRASES = re.compile(r"\b(?:along\s+with|together\s+with|accompanied\s+by|"
                               r"joined\s+by|alongside)\s+$", re.IGNORECASE)


def travellers(trigger, view: View) -> list[str]:
    """Who the travel word is about: the verb's subject, the noun's owner, the object of
    "sent" or "hosted", and companions ("alongside Lammy")."""
    names: list[str] = []
    if _is_noun(trigger) and _lemma(trigger) not in ("talks",) and not (
            trigger.pos_ == "PROPN" and view.person_at(trigger)):
        for c in trigger.children:
            if c.dep_ in ("poss", "compound", "nmod") and (view.person_at(c) or c.pos_ == "PRON"):
                names += [n for t in conjuncts(c) for n in view.persons_for(t)]
        if not names:
            for t in prep_objects(trigger, ("by", "of")):
                names += view.persons_for(t)
        if not names:
            # "the visit to Japan of President X": the parser hangs the owner on the place
            for place in prep_objects(trigger, ("to",)):
                names += [n for t in prep_objects(place, ("of", "by"))
                          for n in view.persons_for(t)]
        if not names:
            names = _attendees(trigger, view)
        if not names:
            verb = verb_of(trigger.head) if trigger.head != trigger else None
            if verb is not None:
                names = _verb_travellers(verb, view)
    elif trigger.pos_ == "PROPN" and view.person_at(trigger):
        names = [n for t in conjuncts(trigger) for n in view.persons_for(t)]
    else:
        names = _verb_travellers(trigger, view)
    names += _companions(trigger, view)
    return [n for n in dict.fromkeys(names) if n]


def _attendees(event, view: View) -> list[str]:
    """Who a clause on a gathering says took part: "the summit, attended by A and B", "the
    summit in Nairobi, which was attended by A" (the parser hangs the clause on the place)."""
    return [n for c in clauses_on(event, view) if _lemma(c) in ("attend", "join")
            for t in agents_of(c) for n in view.persons_for(t)]


def _verb_travellers(verb, view: View) -> list[str]:
    for s in [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]:
        if _lemma(s) in VEHICLES or _lemma(s) in LEX.visit.nouns:
            # "Sybiha's plane touched down in Riyadh": the owner travels
            owners = [n for c in s.children if c.dep_ == "poss" for n in view.persons_for(c)]
            if owners:
                return owners
    if _lemma(verb) in LEX.visit.object_travellers:
        objects = [n for t in objects_of(verb) for n in view.persons_for(t)]
        if _lemma(verb) in HOSTS and view.roster is not None:
            # "hosted the Ugandan ambassador in Nairobi": who serves there made no trip
            objects = [n for n in objects if not view.roster.posted_abroad(n)]
        if objects:
            return objects  # "sent Kuleba to Beijing", "hosted Modi for a visit"
        if _lemma(verb) in SENDERS and objects_of(verb):
            # "sent troops to Somalia", "hosted her counterparts in Astana": not the sender
            return []
    names = [n for t in subjects_of(verb) for n in view.persons_for(t)]
    if not names:
        names = [n for t in agents_of(verb) for n in view.persons_for(t)]
    return names


def _companions(trigger, view: View) -> list[str]:
    """ "alongside Foreign Secretary David Lammy", "accompanied by his wife"."""
    out = []
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else verb_of(trigger)
    for holder in {trigger, verb} - {None}:
        for t in prep_objects(holder, COMPANIONS):
            prep = t.head
            if prep.lower_ == "with" and _lemma(holder) in LEX.meeting.with_verbs:
                continue  # "met with X": X is met, not a co-traveller
            if _lemma(t) in ("counterpart", "host"):
                continue  # "alongside his Turkish counterpart": the host, not a companion
            out += view.persons_for(t)
    for p in view.people:
        if COMPANION_PHRASES.search(view.text[max(0, p.start - 30):p.start]):
            out.append(p.name)
    return out


def _at_home(actor: str, place: PlaceRef, view: View) -> bool:
    home = view.roster.home_of(actor) if view.roster else None
    if home is None or home != place.country:
        return False
    return not place.is_city or is_capital(place.name, home)


def _presumed_host(actor: str, trigger, place: PlaceRef, view: View) -> bool:
    """ "Premier Li Qiang met Gabonese President X in Beijing": of a meeting where nobody is
    known to be at home, the one whose home nobody knows is its host more often than a third
    country's visitor, while the one known to come from elsewhere is the guest."""
    if view.roster is None or view.roster.home_of(actor) is not None or _lemma(trigger) not in (
            LEX.meeting.object_verbs | LEX.meeting.with_verbs):
        return False
    met = [n for t in objects_of(trigger, ("dobj",)) + prep_objects(trigger, ("with",))
           for n in view.persons_for(t) if n != actor]
    homes = [view.roster.home_of(n) for n in met]
    return bool(homes) and all(h is not None and h != place.country for h in homes)


def _greeters(trigger, view: View) -> list[str]:
    """ "The planes arrived in Cucuta and were met by Mark Green": whoever met the
    arrivals was there."""
    out = []
    for v in conjuncts(trigger):
        if v == trigger or _lemma(v) not in ("meet", "greet", "welcome", "receive"):
            continue
        out += [n for t in agents_of(v) for n in view.persons_for(t)]
    return out
