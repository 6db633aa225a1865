"""Meetings: two or more named persons meet, talk by phone or by video.

The parties come from the grammar of the meeting word: the subject and the object of "met"
or "hosted", the "with" and "between" objects of "talks" or "spoke", the owner of "meeting"
("Trump's meeting with King Salman"). "Met separately with A, B and C" is one meeting per
counterpart. The place is an "in / at" phrase of the meeting word or of the visit it is
part of ("a visit to Kyiv where he met"); the mode comes from the words around it.
"""

from __future__ import annotations

from etl.extract.context import View, group_size
from etl.extract.events_told import cancel_if_called_off, clauses_on
from etl.extract.lexicon import LEX
from etl.extract.meeting_places import guests, host_country, place_of
from etl.extract.meeting_words import is_joint, is_trigger, mode_of
from etl.extract.pipeline import is_date_word
from etl.extract.subjects import agents_of, subjects_of
from etl.extract.syntax import (
    conjuncts,
    objects_of,
    prep_objects,
    status_of,
    verb_of,
)
from etl.extract.visit_dates import _date
from etl.model import Article

# Verbs that are a meeting only with a person as object or a "with" phrase.
_NEEDS_PARTY = {"call", "receive", "welcome", "greet", "host", "see", "join", "thank", "visit",
                "brief", "engage", "accompany", "sit", "shake", "hold", "have", "spend",
                "agree", "exchange", "sign", "attend", "convene", "discuss", "dine", "lunch",
                "communicate", "speak", "talk", "hug", "embrace", "dial", "ring"}
# Nouns that are a meeting only when the text says with whom.
_NEEDS_WITH = {"conference", "lunch", "dinner", "breakfast", "visit", "exchange", "session",
               "courtesy", "phone", "chat"}


ROLE_NOUNS = LEX.people.role_nouns | {"counterpart", "counterparts", "leader", "leaders",
                                      "host", "wife", "husband", "lady", "prince", "king"}


def _lemma(token) -> str:
    return token.lemma_.lower()


def persons_in(token, view: View) -> list[str]:
    """Who a noun phrase names: the person itself, or the persons that describe a role noun
    ("his Russian counterpart Sergei Lavrov", "her Saudi and Jordanian counterparts")."""
    names = view.persons_for(token)
    if names:
        return names
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and token.lemma_.lower() in ROLE_NOUNS:
        person = view.person_at(nxt)
        if person:
            return [person.name]  # "his Ukrainian counterpart Volodymyr Zelensky"
    if token.lemma_.lower() in ROLE_NOUNS:
        # "the leader of China Xi Jinping", "the president of Kenya, William Ruto": the
        # title's own "of" phrase holds the name
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):  # "counterpart from Kenya, X"
                for g in c.children:
                    if g.dep_ == "pobj" and view.person_at(g):
                        return [view.person_at(g).name]
                    if g.dep_ == "pobj":
                        for a in g.children:
                            if a.dep_ == "appos" and view.person_at(a):
                                return [view.person_at(a).name]
    for c in token.children:
        if c.dep_ in ("appos", "amod", "compound", "nmod", "conj") and c.i != token.i:
            if c.dep_ == "conj":
                continue
            names += view.persons_for(c)
            for g in c.children:
                if g.dep_ == "conj":
                    names += view.persons_for(g)
    return names


# Places and acts that stand for their owner: a meeting there is a meeting with them.
HOST_NOUNS = frozenset({"residence", "invitation", "office", "palace", "home", "house",
                        "headquarters", "ranch", "estate", "dacha", "compound", "villa",
                        "request", "behest"})


