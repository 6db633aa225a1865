"""Reading the dependency parse: who is the subject of a verb, what governs a phrase, which
status the verbs above a trigger give it, which date belongs to it.

Every function takes spaCy tokens; none looks at character distance, so "arms deliveries
to Russia" is a place attached to a noun of supply, not to anyone's travel verb.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from etl.extract.lexicon import LEX

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
# Dependencies through which a verb inherits the subject of the verb above it: "is expected
# to travel", "arrived and met", "Arriving in Kyiv, he said".
INHERIT_DEPS = {"xcomp", "conj", "advcl", "pcomp", "acomp", "ccomp", "oprd"}
# A clause that starts its own tense: what is above it does not decide its status.
OWN_CLAUSE_DEPS = {"advcl", "relcl", "ccomp", "parataxis", "csubj", "acl", "pcomp"}


def conjuncts(token) -> list:
    """A token and the tokens coordinated with it ("Kenya, Ghana and Senegal"), also when
    the parser hangs the next conjunct on an apposition ("Blinken, the Secretary of State,
    and Lammy")."""
    seen = [token]
    for t in token.conjuncts:
        if t not in seen:
            seen.append(t)
    for c in token.children:
        if c.dep_ == "appos":
            for t in c.conjuncts:
                if t not in seen and t.i > c.i:
                    seen.append(t)
    return sorted(seen, key=lambda t: t.i)


def first_conjunct(token):
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def verb_of(token):
    """The verb a token hangs from: itself when it is one, else its nearest verb ancestor."""
    for t in _self_and_ancestors(token):
        if t.pos_ in ("VERB", "AUX") and not (t.lower_ in LEX.money.words and any(
                c.dep_ == "nummod" for c in t.children)):
            return t  # "1.2 trillion won": a currency the parser read as a verb is none
        if t.dep_ == "ROOT" and t.pos_ == "NOUN" and t.tag_ == "NNS" and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return t  # "Doe, the president, heads to Asia": a verb tagged as a plural noun
    return None


def _self_and_ancestors(token) -> Iterator:
    yield token
    yield from token.ancestors


def objects_of(token, deps: Iterable[str] = ("dobj", "dative", "attr")) -> list:
    deps = set(deps)
    return [t for c in token.children if c.dep_ in deps for t in conjuncts(c)]


def prep_objects(token, words: Iterable[str]) -> list:
    """Objects of the prepositions `words` attached to a token, with their conjuncts."""
    words = set(words)
    out = []
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in words:
            for g in c.children:
                if g.dep_ == "pcomp" and g.lower_ == "visiting" and g.tag_ == "VBG":
                    # "talks with visiting Prime Minister X": the parser makes "visiting" the
                    # verb of the phrase; the person is its object
                    out += [t for d in g.children if d.dep_ == "dobj" for t in conjuncts(d)]
                elif g.dep_ in ("pobj", "pcomp"):
                    out += conjuncts(g)
    return out


FRAME_PREPS = {"during", "on", "in", "at", "throughout", "amid"}
POSSIBLE_PREDICATES = {"possible", "likely", "unlikely", "probable", "chance", "possibility",
                       "conceivable", "expected", "hope", "plan", "wish"}


def governors(trigger, depth: int = 6, conj: bool = True, frames: bool = False) -> list:
    """The trigger and the words above it that still speak of the same event.

    A noun trigger ("trip") climbs to the verb that governs it ("cancelled his trip");
    a verb climbs through infinitive complements ("is expected to travel", "refused to
    attend") but not into another clause of its own.
    """
    chain = [trigger]
    t = trigger
    for _ in range(depth):
        head = t.head
        if head == t:
            break
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj",
                                                     "attr", "conj", "appos", "npadvmod"):
            if t.dep_ == "pobj" and (head.lower_ == "of" and head.head.lower_ == "ahead" or
                                     _forward_to(head)):
                chain.append(AheadOf(head.head))  # "ahead of his meeting with Xi": to come
                break
            if t.dep_ == "pobj" and t.lemma_.lower() == "way" and head.lower_ in (
                    "on", "en") and not is_past(head.head):
                # "will stop in Dubai on his way to Beijing": not there yet (told in the past,
                # "stopped over in Dubai on his way to Beijing", the story has him there since)
                chain.append(AheadOf(head.head))
                break
            if t.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in (
                    "during", "after", "before", "since", "following", "ahead", "until") or (
                    t == trigger and head.lower_ == "in" and t.pos_ == "NOUN"
                    and t.lemma_.lower() in LEX.meeting.nouns):
                # "agreed in a phone call to reopen the border": the call is the setting
                if frames and head.lower_ in FRAME_PREPS and head.head.pos_ in ("VERB", "AUX"):
                    # "During his stay in Nairobi, Kerry will discuss": the clause's tense
                    chain.append(FrameVerb(head.head))
                break  # "during his visit": the visit is the frame, not governed
            chain.append(head)
            t = head
            continue
        if t.dep_ == "prep":
            chain.append(head)
            t = head
            continue
        if t.dep_ == "pcomp" and _forward_to(head):
            chain.append(AheadOf(head))  # "looked forward to meeting X": to come
            break
        if frames and t.dep_ == "pcomp" and head.lower_ in ("before", "after") and \
                head.head.pos_ in ("VERB", "AUX"):
            # "is to visit the coast guard before flying on to Malaysia for talks": the
            # clause's tense
            chain.append(FrameVerb(head.head))
            break
        if t.dep_ in ("xcomp", "oprd") or (
                conj and t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")) or (
                t.dep_ == "acomp" and t.pos_ == "ADJ" and head.pos_ == "AUX"):
            # "where he had been due to meet": the adjective's clause is the meeting's
            chain.append(head)
            t = head
            continue
        if t.dep_ == "ccomp" and (head.lemma_ in LEX.status.cancel_verbs | frozenset(
                ("deny", "refuse")) or any(c.lemma_.lower() in POSSIBLE_PREDICATES and c.dep_ in (
                    "acomp", "attr") for c in head.children)):
            # "it is quite possible that he will meet Xi": the predicate above decides
            chain.append(head)
            t = head
            continue
        if t.dep_ in ("relcl", "acl") and head.lemma_.lower() in EVENT_NOUNS | INTENT_NOUNS:
            # "cancelled a summit it was scheduled to host": the summit's fate is the host's;
            # "scrapped plans to meet": so is a plan's
            chain.append(head)
            t = head
            continue
        if t.dep_ == "relcl" and any(c.lower_ == "where" for c in t.children) and \
                head.dep_ == "pobj" and head.head.dep_ == "prep" and \
                head.head.head.lemma_.lower() in EVENT_NOUNS:
            # "called off her trip to Tokyo, where she was to meet Kishida": the meeting
            # was part of the trip
            t = head.head.head
            chain.append(t)
            continue
        break
    return chain


