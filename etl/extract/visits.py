"""Visits: a person is, was or will be in a place.

A place is a stop only when the grammar puts someone there: the object of "to / for / into"
on a verb or noun of travel ("flew to Kyiv", "his trip to Amman"), of "in / at" on a verb of
arrival or presence ("arrived in Seoul", "told reporters in Paris", "meetings in Cairo"),
the direct object of "visit" or "tour", or a departure point ("left Washington", "by train
from Poland"). The traveller is the subject of that verb (or the owner of the noun, or the
person sent or hosted); the status comes from the verbs above it. Itinerary lines ("Monday,
May 22: Jerusalem") and a host's permission ("refused to let Lavrov attend") are read by
their own patterns.
"""

from __future__ import annotations

import re

from etl.extract.context import View
from etl.extract.cues import CANCELLED, mode_of, status_in
from etl.extract.geo import PlaceRef
from etl.extract.lexicon import LEX
from etl.extract.syntax import (
    agents_of,
    cancel_if_called_off,
    conjuncts,
    first_conjunct,
    governors,
    objects_of,
    prep_objects,
    status_of,
    subjects_of,
    verb_of,
)
from etl.model import Article
from etl.places import is_capital

VEHICLES = {"train", "flight", "plane", "ride", "drive", "helicopter", "car", "motorcade",
            "convoy", "boat", "ferry", "jet", "aircraft"}
TIME_WORDS = {"morning", "evening", "afternoon", "night", "time", "midnight", "noon", "dawn",
              "hour", "date", "day", "week", "weekend"}
TOWARD = {"to", "for", "into", "toward", "towards", "onto", "via", "on", "onward", "onwards"}
AT = {"in", "at", "inside", "within", "on"}
COMPANIONS = {"alongside", "with", "beside"}
COMPANION_PHRASES = re.compile(r"\b(?:along\s+with|together\s+with|accompanied\s+by|"
                               r"joined\s+by|alongside)\s+$", re.IGNORECASE)
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
    if t.dep_ in ("dobj", "attr"):
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
        if word == "for" and lemma not in ("leave", "depart", "head", "bind", "set", "fly",
                                           "sail", "embark", "bound"):
            return None  # "support for Ukraine"
        if noun and lemma in LEX.visit.nouns:
            return gov, "dest"
        if not noun and (lemma in LEX.visit.toward_verbs or lemma in
                         LEX.visit.object_travellers or lemma in LEX.visit.arrival_verbs):
            return gov, "dest"
        if gov.pos_ == "ADJ" and lemma in ("bound", "en"):
            return gov, "dest"
        return None
    if word in AT:
        if word == "on" and not (noun and lemma in ("visit", "trip", "tour")):
            return None
        if lemma in TIME_WORDS or head.i > 0 and head.doc[head.i - 1].lemma_.lower() in (
                TIME_WORDS):
            return None  # "Tuesday morning in Beijing": a clock, not a stop
        if noun and gov.dep_ in ("dobj", "pobj") and (view.person_at(gov) or lemma in (
                LEX.people.role_nouns | {"counterpart", "leader", "host"})):
            verb = verb_of(gov.head) if gov.dep_ == "dobj" else verb_of(gov.head.head)
            if verb is not None and _lemma(verb) in LEX.visit.presence_verbs | (
                    LEX.meeting.object_verbs):
                return verb, "presence"  # "met the Ukrainian president in Kyiv"
        if noun and lemma in LEX.visit.nouns:
            return gov, "dest"  # "a visit in Washington", "his stay in Nairobi"
        if not noun and lemma in LEX.visit.arrival_verbs:
            return gov, "dest"
        if not noun and lemma in LEX.visit.departure_verbs:
            return gov, "origin"  # "boarded his plane in Washington"
        if noun and lemma in LEX.visit.presence_nouns:
            return gov, "presence"
        if noun and lemma in LEX.visit.audience_nouns and gov.dep_ in ("dobj", "pobj", "dative"):
            verb = verb_of(gov.head)
            if verb is not None:
                return verb, "presence"  # "told reporters in Paris"
        if not noun and lemma in LEX.visit.presence_verbs:
            return gov, "presence"
        if not noun and lemma in LEX.visit.toward_verbs | LEX.visit.visit_verbs:
            return gov, "presence"  # "travelled in Kenya", "toured in the north"
        if gov.pos_ == "PROPN" and view.person_at(gov) is not None and gov.dep_ in (
                "ROOT", "nsubj"):
            return gov, "presence"  # a headline: "Kerry in Rome for talks"
        if gov.pos_ == "ADJ" and lemma in ("due", "expected"):
            return gov, "dest"  # "Macron is due in Hanoi on Sunday"
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