def _parties(trigger, view: View) -> tuple[list[str], list[str], bool]:
    """(the subject side, the other side, whether the text says "separately")."""
    lemma = _lemma(trigger)
    subject_side: list[str] = []
    other_side: list[str] = []
    noun = trigger.pos_ in ("NOUN", "PROPN")
    holder = trigger
    apart = False
    if noun:
        for c in trigger.children:
            if c.dep_ in ("poss", "compound", "nmod") and (view.person_at(c) or c.pos_ == "PRON"):
                subject_side += [n for t in conjuncts(c) for n in view.persons_for(t)]
        verb = verb_of(trigger.head) if trigger.head != trigger else None
        if verb is not None and verb != trigger:
            holder = verb
            # "pressured Zelensky to give up land during talks": the one who pressed sat
            # at the table too, so a frame takes the clause's own subject
            frame = trigger.dep_ == "pobj" and trigger.head.lower_ in (
                "during", "at", "in", "after", "before", "for")
            if not subject_side:
                subject_side = [n for t in subjects_of(verb, control=not frame)
                                for n in view.persons_for(t)]
            if not subject_side and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
                # "the decision of President X to cancel a meeting with Y", "X's move to
                # postpone talks": the one whose decision it is
                owner = verb.head
                subject_side = [n for c in owner.children if c.dep_ == "poss"
                                for t in conjuncts(c) for n in view.persons_for(t)]
                subject_side += [n for t in prep_objects(owner, ("of", "by"))
                                 for n in persons_in(t, view)]
    else:
        subject_side = [n for t in subjects_of(trigger) for n in (
            view.persons_for(t) or (persons_in(t, view) if _lemma(t) in ROLE_NOUNS else []))]
        if lemma in LEX.meeting.object_verbs:
            # the parser reads the person of "called President X" as a predicate (oprd)
            other_side += [n for t in objects_of(trigger, ("dobj",)) or objects_of(
                trigger, ("oprd",)) for n in persons_in(t, view)]
        other_side += [n for t in agents_of(trigger) for n in view.persons_for(t)]
        if lemma in LEX.meeting.object_verbs and other_side:
            # "met A and, later, B": the parser hangs B on the verb, whose object is
            # elided; another meeting of the same verb
            gapped = [n for c in trigger.children if c.dep_ == "conj" and c.pos_ in (
                "PROPN", "NOUN") for n in persons_in(c, view)]
            if gapped:
                other_side += gapped
                apart = True
    words = ("with", "between", "among", "to") if lemma in (
        "speak", "talk", "call", "conversation", "chat") else ("with", "between", "among")
    if lemma == "call":
        # "a courtesy call on the prime minister", "called on President X": a visit to X;
        # "a call from"
        words += ("on", "from") if noun else ("on",)
    holders = [trigger]
    if not noun and lemma in LEX.meeting.with_verbs:
        holders += objects_of(trigger, ("dobj",))  # "discussed the issue with Putin"
    for t in [o for h in holders for o in prep_objects(h, words)]:
        found = persons_in(t, view)
        other_side += found
        # "talks with their Ukrainian counterpart", "talks with X, her Vietnamese
        # counterpart": whose counterpart it is sat at the table too
        owners = [t] if not found else [a for a in t.children if a.dep_ == "appos"]
        subject_side += [n for o in owners for c in o.children
                         if c.dep_ == "poss" and c.pos_ == "PRON" for n in view.persons_for(c)]
    for c in trigger.children:
        # "spoke by telephone with Xi", "a meeting planned with Lavrov"
        inner = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in (
            "by", "via", "over", "on") else [c] if c.dep_ in ("acl", "relcl") else []
        for g in inner:
            for t in prep_objects(g, ("with", "between")):
                other_side += persons_in(t, view)
    if noun:
        clauses = clauses_on(trigger, view)
        if trigger.dep_ in ("nsubj", "nsubjpass"):
            clauses.append(trigger.head)  # "the talks included Wong and Marsudi"
        for c in clauses:
            if _lemma(c) in LEX.meeting.party_verbs:
                other_side += [n for t in objects_of(c, ("dobj",)) + agents_of(c)
                               for n in persons_in(t, view)]
    if noun and holder != trigger:
        # "talks with X", and "a phone conversation took place between A and B"
        for t in prep_objects(holder, ("with", "between", "among")):
            other_side += persons_in(t, view)
        if not other_side and trigger.dep_ == "pobj" and trigger.head.lower_ in (
                "during", "at", "in", "after", "before", "for"):
            # "pressured Zelensky during talks in Washington": the object was at the table
            h = holder
            for _ in range(3):
                other_side += [n for t in objects_of(h, ("dobj",)) for n in persons_in(t, view)]
                if other_side or h.dep_ not in ("xcomp", "conj") or h.head == h:
                    break
                h = h.head
    if _lemma(trigger) in ("hold", "have") or (not noun and any(
            _lemma(o) in LEX.meeting.nouns for o in objects_of(trigger, ("dobj",)))):
        for o in objects_of(trigger, ("dobj",)):
            for t in prep_objects(o, ("with", "between")):
                other_side += persons_in(t, view)
    for o in objects_of(trigger, ("dobj",)) if not noun else []:
        if _lemma(o) in LEX.meeting.meal_nouns:  # "hosted a dinner for X", "in honour of X"
            guests = prep_objects(o, ("for",)) + [g for h in prep_objects(o, ("in",))
                                                 for g in prep_objects(h, ("of",))]
            other_side += [n for t in guests for n in persons_in(t, view)]
    for h in dict.fromkeys([trigger, holder]):
        # "held talks at the residence of Prime Minister X", "at X's invitation": the host
        for o in prep_objects(h, ("at", "in", "on")):
            if _lemma(o) not in HOST_NOUNS:
                continue
            for c in o.children:
                if c.dep_ == "poss":
                    other_side += [n for t in conjuncts(c) for n in view.persons_for(t)]
            for t in prep_objects(o, ("of",)):
                other_side += persons_in(t, view)
    words = list(trigger.children) + (list(holder.children) if holder != trigger else [])
    separately = apart or any(c.lower_ in LEX.meeting.separate_words for c in words) or (
        trigger.tag_ == "NNS" and any(c.lower_ in LEX.meeting.plural_separate_words
                                      for c in trigger.children))
    subject_side = list(dict.fromkeys(subject_side))
    other_side = [n for n in dict.fromkeys(other_side) if n not in subject_side]
    return subject_side, other_side, separately


