"""Meeting words and how a meeting was held: which tokens are a meeting ("met", "talks",
"co-chaired", "called on the president"), and whether it was in person, by phone or by
video, from the words that hang from it."""

from __future__ import annotations

import re

from etl.extract.context import View
from etl.extract.lexicon import LEX


def _lemma(token) -> str:
    return token.lemma_.lower()


def is_trigger(token) -> bool:
    lemma = _lemma(token)
    if lemma == "call" and token.pos_ == "VERB" and any(c.dep_ == "prt" or (
            c.dep_ == "prep" and c.lower_ == "for") or _on_someone(c) for c in token.children):
        # "called off", "called for", "called on Russia to end the war": no call; but
        # "called on the president at his palace", with nothing asked, is a courtesy visit
        return _calls_on_someone(token)
    if lemma == "call" and any(c.dep_ == "oprd" and c.ent_type_ != "PERSON"
                               for c in token.children):
        return False  # "talks both sides called frank", "called it a success": a naming
    if token.pos_ in ("VERB", "AUX"):
        if is_joint(token):
            return True
        return (lemma in LEX.meeting.verbs or lemma in LEX.meeting.object_verbs
                or lemma in LEX.meeting.with_verbs)
    if token.pos_ in ("NOUN", "PROPN"):
        if lemma == "exchange" and token.dep_ == "pobj" and token.head.lower_ == "in":
            return False  # "in exchange for"
        return lemma in LEX.meeting.nouns or token.lower_ in LEX.meeting.nouns
    return False


def _calls_on_someone(token) -> bool:
    """ "called on X" with no "to ..." of what X is urged to do: a visit to X."""
    ons = [c for c in token.children if _on_someone(c)]
    if not ons or any(c.dep_ == "prt" or c.lower_ == "for" for c in token.children):
        return False
    asked = ("xcomp", "ccomp", "advcl", "acl", "relcl")
    if any(c.dep_ in asked for c in token.children):
        return False
    return all(not any(c.dep_ in asked for g in on.children for c in g.children)
               for on in ons)


def is_joint(token) -> bool:
    """A verb its subjects do together: "co-chaired the commission", "shook hands", "held a
    joint news conference"."""
    lemma = _lemma(token)
    if lemma in ("hold", "give", "host") and any(
            c.dep_ == "dobj" and any(g.lower_ == "joint" for g in c.children)
            for c in token.children):
        return True
    if lemma == "shake":
        return any(c.dep_ == "dobj" and c.lower_ == "hands" for c in token.children)
    if lemma == "exchange":  # "the two leaders exchanged views by phone": a conversation
        return any(c.dep_ == "dobj" and _lemma(c) in LEX.meeting.exchanged_nouns
                   for c in token.children)
    if lemma == "sign":  # "A and B signed a gas deal in La Paz": together, at one table
        return any(c.dep_ == "dobj" and _lemma(c) in LEX.meeting.signed_nouns
                   for c in token.children)
    return lemma in LEX.meeting.joint_verbs


def mode_of(trigger, view: View) -> str:
    """phone, video or in_person from the words that hang from the meeting word: "spoke by
    phone", "a phone call", "a virtual summit", "met virtually", "called Putin". A meeting
    noun in an "in / during" phrase of another meeting word ("met virtually ... in a
    conversation both sides called frank") is that meeting, held the way the other says."""
    outer = trigger.head.head
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and trigger.head.lower_ in (
            "in", "during") and outer != trigger and is_trigger(outer):
        return _own_mode(outer)  # which reads the words of its "in ..." phrase too
    mode = _own_mode(trigger)
    video = [m.span() for m in _VIDEO_MEETING.finditer(trigger.doc.text)]
    if mode == "in_person" and video and not any(
            is_trigger(t) and t.i != trigger.i and not any(a <= t.idx < b for a, b in video)
            for t in trigger.doc):
        # "held talks ... in a virtual summit", the parser hanging the summit elsewhere:
        # the sentence's only meeting is the one it calls virtual
        return "video"
    return mode


# A meeting named as held by video, whatever the parse: "a virtual summit", "video talks".
_VIDEO_MEETING = re.compile(r"\b(?:virtual|video|online)\s+(?:summit|meeting|talks|conference"
                            r"|call|session)s?\b", re.IGNORECASE)


def _own_mode(trigger) -> str:
    words = {trigger.lower_}
    for t in trigger.children:
        if t.dep_ in ("prt", "conj", "cc"):
            continue  # "met X and later called on Y": the next verb is a meeting of its own
        words |= {t.lower_}
        # not a clause of its own: "a goal Modi called 'Mission 500'" is no phone call
        words |= {g.lower_ for g in t.children if g.dep_ not in ("acl", "relcl", "advcl",
                                                                 "ccomp")}
        if t.dep_ == "prep":  # "discussed the border in a phone conversation"
            words |= {m.lower_ for g in t.children if g.dep_ == "pobj" for m in g.children
                      if m.dep_ in ("amod", "compound")}
        if t.dep_ == "dobj":  # "exchanged views by phone"
            words |= {g.lower_ for p in t.children if p.dep_ == "prep" for g in p.children}
    if trigger.dep_ == "dobj" and _lemma(trigger.head) in ("hold", "have"):
        # "held talks via videoconference": the way hangs on the light verb
        words |= {g.lower_ for p in trigger.head.children if p.dep_ == "prep"
                  for g in p.children}
    if trigger.head.dep_ == "prep" and trigger.dep_ == "pobj" and not _calls_on(
            trigger.head.head) and not calls_for(trigger):
        words.add(trigger.head.head.lower_)  # not "during the visit, X will call on Y"
    if trigger.dep_ in ("acl", "relcl"):
        words.add(trigger.head.lower_)  # "a call joined by Ruto": the call is how
    if trigger.lower_ == "call" and (words & {"courtesy", "paid", "pay", "pays", "paying"} or (
            trigger.dep_ == "dobj" and trigger.head.lemma_.lower() == "pay")):
        return "in_person"  # "paid a courtesy call on the prime minister": a visit
    if _calls_on(trigger):
        return "in_person"  # "called on the president at the palace": a courtesy visit
    if words & LEX.meeting.video_words:
        return "video"
    if words & LEX.meeting.phone_words:
        return "phone"
    return "in_person"


def calls_for(trigger) -> bool:
    """ "called for a meeting with Y": a meeting asked for, not a telephone call."""
    prep = trigger.head
    return trigger.dep_ == "pobj" and prep.lower_ == "for" and _lemma(prep.head) == "call"


def _calls_on(token) -> bool:
    """ "called on the president": a courtesy visit, not a telephone call."""
    return _lemma(token) == "call" and token.pos_ in ("VERB", "AUX") and any(
        _on_someone(c) or (c.lower_ == "on" and c.dep_ == "prt") for c in token.children)


def _on_someone(prep) -> bool:
    """The "on" of "called on the president", not of "called him on Monday"."""
    if prep.dep_ != "prep" or prep.lower_ not in ("on", "upon"):
        return False
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return not objects or not all(g.ent_type_ in ("DATE", "TIME") for g in objects)
