"""Where a visit's grammar puts someone: the word of travel, arrival or presence a place
hangs from ("flew to Kyiv", "arrived in Seoul", "his Kyiv trip", "speaking at the Munich
Security Conference") and whether the place is a destination, a departure point or where
someone is; a place used as an adjective ("Ukraine's", "US-China") is none of these.
"""

from __future__ import annotations

import re

from etl.extract.context import View
from etl.extract.geo import PlaceRef
from etl.extract.lexicon import LEX
from etl.extract.syntax import argued_for, first_conjunct, prep_objects, verb_of

VEHICLES = {"train", "flight", "plane", "ride", "drive", "helicopter", "car", "motorcade",
            "convoy", "boat", "ferry", "jet", "aircraft"}
TIME_WORDS = {"morning", "evening", "afternoon", "night", "time", "midnight", "noon", "dawn",
              "hour", "date", "day", "week", "weekend"}
# Verbs whose "for" names where the traveller goes: "left Lilongwe for Harare".
LEAVE_FOR = {"leave", "depart", "head", "bind", "set", "fly", "sail", "embark", "bound"}
TOWARD = {"to", "for", "into", "toward", "towards", "onto", "via", "on", "onward", "onwards"}
AT = {"in", "at", "inside", "within", "on"}


# "Ukraine's", "Kyiv-based", "US-China": a place used as an adjective is no stop.
_ADJECTIVAL_AFTER = re.compile(r"(?:'s|’s)\b|-(?!\s)")


def is_modifier(text: str, place: PlaceRef) -> bool:
    """ "US Secretary", "Ukraine's", "Kyiv-based", "US-China": a place used as an adjective."""
    after = text[place.end:place.end + 25]
    if _ADJECTIVAL_AFTER.match(after):
        return True
    if not place.is_city and re.match(
            r"\s+(?:[A-Z][a-z]+\s+)?(?:Secretary|Minister|President|officials?|forces|army|"
            r"military|government|troops|allies|lawmakers|ambassador|embassy|envoy|aid|"
            r"support|diplomat|leader|Congress|Senate|Foreign|Defen[cs]e|State)\b", after):
        return True
    return False


def _lemma(token) -> str:
    return token.lemma_.lower()


def _is_noun(token) -> bool:
    return token.pos_ in ("NOUN", "PROPN")


# Nouns a list of places may stand in apposition to: "three Gulf states, Qatar, ...".
GROUP_NOUNS = {"country", "nation", "state", "capital", "city", "destination", "ally",
               "neighbour", "neighbor", "partner", "stop", "place", "region", "economy"}
# Verbs by which a trip names its stops: "the tour includes Kenya", "took in Oman".
INCLUDE_VERBS = {"include", "take", "cover", "span", "feature"}
# Nouns that stand for the trip they list: "the itinerary for Doe's trip".
PLAN_NOUNS = {"itinerary", "schedule", "programme", "program", "route"}


def _trip_subject(verb):
    """The trip noun that is the subject of `verb`, or None."""
    for s in verb.children:
        if s.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if _lemma(s) in LEX.visit.nouns:
            return s
        if _lemma(s) in PLAN_NOUNS:
            for t in prep_objects(s, ("for", "of")):
                if _lemma(t) in LEX.visit.nouns:
                    return t
            return s
    return None


def _trip_begun(verb):
    """The trip a tour "starting with Kuwait" begins: the verb, when it is one of travel,
    or the trip noun it takes ("embarked on a tour of the Gulf, starting with Kuwait")."""
    if verb.pos_ == "VERB" and _lemma(verb) in LEX.visit.visit_verbs:
        return verb
    for o in [c for c in verb.children if c.dep_ == "dobj"] + [
            g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]:
        if _lemma(o) in LEX.visit.nouns:
            return o
    return None