_COMMITTING = {"agree", "announce", "decide", "pledge", "vow", "promise", "resolve"}


def _agreed_there(trigger, cues: list[str]) -> bool:
    """ "agreed to boost trade at a meeting in Jakarta": what was agreed is ahead, the
    meeting where it was agreed is not. True when every planning cue is a committing verb
    in the past and the meeting is only its setting (after "at" or "during")."""
    if not (trigger.dep_ == "pobj" and trigger.head.lower_ in ("at", "during")):
        return False
    committing = {t.text for t in trigger.ancestors
                  if t.tag_ == "VBD" and t.lemma_.lower() in _COMMITTING}
    planned = [c.split(": ", 1)[1] for c in cues if c.startswith("planned: ")]
    return bool(committing) and all(
        word in committing or word.startswith("to ") for word in planned)


def _stated_whole(group: list[str], view: View) -> list[str]:
    """All the persons of the sentence when it counts them ("..., the four leaders had
    agreed") and the grammar found only some: the stated size is the text's own word on
    how many took part."""
    named = list(dict.fromkeys(p.name for p in view.people))
    if len(group) < 2 or not set(group) < set(named):
        return group
    for token in view.doc:
        if token.tag_ == "NNS" and group_size(token) == len(named):
            return sorted(named)
    return group