def _attended(event) -> bool:
    """Whether the grammar puts someone at an event: "at / during the summit", "attended
    the summit", not "to arrange the Budapest summit"."""
    if event.dep_ == "pobj" and event.head.lower_ in ("at", "during", "in", "on", "for"):
        return True
    return event.dep_ in ("dobj", "nsubjpass") and _lemma(event.head) in (
        "attend", "join", "host", "hold", "address", "chair", "open", "skip", "boycott", "miss")


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
            verb = verb_of(trigger.head) if trigger.head is not trigger else None
            if verb is not None:
                names = _verb_travellers(verb, view)
    elif trigger.pos_ == "PROPN" and view.person_at(trigger):
        names = [n for t in conjuncts(trigger) for n in view.persons_for(t)]
    else:
        names = _verb_travellers(trigger, view)
    names += _companions(trigger, view)
    return [n for n in dict.fromkeys(names) if n]


def _verb_travellers(verb, view: View) -> list[str]:
    for s in [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]:
        if _lemma(s) in VEHICLES or _lemma(s) in LEX.visit.nouns:
            # "Sybiha's plane touched down in Riyadh": the owner travels
            owners = [n for c in s.children if c.dep_ == "poss" for n in view.persons_for(c)]
            if owners:
                return owners
    if _lemma(verb) in LEX.visit.object_travellers:
        objects = [n for t in objects_of(verb) for n in view.persons_for(t)]
        if objects:
            return objects  # "sent Kuleba to Beijing", "hosted Modi for a visit"
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