def _forward_to(prep) -> bool:
    """ "looked forward to": what follows is still to come."""
    return prep.lower_ == "to" and "forward" in (prep.head.lower_,
                                                 *(c.lower_ for c in prep.head.children))


EVENT_NOUNS = LEX.meeting.nouns | LEX.visit.nouns
# Nouns whose infinitive is the event they intend: "plans to meet", "a bid to visit".
INTENT_NOUNS = frozenset({"plan", "bid", "attempt", "hope", "offer", "intention", "proposal",
                          "idea", "effort", "invitation", "decision", "promise", "pledge"})


class AheadOf:
    """ "ahead of": the event it frames is still to come."""

    def __init__(self, token):
        self.token = token


class FrameVerb:
    """The verb of the clause a "during his visit" frame opens: it lends the frame its tense
    and modals, not the meaning of its words ("pledged during a press conference")."""

    def __init__(self, token):
        self.token = token


def _cancels(token) -> bool:
    lemma = token.lemma_.lower()
    if lemma not in LEX.status.cancel_verbs:
        return False
    if lemma in LEX.status.particle_only:
        wanted = LEX.status.cancel_particles.get(lemma, frozenset())
        # "pulled out of a summit": the parser may read the particle as a preposition
        return any(c.dep_ in ("prt", "prep") and c.lower_ in wanted for c in token.children)
    return True


