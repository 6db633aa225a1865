"""Names the grammar of a sentence makes persons, where the statistical NER may not: a name
an office is given to in commas ("Ghana's foreign minister, Samuel Okudzeto Ablakwa,"), and
a run of proper nouns that is the subject or object of a verb.

The NER often reads an unfamiliar name as a place or an organisation, most of all when it
stands beside one ("the head of the African Union Commission, Mahmoud Ali Youssouf,"): the
apposition to an office is the stronger evidence, so it wins over the entity label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from etl.extract.lexicon import LEX
from etl.extract.person_names import clean_name, plausible_name
from etl.places import country_names, fold, lookup_city

_TITLE = (r"[Ff]oreign\s+[Mm]inister|[Ff]oreign\s+[Ss]ecretary|[Pp]resident|"
          r"[Pp]rime\s+[Mm]inister|[Tt]op\s+[Dd]iplomat|[Cc]hancellor|[Ss]ecretary\s+of\s+[Ss]tate")
_COUNTRY = r"U\.S\.|US|UK|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
_NAME = r"(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+"

# "Mudavadi, the Kenyan foreign minister," / "Name, Kenya's top diplomat": an office given
# after the name.
_AFTER = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the\s+|who\s+is\s+(?:the\s+)?)?"
    rf"(?P<country>(?:{_COUNTRY})(?:'s|’s)?)\s+(?:new\s+|top\s+)?(?P<title>{_TITLE})"
    r"(?=\s*(?:,|\.|;|$|\s+(?:said|says|told|who|has|had|is|was|will)\b))")

# "Ghana's foreign minister, Samuel Okudzeto Ablakwa," / "the Kenyan leader, Jane Doe,": an
# office given before the name, set off by commas.
_BEFORE = re.compile(
    rf"(?P<country>(?:{_COUNTRY})(?:'s|’s)?)\s+(?:new\s+|top\s+)?(?P<title>{_TITLE}|[Ll]eader)"
    rf",\s+(?P<name>{_NAME})\s*,")

# "the foreign minister of Oman, Badr Albusaidi,": the country after the office.
_OF_COUNTRY = re.compile(
    rf"\b[Tt]he\s+(?:new\s+)?(?P<title>{_TITLE})\s+of\s+(?:the\s+)?(?P<country>{_COUNTRY}),\s+"
    rf"(?P<name>{_NAME})\s*,")


def office_appositions(text: str) -> Iterator[re.Match]:
    """Each place the text gives a name an office in commas; groups name, title, country."""
    for pattern in (_BEFORE, _AFTER, _OF_COUNTRY):
        yield from pattern.finditer(text)


ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative"}
NOT_PERSON_LABELS = {"ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART",
                     "LAW", "DATE", "TIME", "MONEY", "LANGUAGE"}
# "his Nigerian counterpart, Tomas Okafor,": a counterpart holds an office too
_OFFICES = LEX.people.role_nouns | LEX.people.office_heads | {"counterpart"}


def argument_names(text: str, doc) -> list[tuple[int, int, str]]:
    """(start, end, name) of names the statistical NER missed: a run of two or more
    capitalised proper nouns that is the subject or object of a verb ("the leader of China
    Xi Jinping", "Musalia Mudavadi met ..."), is no place the gazetteer knows and no
    organisation the NER saw, unless it stands in commas after an office."""
    out = []
    for token in doc:
        if token.pos_ != "PROPN" or token.dep_ not in ARGUMENT_DEPS:
            continue
        words = [c for c in token.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
        if not words or any(c.i != token.i - len(words) + k for k, c in enumerate(words)):
            continue
        start, end = words[0].idx, token.idx + len(token.text)
        if not _office_apposition(token, words[0]) and any(
                e.label_ in NOT_PERSON_LABELS and e.start_char < end and start < e.end_char
                for e in doc.ents):
            continue
        name, offset = clean_name(text[start:end])
        if len(name.split()) < 2 or not plausible_name(name):
            continue
        if any(lookup_city(w) or fold(w) in country_names() for w in name.split()):
            continue
        if any(p.start < end and start < p.end for p in places_in(text)):
            continue  # "Tel Aviv", "United Arab Emirates"
        out.append((start + offset, start + offset + len(name), name))
    return out


def _office_apposition(token, first) -> bool:
    """Whether a name stands in commas after an office, or after the body an office heads:
    "the chairwoman of the Pacific Islands Forum, Losana Vake," (the parser hangs the name
    on the body)."""
    doc = token.doc
    if token.dep_ != "appos" or first.i == 0 or doc[first.i - 1].text != ",":
        return False
    if token.i + 1 < len(doc) and doc[token.i + 1].text not in (",", ".", ";"):
        return False
    head = token.head
    for _ in range(3):
        if head.pos_ == "NOUN" and head.lemma_.lower() in _OFFICES:
            return True
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head
        elif head.dep_ == "compound":
            head = head.head
        else:
            return False
    return False


def places_in(text: str) -> tuple:
    from etl.extract.geo import places_of

    return places_of(text)


def home_in_grammar(doc, start: int, end: int) -> str | None:
    """The country an office given to the name at [start, end) says its holder serves,
    where the office is no title the registry groups: "his Ugandan counterpart Jeje
    Odongo", "the Ugandan envoy, Jeje Odongo,", "Jeje Odongo, Uganda's envoy to Kenya,".

    Only the words that modify the office count ("Kenya's envoy to Uganda" serves
    Kenya), and only an office noun carries them: "the Kampala talks with X" gives X no
    home."""
    from etl.extract.registry import country_of

    tokens = [t for t in doc if start <= t.idx < end]
    if not tokens:
        return None
    name = tokens[-1]
    offices = [c for c in name.lefts if c.dep_ == "compound" and _is_office(c)]
    offices += [c for c in name.children if c.dep_ == "appos" and _is_office(c)]
    if name.dep_ == "appos" and _is_office(name.head):
        offices.append(name.head)
    if tokens[0].i > 0 and _is_office(doc[tokens[0].i - 1]):
        offices.append(doc[tokens[0].i - 1])  # the office right before, however parsed
    for office in offices:
        for c in office.lefts:
            if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < office.i:
                words = doc[c.left_edge.i:c.i + 1].text if c.dep_ == "poss" else c.text
                country = country_of(words)
                if country:
                    return country
    return None


def _is_office(token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in _OFFICES
