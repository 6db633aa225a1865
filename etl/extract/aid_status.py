"""The stage of an aid amount (requested, proposed, authorized, announced, pledged,
delivered): the verb that states it ("approved", "pledged"), a noun of request or pledge
around the amount, or the tense of the verb of giving; and whether a verb holds it back.
"""

from __future__ import annotations

import re
from functools import cache

from etl.extract.aid_phrases import _aid_phrases, _lemma
from etl.extract.context import View
from etl.extract.lexicon import LEX
from etl.extract.subjects import subjects_of
from etl.extract.syntax import modal_children, negated, verb_of

# Verbs that ask someone else to approve: what they govern is still a proposal.
PERSUADING = {"persuade", "urge", "ask", "press", "push", "lobby", "want", "seek", "try",
              "call", "hope", "need", "convince"}
STATUS_ORDER = ("delivered", "requested", "proposed", "authorized", "announced", "pledged")


def _withheld(token) -> bool:
    """Aid a verb above the amount suspends, freezes or cuts: money held back is neither
    promised nor given, so it is no aid fact (the earlier pledge, if told, is one)."""
    verb = verb_of(token)
    for v in ([verb, *verb.ancestors] if verb is not None else [])[:3]:
        if v.pos_ in ("VERB", "AUX") and _lemma(v) in LEX.aid.withheld_verbs and not negated(v):
            return True
    return False


def _verb_status(v) -> tuple[str | None, bool]:
    """(status, whether a status verb said it) of one verb: "approved" is authorized, a
    giving verb tells by its tense ("will give" pledged, "is providing" announced, "gave"
    delivered)."""
    lemma = _lemma(v)
    if lemma == "reach" and any(c.dep_ == "dobj" and _lemma(c) in ("agreement", "deal", "accord")
                                for c in v.children):
        return "authorized", True  # "reached agreement on a loan": agreed, nothing paid yet
    future = bool(modal_children(v) & (LEX.status.future_auxiliaries |
                                       LEX.status.possible_modals)) or any(
        c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
    for status in STATUS_ORDER:
        if lemma in LEX.words(f"aid.status_verbs.{status}"):
            if status == "delivered" and (future or negated(v)):
                return "pledged", True
            if status == "authorized" and future and lemma not in ("sign", "allocate"):
                return "proposed", True  # "the board will vote next week on": under debate
            return status, True
    if lemma in LEX.aid.giving_verbs:
        if future or negated(v):
            return "pledged", False
        perfect = any(c.lemma_ == "have" and c.dep_ == "aux" for c in v.children)
        if v.tag_ in ("VBZ", "VBP", "VBG") and not perfect:
            return "announced", False
        return "delivered", False
    return None, False


def _status(view: View, token) -> str | None:
    """The aid status the words governing an amount give it: the nearest verb of a stated
    status ("announced plans to pour"), else the tense of the verb of giving."""
    for t in _aid_phrases(token):
        lemma = _lemma(t)
        if t.pos_ not in ("NOUN", "PROPN") or t == token:
            continue
        if lemma in LEX.aid.request_nouns:
            return "requested"
        if lemma in ("pledge", "promise", "commitment"):
            return "pledged"
    for c in token.children:
        # "$30 million of the $100 million it promised", "a package that governments
        # agreed": the sum is the object of a clause of its own, whose verb says its status
        if c.dep_ == "relcl" and c.pos_ == "VERB" and any(
                s.dep_ == "nsubj" and s.lower_ not in ("which", "that", "who")
                for s in c.children):
            status, _ = _verb_status(c)
            if status:
                return status
    verb = verb_of(token)
    if verb is None:
        return None
    if _lemma(verb) in ("include", "contain", "comprise", "cover"):
        for s in subjects_of(verb):
            if _lemma(s) in LEX.aid.request_nouns:
                return "requested"  # "the request also includes $9 billion"
            if _lemma(s) in LEX.aid.proposal_nouns and verb.dep_ != "relcl":
                return "proposed"  # "passed a bill that includes $61 billion": the bill's fate
    giving: str | None = None
    for v in [verb, *verb.ancestors]:
        if v.pos_ not in ("VERB", "AUX"):
            continue
        lemma = _lemma(v)
        if v.dep_ in ("acl", "relcl") and _lemma(v.head) in LEX.aid.proposal_nouns | {
                "resolution", "measure", "package", "law", "act"}:
            continue  # "passed a bill calling for $350 million": the bill's fate counts
        if lemma in ("ask", "request", "seek", "urge", "want") and (
                _asks_legislature(v) or any(_lemma(c) in LEX.aid.legislatures
                                            for c in v.children)):
            return "proposed"
        subjects = [_lemma(s) for s in subjects_of(v, control=False)]
        if lemma in ("approve", "pass", "vote", "clear", "back") and subjects and any(
                s in LEX.aid.legislatures for s in subjects):
            return "authorized"
        status, stated = _verb_status(v)
        if stated and status == "authorized" and any(_lemma(a) in PERSUADING for a in v.ancestors):
            return "proposed"  # "trying to persuade Congress to approve $61 billion"
        if status in ("pledged", "announced", "delivered") and _lemma(v) in LEX.aid.giving_verbs \
                | {"spend"} and any(_lemma(a) in ("want", "propose", "seek") for a in v.ancestors):
            return "proposed"  # "Obama wants to spend $1 billion"
        if stated:
            return status
        if status and giving is None:
            giving = status
        if lemma in LEX.status.reporting_verbs:
            break
    if giving in ("pledged", "announced") and _under_a_bill(verb):
        return "proposed"  # "a bill that would provide $X": not law until it passes
    if giving is None:
        # "The previous tranche was sent on May 29, it also amounted to €1.5 billion": a
        # verb of amounting leaves the status to the other verbs of the sentence.
        for v in token.doc:
            if v.pos_ == "VERB" and v != verb and (v.dep_ in ("ROOT", "conj", "parataxis",
                                                                 "ccomp")):
                status, stated = _verb_status(v)
                if status:
                    return status
    return giving


def _under_a_bill(verb) -> bool:
    """Whether a verb of giving describes a bill or legislation ("the bill would provide")."""
    for t in [verb, *verb.ancestors][:4]:
        if _lemma(t) in LEX.aid.proposal_nouns:
            return True
        if t.dep_ in ("relcl", "acl") and _lemma(t.head) in LEX.aid.proposal_nouns:
            return True
    return any(_lemma(s) in LEX.aid.proposal_nouns for s in subjects_of(verb))


def _asks_legislature(verb) -> bool:
    for t in verb.subtree:
        if _lemma(t) in LEX.aid.legislatures and t.text[0].isupper():
            return True
    return False


@cache
def _awaiting() -> re.Pattern:
    words = "|".join(re.escape(w) for w in LEX.aid.awaiting_words)
    nouns = "|".join(re.escape(w) for w in LEX.aid.approval_nouns)
    return re.compile(rf"\b(?:{words})\s+(?:[\w'’-]+\s+){{0,4}}?(?:{nouns})\b", re.IGNORECASE)


def awaits_approval(text: str) -> bool:
    """Whether the sentence says the money still waits for someone's yes ("still needs the
    approval of member states", "subject to parliamentary approval"): a proposal, however
    firmly its sponsor words it.

    >>> awaits_approval("The plan, which still needs the approval of member states, would")
    True
    >>> awaits_approval("Parliament gave its approval on Monday")
    False
    """
    return _awaiting().search(text) is not None