def negated(token) -> bool:
    """ "did not meet", "never met", "would no longer meet"."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "longer" and any(
        g.lower_ == "no" for g in c.children)) for c in token.children)


def modal_children(token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass") and
            c.tag_ == "MD"} | {c.lemma_.lower() for c in token.children
                                if c.dep_ == "aux" and c.tag_ == "MD"}


def status_of(trigger, default: str = "occurred") -> tuple[str, list[str]]:
    """The status the verbs and words governing a trigger give its event, with the cues.

    cancelled > possible > planned > occurred, as the strongest cue found wins: "Jordan
    cancelled the summit", "could travel", "is expected to travel", "arrived".
    """
    chain = governors(trigger, frames=True)
    cues: list[str] = []
    found = set()
    first = first_conjunct(trigger)
    extra = [first] if first != trigger else []
    for t in chain + extra:
        if isinstance(t, AheadOf):
            found.add("planned")
            cues.append("planned: ahead of")
            continue
        if isinstance(t, FrameVerb):
            verb = t.token
            if modal_children(verb) & LEX.status.future_auxiliaries:
                found.add("planned")
                cues.append(f"planned: {verb.text} (clause)")
            elif any(g.lemma_.lower() in LEX.status.planned_words for g in governors(verb)
                     if g != verb and not isinstance(g, (AheadOf, FrameVerb))):
                # "is set to meet X during a visit to Nairobi": the visit is ahead too
                found.add("planned")
                cues.append(f"planned: {verb.text} (clause)")
            if modal_children(verb) & LEX.status.possible_modals:
                found.add("possible")
                cues.append(f"possible: {verb.text} (clause)")
            continue
        lemma = t.lemma_.lower()
        if _cancels(t) and t != trigger and negated(t):
            # "has not been ruled out": still possible; "did not cancel the trip": on
            if lemma in ("rule", "exclude"):
                found.add("possible")
                cues.append(f"possible: not {t.text}")
        elif _cancels(t) and t != trigger:
            found.add("cancelled")
            cues.append(f"cancelled: {t.text}")
        elif negated(t) and t.pos_ in ("VERB", "AUX"):
            found.add("negated")
            cues.append(f"negated: {t.text}")
        if t.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lemma_.lower() in _UNSET
                and any(g.lower_ == "no" for g in c.children) for c in t.children):
            found.add("possible")  # "no date has been set for a meeting": sought, not set
            cues.append(f"possible: no date {t.text}")
        modals = modal_children(t)
        if modals & LEX.status.possible_modals:
            found.add("possible")
            cues.append(f"possible: {' '.join(sorted(modals))}")
        if lemma in LEX.status.possible_words and (
                t != trigger or lemma == "invite"):  # "has invited X to Nairobi"
            if t.dep_ == "dobj" and t.head.lemma_.lower() in LEX.status.accept_verbs:
                found.add("planned")  # "accepted an invitation to visit": a yes, a plan
                cues.append(f"planned: {t.head.text} {t.text}")
            else:
                found.add("possible")
                cues.append(f"possible: {t.text}")
        if t != trigger and t.dep_ == "prep" and t.lower_ == "for" and lemma == "for" and (
                t.head.lemma_.lower() in LEX.status.asking_verbs):
            found.add("possible")  # "called for a meeting with Y", "pressed for talks"
            cues.append(f"possible: {t.head.text} for")
        for c in t.children:
            if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in POSSIBLE_PREDICATES - {
                    "expected", "plan"} and t.lemma_ == "be":
                found.add("possible")
                cues.append(f"possible: {c.text}")
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless"):
                found.add("possible")
                cues.append(f"possible: {c.text}")
            if c.dep_ in ("amod", "advmod") and c.lower_ in LEX.status.possible_words:
                found.add("possible")
                cues.append(f"possible: {c.text}")
            if c.dep_ in ("amod", "advmod", "npadvmod", "acl") and c.lower_ in (
                    "upcoming", "forthcoming", "planned", "scheduled", "expected", "proposed",
                    "next", "tomorrow", "soon", "planned", "prospective"):
                found.add("planned")
                cues.append(f"planned: {c.text}")
        if modals & LEX.status.future_auxiliaries or any(
                c.dep_ == "aux" and c.lower_ in ("'ll", "wo", "shall") for c in t.children):
            found.add("planned")
            cues.append(f"planned: {' '.join(sorted(modals)) or 'will'}")
        if lemma in LEX.status.planned_words and (t != trigger and t.pos_ in (
                "VERB", "AUX", "ADJ", "NOUN") or t.pos_ == "ADJ" or t.tag_ == "VBN" and any(
                c.dep_ == "auxpass" for c in t.children)):  # "is due / is expected in Rome"
            found.add("planned")
            cues.append(f"planned: {t.text}")
        if _infinitive_ahead(t):
            found.add("planned")
            cues.append(f"planned: to {t.text}")
        if t.lemma_ == "be" and any(c.dep_ == "xcomp" and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                for c in t.children):
            found.add("planned")
            cues.append("planned: is to")
    top = next((t for t in reversed(chain) if not isinstance(t, (AheadOf, FrameVerb))), None)
    if top is not None and top.dep_ == "ROOT" and top.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in top.children):
        found.add("planned")  # a headline's "X to meet Y in Kampala"
        cues.append(f"planned: to {top.text}")
    if _purpose_of_arrival(trigger):
        found.add("planned")
        cues.append(f"planned: {trigger.head.head.text} for")
    unsettled = _unsettled(trigger, chain)
    if unsettled:
        found.add("possible")
        cues.append(f"possible: {unsettled}")
    if "cancelled" in found:
        return "cancelled", cues
    if "negated" in found:
        return "cancelled", cues
    if "possible" in found:
        return "possible", cues
    if "planned" in found:
        return "planned", cues
    return default, cues


_TALKED_ABOUT = frozenset({"talk", "discussion", "negotiation", "discuss", "consultation"})
_STRIVING = frozenset({"work", "try", "strive", "scramble", "race", "push", "move"})


def _unsettled(trigger, chain) -> str | None:
    """A trip or meeting still being arranged or talked about: "Japan is arranging a
    visit", "officials are working to arrange a meeting", "in talks about a visit by X",
    "discussed a visit". Once arranged ("has arranged a visit") it is a plan."""
    for t in chain:
        if isinstance(t, (AheadOf, FrameVerb)) or t.lemma_.lower() != "arrange":
            continue
        if t.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in t.children):
            return f"{t.text} (under way)"
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in _STRIVING:
            return f"{t.head.text} to {t.text}"
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in ("about", "on", "over") and (
            head.head.lemma_.lower() in _TALKED_ABOUT):
        return f"{head.head.text} {head.text}"
    if trigger.dep_ == "dobj" and head.lemma_.lower() == "discuss" and (
            trigger.lemma_.lower() in LEX.visit.nouns | LEX.meeting.nouns):
        return f"{head.text}"
    return None


def _purpose_of_arrival(trigger) -> bool:
    """Talks a traveller "arrives in Hanoi for" or "heads to Hanoi for" are still ahead:
    the arrival told in the present comes first."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ != "for" or (
            trigger.lemma_.lower() not in LEX.meeting.nouns):
        return False
    verb = trigger.head.head
    return verb.tag_ in ("VBZ", "VBP") and verb.lemma_.lower() in (
        LEX.visit.toward_verbs | LEX.visit.arrival_verbs) - {"be"} and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