def _unknown_party(trigger, view: View) -> bool:
    """The meeting's other side is a person-like noun no name or office resolves to."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return False
    others = objects_of(trigger, ("dobj",)) + prep_objects(trigger, ("with",))
    named = any(persons_in(o, view) for o in others)
    for o in others:
        if o.lemma_.lower() in ROLE_NOUNS and not persons_in(o, view) and not (
                named and (o.tag_ in ("NNS", "NNPS") or o.lower_ != _lemma(o))):
            return True  # but "his Kyrgyz and Tajik counterparts, A and B": they are A and B
    return False


def _joins_the_meeting(trigger) -> bool:
    """ "hosted the summit", "also attended the talks": a definite meeting noun, already
    told, that a verb of taking part governs."""
    if trigger.pos_ != "NOUN" or trigger.dep_ != "dobj" or not any(
            c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in trigger.children):
        return False
    return _lemma(trigger.head) in JOIN_VERBS


JOIN_VERBS = frozenset({"host", "attend", "join", "chair", "co-chair", "address", "open"})


def _governed_by_subjects(noun, view: View) -> bool:
    """ "Rubio and Lavrov called off an expected meeting", "the two held talks": a meeting
    noun that is the object of the parties' own verb, not "their Kyiv meetings"."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        # "the two leaders, X and Y, signed deals after their talks": bound to the clause
        return any(c.lower_ == "their" and view.clause_subjects(c) for c in owners)
    if noun.dep_ == "pobj" and noun.head.lower_ in ("during", "at", "in") and \
            noun.head.head.pos_ in ("VERB", "AUX"):
        return True  # "Modi and Kishida discussed trade during a meeting in Hiroshima"
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.pos_ == "VERB" \
            and _lemma(noun.head.head) in LEX.meeting.assembly_verbs:
        return True  # "A and B sat down for talks"
    return noun.dep_ in ("dobj", "nsubjpass")


def _dated_objects(trigger, view: View) -> list[tuple[list[str], object]]:
    """(names, token) of each object of a meeting verb when every object has a date of its
    own after it ("met A on Monday and B on Tuesday"); empty otherwise."""
    if trigger.pos_ != "VERB" or _lemma(trigger) not in LEX.meeting.object_verbs:
        return []
    objects = objects_of(trigger, ("dobj",))
    days = [c for c in trigger.children if c.dep_ == "prep" and any(
        o.dep_ == "pobj" and is_date_word(o) for o in c.children)]
    if len(objects) < 2 or len(days) < len(objects):
        return []
    found = [(persons_in(o, view), o) for o in objects]
    if not all(names for names, _ in found) or not all(
            any(o.i < d.i for d in days) for _, o in found):
        return []
    return found


def _the_group_met(view: View) -> bool:
    """ "The two leaders last met in Nairobi": a meeting verb whose subject is a group of the
    size of the one the story has told (not "they agreed to start talks")."""
    return len(view.group) >= 2 and any(
        t.pos_ == "VERB" and _lemma(t) in LEX.meeting.verbs and any(
            c.dep_ == "nsubj" and group_size(c) == len(view.group) for c in t.children)
        for t in view.doc)