def attachment(token, view: View) -> tuple[object, str] | None:
    """(trigger token, 'dest' | 'origin' | 'presence') for a place token, or None when the
    grammar does not put anyone there."""
    t = first_conjunct(token)
    if t.dep_ in ("appos", "npadvmod") and view.place_at(t.head) is not None:
        return None  # "Ankara, Turkey": the country qualifies the city
    if t.dep_ == "appos" and t.head.pos_ == "NOUN" and _lemma(t.head) in GROUP_NOUNS:
        t = first_conjunct(t.head)  # "a trip to four countries, Japan, Korea and ..."
    if t.dep_ == "pobj" and t.head.lower_ == "of" and _lemma(t.head.head) in (
            LEX.visit.place_nouns):
        t = first_conjunct(t.head.head)  # "the town of Irpin" stands where "town" stands
    if t.dep_ in ("compound", "nmod") and _lemma(t.head) in LEX.visit.facility_nouns:
        t = t.head  # "received at Nouakchott airport": the airport stands for the city
    if t.dep_ == "pobj" and t.head.lower_ in AT and _lemma(t.head.head) in (
            LEX.visit.facility_nouns) and t.head.head.dep_ == "pobj":
        t = t.head.head  # "welcomed him at State House in Nairobi"
    head = t.head
    if t.dep_ in ("compound", "nmod", "amod") and _lemma(head) in LEX.visit.nouns:
        return head, "dest"  # "the Amman visit", "his Kyiv trip"
    event = head if t.dep_ in ("compound", "nmod", "amod") else None
    if event is not None and event.dep_ == "compound":
        event = event.head
    if event is not None and _lemma(event) in LEX.visit.event_nouns and _attended(event):
        return event, "presence"  # "speaking at the Munich Security Conference"
    if t.dep_ in ("dobj", "attr", "pobj") and _lemma(head if t.dep_ != "pobj" else head.head) \
            in INCLUDE_VERBS:
        trip = _trip_subject(head if t.dep_ != "pobj" else head.head)
        if trip is not None and (t.dep_ != "pobj" or head.lower_ == "in"):
            return trip, "dest"  # "the trip includes Japan", "her tour took in Oman"
    if t.dep_ in ("dobj", "attr") or (t.dep_ in ("advmod", "npadvmod") and t.pos_ == "PROPN"
                                       and _lemma(head) in LEX.visit.visit_verbs):
        # "visited Luanda.": a city the parser took for a name hangs as a modifier
        if _lemma(head) in LEX.visit.visit_verbs and head.pos_ == "VERB":
            return head, "dest"
        if _lemma(head) in LEX.visit.leave_verbs and head.pos_ == "VERB":
            return head, "origin"
        return None
    if t.dep_ == "advmod" and head.pos_ == "VERB" and _lemma(head) in LEX.visit.toward_verbs:
        return head, "dest"  # "flew Tuesday Kyiv" is rare; "headed north" is not a place
    if t.dep_ != "pobj" or head.dep_ not in ("prep", "agent", "dative", "advmod"):
        return None
    word = head.lower_
    gov = head.head
    if word == "with" and _lemma(gov) in ("start", "begin", "open") and gov.tag_ == "VBG":
        trip = _trip_begun(gov.head)
        return (trip, "dest") if trip is not None else None
    if gov.dep_ == "prep" and gov.lower_ in ("on", "back", "out") and word in ("to", "of"):
        gov = gov.head  # "moved on to Paris", "flew out of Kabul"
    if gov.dep_ in ("advmod", "prt") and gov.lower_ in ("back", "on", "onward", "off", "out"):
        gov = gov.head
    if gov.pos_ == "VERB" and gov.dep_ == "acl" and _lemma(gov.head) in (
            LEX.visit.presence_nouns | LEX.visit.nouns) and word in AT:
        return gov.head, "presence"  # "a summit held in Germany" is "a summit in Germany"
    lemma = _lemma(gov)
    noun = _is_noun(gov)
    if word in AT and noun and gov.dep_ == "dobj" and _lemma(gov.head) in (
            LEX.visit.visit_verbs) and gov.head.pos_ == "VERB":
        return gov.head, "dest"  # "visit close allies and partners in Britain"
    if noun and lemma in LEX.visit.not_whereabouts:
        return None
    if word in TOWARD and word != "on":
        if word == "for" and lemma not in LEAVE_FOR:
            return None  # "support for Ukraine"
        if noun and lemma in LEX.visit.nouns:
            return gov, "dest"
        if not noun and (lemma in LEX.visit.toward_verbs or lemma in
                         LEX.visit.object_travellers or lemma in LEX.visit.arrival_verbs):
            return gov, "dest"
        if gov.pos_ == "ADJ" and lemma in ("bound", "en"):
            return gov, "dest"
        trip = next((c for c in gov.children if c.dep_ == "dobj" and c.i < head.i
                     and _lemma(c) in LEX.visit.nouns), None)
        if not noun and word == "to" and trip is not None:
            return trip, "dest"  # "to arrange a visit by X to Kampala": the visit's
        return None
    if word == "near" and (lemma in LEX.visit.visit_verbs or (
            gov.dep_ == "dobj" and _lemma(gov.head) in LEX.visit.visit_verbs)):
        # "visited a refugee camp near Goma": the parser hangs it on the verb or the camp
        return (gov if not noun else gov.head), "dest"
    if word in AT:
        if word == "on" and not (noun and lemma in ("visit", "trip", "tour")):
            return None
        if noun and _a_stay(gov):
            return gov, "presence"  # "after a week in Madrid", "for two nights in Accra"
        if not noun and head.i > 0 and _a_stay(head.doc[head.i - 1]):
            return gov, "presence"  # "spent three days in Tokyo"
        if lemma in TIME_WORDS or head.i > 0 and head.doc[head.i - 1].lemma_.lower() in (
                TIME_WORDS):
            return None  # "Tuesday morning in Beijing": a clock, not a stop
        if noun and gov.dep_ in ("dobj", "pobj") and (view.person_at(gov) or lemma in (
                LEX.people.role_nouns | {"counterpart", "leader", "host"})):
            verb = verb_of(gov.head) if gov.dep_ == "dobj" else verb_of(gov.head.head)
            if verb is not None and _lemma(verb) in LEX.visit.presence_verbs | (
                    LEX.meeting.object_verbs):
                return verb, "presence"  # "met the Ukrainian president in Kyiv"
        if noun and (view.person_at(gov) is not None or any(
                c.dep_ == "appos" and view.person_at(c) for c in gov.children)):
            located = argued_for(gov)
            if located is not None and _is_noun(located):
                located = verb_of(located.head) if located.head != located else None
            if located is not None and _lemma(located) in LEX.visit.presence_verbs | (
                    LEX.meeting.object_verbs):
                return located, "presence"  # "hosted his counterpart X in Astana"
        if noun and lemma in LEX.visit.nouns:
            return gov, "dest"  # "a visit in Washington", "his stay in Nairobi"
        if not noun and lemma in LEX.visit.arrival_verbs:
            return gov, "dest"
        if not noun and lemma in LEX.visit.departure_verbs:
            return gov, "origin"  # "boarded his plane in Washington"
        if not noun and lemma in LEX.visit.journey_verbs and any(
                c.dep_ == "dobj" and _lemma(c) in LEX.visit.nouns for c in gov.children):
            return gov, "dest"  # "began a Gulf tour in Doha"
        if noun and lemma in LEX.visit.presence_nouns:
            return gov, "presence"
        if noun and lemma in LEX.visit.audience_nouns and gov.dep_ in ("dobj", "pobj", "dative"):
            verb = verb_of(gov.head)
            if verb is not None:
                return verb, "presence"  # "told reporters in Paris"
        if not noun and lemma in LEX.visit.presence_verbs:
            return gov, "presence"
        if not noun and gov.dep_ == "ROOT" and gov.tag_ == "VBD" and word == "in" and \
                _opens_the_sentence(head) and t.pos_ == "PROPN":
            return gov, "presence"  # "In Lusaka, X laid a wreath": the scene of the sentence
        if not noun and lemma in LEX.visit.toward_verbs | LEX.visit.visit_verbs:
            return gov, "presence"  # "travelled in Kenya", "toured in the north"
        if gov.pos_ == "PROPN" and view.person_at(gov) is not None and gov.dep_ in (
                "ROOT", "nsubj"):
            return gov, "presence"  # a headline: "Kerry in Rome for talks"
        if gov.pos_ == "ADJ" and lemma in ("due", "expected"):
            return gov, "dest"  # "Macron is due in Hanoi on Sunday"
        if lemma == "expect" and _passive(gov):
            return gov, "dest"  # "Guterres is expected in Port-au-Prince": the parser's verb
        if noun and gov.dep_ in ("dobj", "attr") and _lemma(gov.head) in (
                LEX.visit.presence_verbs) and gov.head.pos_ == "VERB":
            return gov.head, "presence"  # "addressed the Security Council in New York"
        return None
    if word == "from":
        if not noun and lemma in LEX.visit.from_verbs:
            return gov, "origin"
        if noun and lemma in VEHICLES and gov.head.dep_ in ("agent", "prep") and \
                gov.head.head.pos_ == "VERB":
            return gov.head.head, "origin"  # "travelled overnight by train from Poland"
        if noun and lemma in LEX.visit.nouns | VEHICLES:
            return gov, "origin"
        return None
    if word == "of" and noun and lemma in ("tour", "visit", "trip", "swing", "leg"):
        return gov, "dest"
    if word in ("across", "around", "through") and lemma in ("tour", "travel", "trip", "swing"):
        return gov, "dest"
    return None