_UNSET = frozenset({"date", "time", "timing", "venue", "decision", "plan", "schedule"})


def _infinitive_ahead(t) -> bool:
    """ "leaves today to fly to Riyadh", "travelled to Poland to meet Duda": an infinitive
    of purpose is still ahead, unless the clause above it is past ("had travelled")."""
    if t.pos_ != "VERB" or t.dep_ not in ("advcl", "xcomp", "relcl", "acl"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        return False
    if t.dep_ == "xcomp":
        return False  # "expected to travel": the head verb decides
    if t.dep_ in ("relcl", "acl") and any(c.dep_ == "amod" and c.lower_ in _RANKS
                                          for c in t.head.children):
        # "became the first Iraqi leader to visit Tehran": made, unless "will become"
        return bool(modal_children(t.head.head) & LEX.status.future_auxiliaries)
    if any(c.dep_ == "aux" and c.lower_ == "had" for c in t.head.children):
        return False  # "had travelled to Washington to meet Biden": done before the story
    if t.head.tag_ == "VBD" and t.head.lemma_.lower() in (
            LEX.visit.toward_verbs | LEX.visit.arrival_verbs) and _dated(t.head):
        return False  # "flew to Addis Ababa on Sunday to meet Abiy": told once it was done
    return True


# "the first / only / last leader to visit X": the infinitive is what made them so.
_RANKS = frozenset({"first", "second", "third", "fourth", "fifth", "last", "only", "latest",
                    "youngest", "oldest", "highest", "most"})
_DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "yesterday", "today", "overnight"})


def _dated(verb) -> bool:
    """Whether a verb carries a day of its own ("flew on Sunday", "arrived yesterday")."""
    for c in verb.children:
        if c.dep_ in ("npadvmod", "advmod") and c.lower_ in _DAY_WORDS:
            return True
        if c.dep_ == "prep" and c.lower_ == "on" and any(
                g.lower_ in _DAY_WORDS or g.ent_type_ == "DATE" for g in c.children):
            return True
    return False


def is_past(token) -> bool:
    """Whether a verb (or the verbs it hangs from) is in a past tense."""
    for t in [token] + [c for c in token.children if c.dep_ in ("aux", "auxpass")]:
        if t.tag_ in ("VBD",) or (t.tag_ == "VBN" and any(
                c.lemma_ in ("have", "be") for c in token.children)):
            return True
    return False


def argued_for(word):
    """The verb or meeting word a phrase's head stands as an argument of, climbing from a
    person named in it: "met Foreign Minister X in Jakarta", "hosted his counterpart Y in
    Astana", "talks with the president of the Commission, Z, in Brussels" are all meetings
    in that place, though the parser hangs the place on the person."""
    for _ in range(5):
        if word.pos_ in ("VERB", "AUX") or word.lemma_.lower() in LEX.meeting.nouns:
            return word
        if word.pos_ not in ("PROPN", "NOUN"):
            return None
        if word.dep_ in ("appos", "compound", "flat", "conj") or (
                word.dep_ in ("dobj", "dep") and word.head.pos_ == "VERB"):
            word = word.head  # "met A and B in Nairobi": the place hung on B is the meeting's
        elif word.dep_ == "pobj" and word.head.lower_ in ("with", "of"):
            word = word.head.head
        else:
            return None
    return None
