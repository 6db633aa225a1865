"""Places in a sentence: cities and countries with their spans, from the gazetteer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

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


@cache
def _country_pattern() -> re.Pattern:
    names = set()
    for key in country_names():
        names.add(key)
    for key in _aliases():
        names.add(key)
    # Text is matched case-insensitively on the folded forms, but a match must start with a
    # capital letter in the original (checked after) so "turkey dinner" is not Turkey.
    ordered = sorted(names, key=len, reverse=True)
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)


_CAPSEQ = re.compile(r"(?<![\w-])[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|del|al|el|es)){0,3}")

# Capitalised words that are gazetteer cities but in news text are almost always something
# else (a person, a month, a word at the start of a sentence).
_NOT_CITIES = {"of", "university", "president", "minister", "march", "may", "mobile", "victoria",
               "police", "reading", "nice", "bar", "split", "sale", "lincoln",
               "hamilton", "jackson", "wellington", "george", "santa", "san", "abbas", "isa",
               "said", "best", "most", "more", "many", "man", "young", "god", "deal", "union",
               "aden?", "kim", "moon", "li", "ban", "hague", "dover", "hope", "mission",
               "western", "eastern", "northern", "southern", "central", "gaza"}


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
    for m in _country_pattern().finditer(text):
        raw = m.group(0)
        if not raw[0].isupper() and not raw.lower().startswith("the "):
            continue
        if raw.lower().startswith("the ") and not raw[4:5].isupper():
            continue
        if not free(m.start(), m.end()):
            continue
        key = fold(raw)
        if key in aliases:
            city = lookup_city(raw)
            if city:
                out.append(PlaceRef(city.name, city.country, m.start(), m.end(), raw))
            continue
        iso = lookup_country(raw)
        if iso:
            # "Washington" and "Kyiv's" style metonyms are cities, handled below.
            out.append(PlaceRef(None, iso, m.start(), m.end(), raw))
    for m in _CAPSEQ.finditer(text):
        words = m.group(0).split()
        i = 0
        pos = m.start()
        while i < len(words):
            for j in range(min(len(words), i + 3), i, -1):
                span_text = re.sub(r"(?:['’]s?|[.,;:])+$", "", " ".join(words[i:j]))
                start = text.find(words[i], pos)
                end = start + len(span_text)
                if fold(span_text) in _NOT_CITIES or not free(start, end):
                    continue
                city = lookup_city(span_text)
                if city and (is_trusted_city(city) or _country_follows(text, end, city.country)):
                    out.append(PlaceRef(city.name, city.country, start, end, span_text))
                    i = j - 1
                    break
            pos = text.find(words[i], pos) + len(words[i])
            i += 1
    out.sort(key=lambda p: p.start)
    return out


def _country_follows(text: str, end: int, iso: str) -> bool:
    """ "Ankara, Turkey": a smaller city is trusted when its country stands right after."""
    m = re.match(r",\s*((?:[A-Z][\w'-]*\s?){1,4})", text[end:])
    return bool(m) and lookup_country(m.group(1).strip()) == iso
