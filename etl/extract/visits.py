"""Visits: a person is, was or will be in a place.

A place is a stop only when the grammar puts someone there: the object of "to / for / into"
on a verb or noun of travel ("flew to Kyiv", "his trip to Amman"), of "in / at" on a verb of
arrival or presence ("arrived in Seoul", "told reporters in Paris", "meetings in Cairo"),
the direct object of "visit" or "tour", or a departure point ("left Washington", "by train
from Poland"). The traveller is the subject of that verb (or the owner of the noun, or the
person sent or hosted); the status comes from the verbs above it. Itinerary lines ("Monday,
May 22: Jerusalem") and a host's permission ("refused to let Lavrov attend") are read by
their own patterns.

This module puts a sentence's stops together; where the grammar puts someone is
etl.extract.visit_places', who travels etl.extract.visit_travellers', the date
etl.extract.visit_dates', the patterns of their own etl.extract.visit_patterns'.
"""

from __future__ import annotations

import re

from etl.extract.context import View
from etl.extract.cues import CANCELLED, VIDEO, mode_of
from etl.extract.dateline import DATELINE
from etl.extract.events_told import cancel_if_called_off
from etl.extract.geo import PlaceRef
from etl.extract.lexicon import LEX
from etl.extract.syntax import status_of, verb_of
from etl.extract.visit_dates import _date
from etl.extract.visit_patterns import (
    PERMISSION,
    SCHEDULE_LINE,
    dateline_visits,
    gathering_visits,
    hosted_visits,
    permission_visits,
    schedule_stops,
)
from etl.extract.visit_places import (
    _drop_city_qualifiers,
    _is_noun,
    _lemma,
    attachment,
    is_modifier,
)
from etl.extract.visit_travellers import _at_home, _greeters, _presumed_host, travellers
from etl.model import Article


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
    cancel_if_called_off(facts, view.doc, LEX.visit.nouns, "cancelled: the trip", "visit")
    # "was due to host X in Nairobi, but the meeting was called off": X's trip is off too
    cancel_if_called_off(facts, view.doc, LEX.meeting.nouns, "cancelled: the meeting", "visit",
                         mark=False)
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
                trigger.tag_ in ("VBZ", "VBP", "VBG", "JJ") and not _arrived(view) and not \
                _in_a_past_clause(trigger):
            status = "planned"  # "as he flies to Brussels": the arrival is still ahead
        if status == "occurred" and _when_ahead(trigger):
            status = "planned"  # "will hold talks with X when he visits Kampala next week"
        if status == "occurred" and not cues and relation == "dest" and _is_noun(trigger) and \
                _present_only(trigger):
            status = "planned"  # "Blinken's stop in Israel ... comes as": still ahead
        rest = re.split(r"[,;]", text[place.end:])[0][:80]
        if status != "cancelled" and CANCELLED.search(rest) and re.search(
                r"\b(?:was|were|has|had|been|is)\b", rest):
            status = "cancelled"  # "the trip to Amman by Biden was called off"
        date, default = _date(view, trigger, span.root, status, cues)
        clause = _clause_text(trigger, view)
        if relation == "presence" and VIDEO.search(clause):
            return []  # "speaking by video link from Nairobi, told the conference in Munich"
        mode = mode_of(clause)
        for actor in actors:
            if relation == "presence" and (_at_home(actor, place, view)
                                           or _presumed_host(actor, trigger, place, view)):
                continue
            if relation == "dest" and (_at_home(actor, place, view) or (
                    not place.is_city and view.roster and
                    view.roster.home_of(actor) == place.country)):
                continue
            fact = view.fact_base(article) | {
                "type": "visit", "actor": actor, "place": place.name,
                "country": place.country, "date": date, "status": status,
            }
            if mode:
                fact["mode"] = mode
            if default:
                fact["_default_date"] = True
            fact["_how"] = {"relation": relation, "trigger": trigger.text, "cues": cues}
            facts.append(fact)
        return facts


def _when_ahead(verb) -> bool:
    """A verb in the present in a "when / once / after" clause of a verb in the future
    tells a trip ahead: "will meet X when he visits Kampala"."""
    if verb.tag_ not in ("VBZ", "VBP") or verb.dep_ != "advcl" or not any(
            c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "once", "after", "before", "as")
            for c in verb.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in LEX.status.future_auxiliaries
               for c in verb.head.children)


def _in_a_past_clause(verb) -> bool:
    """ "left Doha on Monday heading to Rome", "spoke on Monday before flying to Rome": a
    participle a verb in the past governs tells a journey made."""
    if verb.tag_ != "VBG":
        return False
    head = verb.head.head if verb.dep_ == "pcomp" else verb.head
    return verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and head.tag_ == "VBD"


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


# Between two places of one list: "Cairo; Ankara, Turkey; Riyadh", "Kenya, Ghana and".
LIST_GAP = re.compile(r"\s*(?:[,;]|\band\b|\bthen\b|\bas\s+well\s+as\b|&)"
                      r"(?:\s*(?:[,;]|\band\b|\bthen\b|\bto\b|\bthe\b|\bon\s+to\b))*\s*",
                      re.IGNORECASE)


def from_sentence(view: View, article: Article) -> list[dict]:
    """Visit facts of one sentence."""
    text = view.text
    if not view.people and SCHEDULE_LINE.match(text):
        return schedule_stops(view, article)
    if PERMISSION.search(text):
        granted = permission_visits(view, article)
        if granted:
            return granted  # else no host country grants it: "Ruto invited Abiy to visit"
    if view.doc is None or not view.places:
        found = dateline_visits(view, article) or hosted_visits(view, article) or \
            gathering_visits(view, article)
        cancel_if_called_off(found, view.doc, LEX.visit.nouns, "cancelled: the trip", "visit")
        return found
    found = syntax_visits(view, article)
    if not found and not DATELINE.match(text) and not any(p.is_city for p in view.places):
        found = hosted_visits(view, article)  # "Xi called the state visit of U.S. President X"
    # "ACCRA — the minister arrived in Abuja": a stop the sentence states is where he is
    moved = {f["actor"] for f in found if f["type"] == "visit"}
    return found + [f for f in dateline_visits(view, article) if f["actor"] not in moved]


def _clause_text(trigger, view: View) -> str:
    """The words of the trigger's own clause, without the clauses of their own inside it:
    "X, who was in Kigali last week, will fly to Kinshasa" went to Kigali by no stated
    means; "arrived in Kyiv, having travelled overnight by train" came by train."""
    if view.doc is None:
        return view.text
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else (verb_of(trigger) or trigger)
    skip: set[int] = set()
    for t in verb.subtree:
        if t == verb or t.pos_ not in ("VERB", "AUX") or trigger in t.subtree:
            continue
        if t.dep_ in ("relcl", "ccomp", "parataxis") or t.dep_ in ("advcl", "conj") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            skip.update(x.i for x in t.subtree)
    return " ".join(t.text for t in verb.subtree if t.i not in skip)