def _date(view: View, trigger, place_token, status: str,
          cues: list[str] = ()) -> tuple[str | None, bool]:
    """The date of the stop and whether it is the story's own day (no date stated).

    Only what happened is dated to the story's day when the text gives no date: a plan or
    a cancellation without a date has none. A weekday of a cancelled plan ("has cancelled
    the summit it was scheduled to host on Wednesday") is the plan's, so it lies ahead."""
    # "begins a tour on Monday": a weekday beside a verb in the simple present is ahead
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else verb_of(trigger)
    future = status in ("planned", "possible") or (
        status == "cancelled" and any(c.startswith("planned") for c in cues)) or (
        verb is not None and verb.tag_ in ("VBZ", "VBP")
        and not any(c.dep_ == "aux" for c in verb.children))
    undated = status in ("planned", "possible", "cancelled")
    dates = view.dates(future)
    if dates and view.doc is not None:
        chain = set(governors(trigger, conj=False)) | {trigger, place_token}
        own = []
        for d in dates:
            span = view.doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is None:
                continue
            if _hangs_from(span.root, chain):
                own.append(d)
        if own:
            return own[0].value, False
        above = [a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX", "NOUN", "PROPN")]
        for a in above:
            # "made a surprise visit to Kyiv on Monday where he met Zelensky"
            for d in dates:
                span = view.doc.char_span(d.start, d.end, alignment_mode="expand")
                if span is not None and span.root.head is a and span.root.dep_ in (
                        "npadvmod", "prep", "pobj", "nmod", "advmod"):
                    return d.value, False
        if len(dates) == 1:
            span = view.doc.char_span(dates[0].start, dates[0].end, alignment_mode="expand")
            if span is not None and not _belongs_elsewhere(span.root, trigger):
                return dates[0].value, False
    if undated:
        return None, False
    return view.default_date(), True


def _hangs_from(token, chain: set) -> bool:
    """Whether a date hangs from the travel word, not from another event on the way
    ("his third trip since the attack of 7 October")."""
    t = token
    for _ in range(8):
        if t in chain:
            return True
        if t.head is t:
            return False
        if t.dep_ == "pobj" and t.head.lower_ in ("since", "after", "before", "until", "of",
                                                  "following", "from"):
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX") and t not in chain and t.dep_ not in ("aux", "auxpass"):
            return t in chain
    return False


def _belongs_elsewhere(token, trigger) -> bool:
    """A date inside a clause of its own ("since the Oct. 7 attack") is that clause's."""
    t = token
    for _ in range(8):
        if t.head is t or t is trigger:
            return False
        if t.dep_ == "pobj" and t.head.lower_ in ("since", "after", "before", "until",
                                                  "following"):
            return True
        t = t.head
        if t.pos_ == "VERB" and t is not trigger and trigger not in t.subtree:
            return True
    return False


def _greeters(trigger, view: View) -> list[str]:
    """ "The planes arrived in Cucuta and were met by Mark Green": whoever met the
    arrivals was there."""
    out = []
    for v in conjuncts(trigger):
        if v is trigger or _lemma(v) not in ("meet", "greet", "welcome", "receive"):
            continue
        out += [n for t in agents_of(v) for n in view.persons_for(t)]
    return out


def syntax_visits(view: View, article: Article) -> list[dict]:
    """Visits the parse of a sentence puts someone on."""
    text = view.text
    facts = []
    pending = []  # stops whose travel word names nobody: the sentence's traveller, if one
    previous: tuple | None = None  # the last place that was a stop, and its link
    for place in view.places:
        if is_modifier(text, place):
            continue
        span = view.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        link = attachment(span.root, view)
        if link is None and previous is not None and LIST_GAP.fullmatch(
                text[previous[0].end:place.start]):
            link = previous[1]  # "meetings in Cairo; Ankara, Turkey; Riyadh, ..." a list
        if link is None:
            continue
        previous = (place, link)
        trigger, relation = link
        if any(c.lower_ in LEX.visit.home_words for c in trigger.children if c.dep_ in (
                "advmod", "npadvmod", "prt")) and relation == "dest":
            continue  # "flew back to Washington"
        if _lemma(trigger) == "return" and relation == "dest":
            continue
        actors = travellers(trigger, view) or _greeters(trigger, view)
        if not actors:
            if _is_noun(trigger) and relation in ("dest", "origin"):
                pending.append((place, span, trigger, relation))
            continue
        facts += _stop_facts(view, article, place, span, trigger, relation, actors)
    sentence_actors = list(dict.fromkeys(f["actor"] for f in facts))
    if len(sentence_actors) == 1:
        for place, span, trigger, relation in pending:
            facts += _stop_facts(view, article, place, span, trigger, relation, sentence_actors)
    cancel_if_called_off(facts, view.doc, LEX.visit.nouns, "cancelled: the trip")
    return _drop_city_qualifiers(facts, view)


def _stop_facts(view: View, article: Article, place: PlaceRef, span, trigger, relation: str,
                actors: list[str]) -> list[dict]:
        text = view.text
        facts = []
        status, cues = status_of(trigger)
        if relation == "origin" and status == "cancelled" and any(
                c.startswith("negated") for c in cues):
            return []  # "has not left China since": no stop at all
        if _not_yet_done(trigger):
            return []  # "has yet to visit Canada", "has never been to Cuba"
        if status == "occurred" and relation == "dest" and _lemma(trigger) in (
                "head", "fly", "travel", "go", "bind", "depart", "leave") and \
                trigger.tag_ in ("VBZ", "VBP", "VBG", "JJ") and not _arrived(view):
            status = "planned"  # "as he flies to Brussels": the arrival is still ahead
        if status == "occurred" and not cues and relation == "dest" and _is_noun(trigger) and \
                _present_only(trigger):
            status = "planned"  # "Blinken's stop in Israel ... comes as": still ahead
        rest = re.split(r"[,;]", text[place.end:])[0][:80]
        if status != "cancelled" and CANCELLED.search(rest) and re.search(
                r"\b(?:was|were|has|had|been|is)\b", rest):
            status = "cancelled"  # "the trip to Amman by Biden was called off"
        date, default = _date(view, trigger, span.root, status, cues)
        for actor in actors:
            if relation == "presence" and _at_home(actor, place, view):
                continue
            if relation == "dest" and (_at_home(actor, place, view) or (
                    not place.is_city and view.roster and
                    view.roster.home_of(actor) == place.country)):
                continue
            fact = view.fact_base(article) | {
                "type": "visit", "actor": actor, "place": place.name,
                "country": place.country, "date": date, "status": status,
            }
            mode = mode_of(text)
            if mode:
                fact["mode"] = mode
            if default:
                fact["_default_date"] = True
            fact["_how"] = {"relation": relation, "trigger": trigger.text, "cues": cues}
            facts.append(fact)
        return facts


def _present_only(noun) -> bool:
    """A trip noun that is the subject of a verb in the present, in a sentence with no past
    tense ("Blinken's stop in Israel comes as ..."); not "is on a visit", which is under
    way."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = verb_of(noun)
    if verb is None or verb.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(t.tag_ == "VBD" or (t.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") for c in t.children)) for t in noun.doc)


def _not_yet_done(trigger) -> bool:
    for t in [trigger, *trigger.ancestors][:4]:
        for c in t.children:
            if c.lower_ in ("never", "yet") and c.dep_ in ("advmod", "neg"):
                return True
        if t.pos_ == "VERB" and t.dep_ not in ("xcomp",):
            break
    return False


def _arrived(view: View) -> bool:
    return bool(re.search(r"\b(?:arrived|landed|reached)\b", view.text))


def _drop_city_qualifiers(facts: list[dict], view: View) -> list[dict]:
    """ "Riyadh, Saudi Arabia" gives one visit, to the city."""
    cities = {(f["actor"], f["country"]) for f in facts if f["place"]}
    return [f for f in facts if f["place"] or (f["actor"], f["country"]) not in cities]


# Between two places of one list: "Cairo; Ankara, Turkey; Riyadh", "Kenya, Ghana and".
LIST_GAP = re.compile(r"\s*(?:[,;]|\band\b|\bthen\b|\bas\s+well\s+as\b|&)"
                      r"(?:\s*(?:[,;]|\band\b|\bthen\b|\bto\b|\bthe\b|\bon\s+to\b))*\s*",
                      re.IGNORECASE)


# -- patterns of their own ----------------------------------------------------------------

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
    places = [p for p in view.places if p.start >= m.end() - 1 and not is_modifier(
        view.text, p)]
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


def from_sentence(view: View, article: Article) -> list[dict]:
    """Visit facts of one sentence."""
    text = view.text
    if not view.people and SCHEDULE_LINE.match(text):
        return schedule_stops(view, article)
    if PERMISSION.search(text):
        return permission_visits(view, article)
    if view.doc is None or not view.places:
        return dateline_visits(view, article)
    found = syntax_visits(view, article)
    # "ACCRA — the minister arrived in Abuja": a stop the sentence states is where he is
    moved = {f["actor"] for f in found if f["type"] == "visit"}
    return found + [f for f in dateline_visits(view, article) if f["actor"] not in moved]


# "AMMAN, Jordan —", "NAIROBI (AP) -": a dateline, where the story was filed.
DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,2})(?:,\s*(?P<region>[A-Z][a-z]+"
    r"(?:\s[A-Z][a-z]+)?))?\s*(?:\([A-Za-z. ]{1,20}\))?\s*[—–-]{1,2}\s*")
# Main verbs that, in a datelined story, put their subject where it was filed.
DATELINE_VERBS = {"say", "tell", "meet", "hold", "urge", "call", "vow", "pledge", "announce",
                  "arrive", "visit", "sign", "warn", "address", "open", "promise", "praise",
                  "discuss", "make", "lay", "tour", "speak", "insist", "stress"}


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
    if root is None or _lemma(root) not in DATELINE_VERBS or root.i < len(
            m.group(0).split()):
        return []
    actors = [n for t in subjects_of(root) for n in view.persons_for(t)]
    place = PlaceRef(city.name, city.country, m.start("city"), m.end("city"), m.group("city"))
    facts = []
    for actor in actors:
        if _at_home(actor, place, view) or (view.roster and view.roster.home_of(actor) ==
                                            city.country):
            continue
        facts.append(view.fact_base(article) | {
            "type": "visit", "actor": actor, "place": city.name, "country": city.country,
            "date": view.default_date(), "status": "occurred", "_default_date": True,
            "_how": {"relation": "dateline", "trigger": m.group("city"), "cues": []}})
    return facts
