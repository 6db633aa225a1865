"""Places in a sentence: cities and countries with their spans, from the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.places import (
    _aliases,
    country_names,
    fold,
    is_trusted_city,
    lookup_city,
    lookup_country,
)


@dataclass(frozen=True)
class PlaceRef:
    """A place named at [start, end): a city (with its country) or a country alone."""

    name: str | None  # canonical city name; None for a country
    country: str  # ISO2
    start: int
    end: int
    text: str

    @property
    def is_city(self) -> bool:
        return self.name is not None


_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
# Lower-case words that may stand inside a place name: "Democratic Republic of the Congo",
# "Bosnia and Herzegovina", "the Macedonian capital".
_INNER = {"of", "and", "the", "de", "del", "al", "el", "es", "capital", "base", "air", "force",
          "office", "house", "street", "city"}
_LONGEST = 6

# Capitalised words that are gazetteer cities but in news text are almost always something
# else (a person, a month, a word at the start of a sentence).
_NOT_CITIES = {"of", "university", "president", "minister", "march", "may", "mobile", "victoria",
               "police", "reading", "nice", "bar", "split", "sale", "lincoln",
               "hamilton", "jackson", "wellington", "george", "santa", "san", "abbas", "isa",
               "said", "best", "most", "more", "many", "man", "young", "god", "deal", "union",
               "kim", "moon", "li", "ban", "hague", "dover", "hope", "mission",
               "western", "eastern", "northern", "southern", "central", "gaza"}


def _capitalised(word: str) -> bool:
    """A name's word, also after an elided article: "d'Ivoire" in "Cote d'Ivoire"."""
    return word[0].isupper() or (len(word) > 2 and word[1] in "'’" and word[2].isupper())


@lru_cache(maxsize=8192)
def places_of(text: str) -> tuple[PlaceRef, ...]:
    """find_places with nothing taken, computed once per sentence."""
    return tuple(find_places(text))


def find_places(text: str, taken: list[tuple[int, int]] = ()) -> list[PlaceRef]:
    """Cities and countries named in `text`, skipping spans already taken (person names).

    >>> [(p.name, p.country) for p in find_places("Blinken departed Washington for Brussels")]
    [('Washington', 'US'), ('Brussels', 'BE')]
    >>> [(p.name, p.country) for p in find_places("a meeting in North Macedonia, near Kiev")]
    [(None, 'MK'), ('Kyiv', 'UA')]
    """
    out: list[PlaceRef] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in list(taken) + [(p.start, p.end)
                                                                        for p in out])

    aliases = _aliases()
    countries = country_names()
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    i = 0
    while i < len(words):
        start, _, word = words[i]
        if not (word[0].isupper() or (word == "the" and i + 1 < len(words)
                                      and words[i + 1][2][0].isupper())):
            i += 1
            continue
        found = None
        for j in range(min(len(words), i + _LONGEST), i, -1):
            last = words[j - 1][2]
            if j - 1 > i and not _capitalised(last) and last not in _INNER:
                continue
            if any(not _capitalised(w) and w not in _INNER for _, _, w in words[i + 1:j - 1]):
                continue
            raw = re.sub(r"(?:['’]s?|[.,;:])+$", "", text[start:words[j - 1][1]])
            end = start + len(raw)
            key = fold(raw)
            if not raw or not free(start, end):
                continue
            if key in aliases:
                city = lookup_city(raw)
                if city:
                    found = PlaceRef(city.name, city.country, start, end, raw), j
                    break
            if word == "the" and key not in countries:
                continue
            if key in countries:
                found = PlaceRef(None, countries[key], start, end, raw), j
                break
            if key in _NOT_CITIES and not _capital_after_preposition(raw, text, start):
                continue
            city = lookup_city(raw)
            if city and (is_trusted_city(city) or _country_follows(text, end, city.country)
                         or _country_named(text, city.country)):
                found = PlaceRef(city.name, city.country, start, end, raw), j
                break
        if found:
            out.append(found[0])
            i = found[1]
        else:
            i += 1
    out.sort(key=lambda p: p.start)
    return out


def _capital_after_preposition(raw: str, text: str, start: int) -> bool:
    """ "travelled to Wellington": a capital that is usually a person's name ("Wellington",
    "Victoria") is the city after "to", "in", "at" or "from"; the parser and the NER then
    decide whether the sentence uses it as a place."""
    from etl.places import is_capital

    if fold(raw) == "gaza" or not re.search(r"\b(?:in|to|into|at|from)\s+$", text[:start]):
        return False
    city = lookup_city(raw)
    return city is not None and is_capital(city.name, city.country)


def _country_named(text: str, iso: str) -> bool:
    """ "rounded off his visit to Uganda with a trip to Jinja": a smaller city is trusted in
    a sentence that names its country."""
    runs = (m.group().rstrip("'’s") for m in _CAPITAL_RUN.finditer(text))
    return any(lookup_country(run) == iso for run in runs)


_CAPITAL_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*){0,3}")


def _country_follows(text: str, end: int, iso: str) -> bool:
    """ "Ankara, Turkey": a smaller city is trusted when its country stands right after."""
    m = re.match(r",\s*((?:[A-Z][\w'-]*\s?){1,4})", text[end:])
    return bool(m) and lookup_country(m.group(1).strip()) == iso