_STAY_UNITS = {"day", "week", "night", "month", "weekend", "fortnight", "hour"}


def _a_stay(noun) -> bool:
    """A length of time someone spent somewhere: "spent three days in Tokyo", "after a week
    in Madrid", "for two nights in Accra"; not a clock ("Tuesday morning in Beijing")."""
    if noun.lemma_.lower() not in _STAY_UNITS or not any(
            c.dep_ == "nummod" or c.lower_ in ("a", "an", "several", "few") for c in noun.children):
        return False
    if noun.dep_ == "dobj":
        return noun.head.lemma_.lower() == "spend"
    return noun.dep_ == "pobj" and noun.head.lower_ in ("after", "for", "during")


def _opens_the_sentence(prep) -> bool:
    """Whether a place phrase opens the sentence, set off by a comma ("In Lusaka, ...")."""
    end = prep.right_edge.i + 1
    return prep.i == 0 and end < len(prep.doc) and prep.doc[end].text == ","


def _passive(verb) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)


def _attended(event) -> bool:
    """Whether the grammar puts someone at an event: "at / during the summit", "attended
    the summit", not "to arrange the Budapest summit"."""
    if event.dep_ == "pobj" and event.head.lower_ in ("at", "during", "in", "on", "for"):
        return True
    return event.dep_ in ("dobj", "nsubjpass") and _lemma(event.head) in (
        "attend", "join", "host", "hold", "address", "chair", "open", "skip", "boycott", "miss")


def _drop_city_qualifiers(facts: list[dict], view: View) -> list[dict]:
    """ "Riyadh, Saudi Arabia" gives one visit, to the city."""
    visits = [f for f in facts if f["type"] == "visit"]  # not the marks of a call-off
    cities = {(f["actor"], f["country"]) for f in visits if f["place"]}
    return [f for f in facts if f["type"] != "visit" or f["place"]
            or (f["actor"], f["country"]) not in cities]
