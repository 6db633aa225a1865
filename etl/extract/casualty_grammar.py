"""The metric of a casualty figure the grammar binds, however far its words stand apart:
the verb the count is the subject or object of ("the strikes ... killed 19 people"), the
state it is in ("19 people remain missing"), the noun of what befell it ("the killing of 30
civilians"), the toll it is the value of ("the toll had risen to 249").
"""

from __future__ import annotations

import re

from etl.extract.lexicon import LEX

# What befell a count, from the lexicon: the verb it is the subject or object of, the state
# it is in ("remain missing"), the noun of what happened to it ("the killing of 30").
VERB_METRIC = LEX.keyed("casualty.verbs")
STATE_METRIC = LEX.keyed("casualty.states")
NOUN_METRIC = LEX.keyed("casualty.nouns")
# Verbs that make their object do what their infinitive says: "forced 450,000 to flee".
CAUSING = frozenset({"force", "compel", "drive", "cause", "push", "oblige", "prompt"})
COUNTED = re.compile(
    r"(?:people|persons?|civilians?|soldiers?|troops|servicemen|fighters|militants|rebels|"
    r"police(?:men)?|officers|guards|children|kids|boys|girls|women|men|babies|infants|"
    r"students|pupils|workers|staff|journalists|medics|doctors|nurses|volunteers|villagers|"
    r"residents|passengers|worshippers|pilgrims|migrants|refugees|inhabitants|farmers|"
    r"protesters|demonstrators|members|relatives|family|others|hostages|prisoners|"
    r"individuals|victims|lives|bodies)$", re.IGNORECASE)


# Plural nouns that count things, not people: "killed 19 cattle", "destroyed 12 tanks".
THINGS = re.compile(
    r"(?:cattle|animals|sheep|cows|goats|camels|horses|livestock|birds|dogs|tanks|vehicles|"
    r"cars|trucks|aircraft|planes|jets|drones|missiles|rockets|shells|houses|homes|"
    r"buildings|villages|towns|targets|positions|weapons|guns|acres|hectares|tonnes|tons|"
    r"dollars|euros|percent|years|months|weeks|days|hours|times|cases|votes|seats)$",
    re.IGNORECASE)


def _metric_by_syntax(doc, start: int, end: int) -> str | None:
    """The metric of a number the grammar binds to a casualty verb or state, however far the
    words stand apart: "the strikes, which hit ... on Saturday, killed 19 people", "249
    people, most of them ..., were killed", "the 30 people who died"."""
    if doc is None:
        return None
    toks = [t for t in doc if start <= t.idx < end]
    if not toks:
        return None
    num = toks[-1]
    head = num.head if num.dep_ in ("nummod", "quantmod", "compound") else num
    if head != num and not (COUNTED.match(head.text) or _nationals(head)
                                or (head.tag_ in ("NNS", "NNPS") and not THINGS.match(head.text))):
        return None  # "killed 19 tanks": a count of things
    node = head
    while node.dep_ == "conj" and node.head != node:
        node = node.head  # "killed 4 soldiers and 2 civilians"
    for child in node.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in VERB_METRIC:
            return VERB_METRIC[child.lemma_.lower()]  # "the 30 people who died"
        if child.dep_ in ("amod", "acl") and child.lemma_.lower() in ("kill", "wound",
                                                                       "injure", "displace"):
            return VERB_METRIC[child.lemma_.lower()]  # "19 people killed in the blast"
    if node.dep_ == "compound" and node.head.lemma_.lower() in NOUN_METRIC:
        return NOUN_METRIC[node.head.lemma_.lower()]  # "holding 100 people hostage"
    if node.dep_ == "pobj" and node.head.text.lower() == "of" and \
            node.head.head.lemma_.lower() in NOUN_METRIC:
        return NOUN_METRIC[node.head.head.lemma_.lower()]  # "the killing of 30 civilians"
    verb = node.head
    if node.dep_ == "pobj" and verb.text.lower() in ("to", "at", "of"):
        verb = verb.head  # "the toll ... had risen to 249"
        if verb.pos_ in ("VERB", "AUX"):
            return _metric_of_subject(verb)
        return None
    if node.dep_ == "attr" and verb.lemma_.lower() == "be":
        return _metric_of_subject(verb)  # "the dead were 19 people"
    if node.dep_ == "dobj" and verb.lemma_.lower() in TOLL_VERBS:
        return _metric_of_subject(verb)  # "the number of refugees has reached 600,000"
    if node.dep_ == "dobj" and verb.lemma_.lower() in CAUSING:
        for child in verb.children:  # "forced more than 450,000 people to flee"
            if child.dep_ in ("xcomp", "ccomp") and child.lemma_.lower() in (
                    "flee", "leave", "abandon", "evacuate"):
                return "displaced"
    if node.dep_ == "nsubj" and verb.lemma_.lower() == "cross" and (
            _nationals(head) or head.lemma_.lower() in FLEEING):
        return "displaced"  # "3.2 million Sudanese have crossed into Chad"
    if node.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.pos_ in ("VERB", "AUX"):
        lemma = verb.lemma_.lower()
        if _mixed(verb):
            return None  # "killed and injured more than 1,000": no figure for either
        if lemma in VERB_METRIC and not (node.dep_ == "nsubj" and lemma in (
                "kill", "wound", "injure", "displace", "capture", "abduct", "kidnap",
                "murder", "execute", "massacre", "slaughter", "behead")):
            return VERB_METRIC[lemma]  # an active killer is not a count of the killed
        if node.dep_ in ("nsubj", "nsubjpass"):
            for child in verb.children:
                if child.dep_ in ("acomp", "attr", "oprd") and \
                        child.text.lower() in STATE_METRIC:
                    return STATE_METRIC[child.text.lower()]
    return None


# Who "crossed into" a country as a refugee does (soldiers and trucks cross too).
FLEEING = {"people", "person", "civilian", "refugee", "family", "child", "woman", "resident"}
# Verbs a toll takes its figure as object of: "the toll has passed 1,000".
TOLL_VERBS = {"reach", "exceed", "top", "surpass", "pass", "hit", "near", "approach", "cross"}


def _nationals(token) -> bool:
    """ "Sudanese", "Syrians": a people named by its nation (the parse may have no NER)."""
    word = token.lower_
    return token.ent_type_ == "NORP" or word in LEX.demonyms or (
        word.endswith("s") and word[:-1] in LEX.demonyms)


def _mixed(verb) -> bool:
    """Whether two casualty verbs of different metrics share the count."""
    others = [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        others.append(verb.head)
    mine = VERB_METRIC.get(verb.lemma_.lower())
    return any(VERB_METRIC.get(o.lemma_.lower(), mine) != mine for o in others)


def _metric_of_subject(verb) -> str | None:
    """The metric a toll-like subject names: "the death toll", "the number of people
    killed", "the dead"."""
    for subject in verb.children:
        if subject.dep_ not in ("nsubj", "nsubjpass"):
            continue
        words = [t for t in subject.subtree]
        if subject.lemma_.lower() in ("toll", "number", "count", "figure", "tally", "total") \
                or subject.text.lower() in STATE_METRIC:
            for t in words:
                word = t.text.lower()
                if word in STATE_METRIC:
                    return STATE_METRIC[word]
                if t.lemma_.lower() in VERB_METRIC:
                    return VERB_METRIC[t.lemma_.lower()]
                if t.lemma_.lower() in NOUN_METRIC:
                    return NOUN_METRIC[t.lemma_.lower()]
            if subject.lemma_.lower() == "toll":
                return "killed"
    return None
