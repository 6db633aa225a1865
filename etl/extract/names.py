"""Whether a sentence may name someone the cheap finders do not know: the test that decides
where the statistical NER, the costliest part of the pipeline, is run."""

from __future__ import annotations

import re
from functools import cache

from etl.extract.lexicon import LEX
from etl.extract.person_names import alias_hits
from etl.places import country_names, fold, lookup_city

_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-zà-ÿ'’-]+(?:[- ][A-Z][a-zà-ÿ'’-]+)*")


@cache
def _known_words() -> frozenset[str]:
    """Capitalised words that are no unknown name: titles, words that are never names,
    nationality words, institution words."""
    words: set[str] = set()
    for entry in LEX.raw["people"]["not_name"]:
        words.add(fold(str(entry)))
    for dotted in ("people.titles", "people.role_nouns", "people.group_nouns"):
        for entry in LEX.words(dotted):
            words.update(fold(entry).split())
    words.update(LEX.demonyms.keys())
    for key in LEX.institutions.keys():
        words.update(fold(key).split())
    for section in ("visit", "meeting", "status", "aid"):
        for value in LEX.raw[section].values():
            if isinstance(value, list):
                words.update(fold(str(v)) for v in value)
    return frozenset(words)


def may_name_a_stranger(text: str, first_word: bool = False) -> bool:
    """True when a capitalised word past the first is neither a registry name, a place, a
    title nor another word the lexicon knows: only then is the NER worth running.

    >>> may_name_a_stranger("Blinken met Lavrov in Rome on Monday.")
    False
    >>> may_name_a_stranger("Mudavadi met Timothewos in Nairobi.")
    True
    """
    known = [(start, end) for start, end, *_ in alias_hits(text)]
    words = _known_words()
    for m in _CAPITALISED.finditer(text):
        if any(s <= m.start() < e for s, e in known):
            continue
        if lookup_city(m.group(0)) is not None or fold(m.group(0)) in country_names():
            continue
        for part in re.split(r"[- ]", m.group(0)):
            key = fold(part)
            if not key or key in words or key in country_names() or len(key) <= 2:
                continue
            if m.start() == 0 and len(m.group(0).split()) == 1 and not first_word:
                continue  # the sentence's first word: capitalised anyway
            if lookup_city(part) is not None:
                continue
            return True
    return False