def from_sentence(view: View, article: Article) -> list[dict]:
    """Meeting facts of one sentence; one that names nobody may still be about the group the
    story has told ("The two leaders last met in Nairobi")."""
    if view.doc is None or len(view.people) < 1:
        found: list[dict] = []  # "The meeting was called off.": the one told before
        cancel_if_called_off(found, view.doc, LEX.meeting.nouns, "cancelled: the meeting",
                             "meeting")
        if found or view.doc is None or not _the_group_met(view):
            return found
    facts: list[dict] = []
    placed: list[dict] = []  # meetings placed by their own clause, whose guests came there
    seen: dict[tuple, dict] = {}
    for trigger in view.doc:
        if not is_trigger(trigger):
            continue
        subject_side, other_side, separately = _parties(trigger, view)
        lemma = _lemma(trigger)
        joint = is_joint(trigger)
        if not other_side and len(subject_side) == 1 and _joins_the_meeting(trigger):
            # "Jordan's King Abdullah would have hosted the four-way summit": one more
            # party to the summit the article has told
            facts.append({"type": "meeting_join", "person": subject_side[0],
                          "noun": lemma, "_sentence": view.sentence.n})
            continue
        if not other_side and (len(subject_side) < 2 or lemma in _NEEDS_WITH and not joint or (
                trigger.pos_ == "VERB" and lemma not in LEX.meeting.verbs and not joint) or (
                trigger.pos_ != "VERB" and not _governed_by_subjects(trigger, view))):
            continue  # "their Kyiv meetings": with whom, the text does not say
        dated = _dated_objects(trigger, view)
        if dated:
            # "met A on Monday and B on Tuesday": a meeting each, on its own day
            groups = [sorted(set(subject_side + names)) for names, _ in dated]
        elif separately and len(subject_side) >= 1 and len(other_side) >= 2:
            groups = [sorted(set(subject_side + [o])) for o in other_side]
        else:
            groups = [sorted(set(subject_side + other_side))]
        if len(groups) == 1:
            groups = [_stated_whole(groups[0], view)]
        if _unknown_party(trigger, view):
            continue  # "met the Ukrainian president": someone the text does not name
        mode = mode_of(trigger, view)
        status, cues = status_of(trigger)
        if status == "cancelled" and any(c.startswith("negated") for c in cues) and any(
                c.startswith("planned") and c.split(": ", 1)[1].split()[0].lower()
                not in LEX.status.future_auxiliaries for c in cues):
            status = "possible"  # "does not have a meeting planned": not ruled out
        if status == "planned" and _agreed_there(trigger, cues):
            status = "occurred"
        place, country, rank = place_of(trigger, view) if mode == "in_person" else (
            None, None, 3)
        home = None
        if mode == "in_person" and country is None and trigger.pos_ == "VERB" and lemma in (
                "host", "welcome", "receive") and len(subject_side) == 1 and other_side and \
                not any(c.dep_ == "auxpass" for c in trigger.children):
            home = host_country(subject_side[0], other_side, view)  # "X is hosting Y"
        date, default = _date(view, trigger, trigger, status, cues)
        for n, group in enumerate(groups):
            if len(group) < 2:
                continue
            if dated:
                date, default = _date(view, trigger, dated[n][1], status, cues)
                if mode == "in_person":
                    end = dated[n + 1][1].idx if n + 1 < len(dated) else len(view.text)
                    place, country, rank = place_of(trigger, view, (dated[n][1].idx, end))
            key = (tuple(group), mode)
            fact = view.fact_base(article) | {
                "type": "meeting", "participants": group, "place": place, "country": country,
                "date": date, "status": status, "mode": mode,
                "_how": {"trigger": trigger.text, "cues": cues,
                         "noun": trigger.pos_ in ("NOUN", "PROPN")},
            }
            if default:
                fact["_default_date"] = True
            if home:
                fact["_host_home"] = home
            if key in seen:
                kept = seen[key]
                if not kept["place"] and place:
                    kept["place"], kept["country"] = place, country
                continue
            seen[key] = fact
            facts.append(fact)
            if place and rank <= 1:
                placed.append(fact)
    cancel_if_called_off(facts, view.doc, LEX.meeting.nouns, "cancelled: the meeting", "meeting")
    return facts + [visit for fact in placed for visit in _guest_visits(fact, view)]


def in_the_hosts_country(facts: list[dict]) -> list[dict]:
    """A hosted meeting the article places nowhere else (not its own clause, not the trip
    told beside it) is in the host's country, and its guests' stops are there: "X is
    hosting Y this week". Run after the trip has placed what it can; returns the stops."""
    stops = []
    for fact in facts:
        home = fact.get("_host_home")
        if fact["type"] != "meeting" or not home or fact.get("place") or fact.get("country"):
            continue
        fact["country"] = home[0]
        stops += [_guest_stop(fact, guest) for guest in home[1]]
    return stops


def _guest_visits(meeting: dict, view: View) -> list[dict]:
    """The stops of the guests of a meeting in its own clause's place, as far along as the
    meeting once the sentence has said whether it was called off."""
    if meeting["status"] not in ("occurred", "planned"):
        return []
    return [_guest_stop(meeting, guest)
            for guest in guests(meeting["participants"], meeting["country"], view)]


def _guest_stop(meeting: dict, guest: str) -> dict:
    """The stop of one guest at a meeting: its place, day and status."""
    return {k: v for k, v in meeting.items() if k not in ("participants", "mode", "_how",
                                                          "_host_home")} | {
        "type": "visit", "actor": guest, "_default_date": bool(meeting.get("_default_date")),
        "_how": {"relation": "guest", "trigger": meeting["_how"]["trigger"],
                 "cues": meeting["_how"]["cues"]}}
