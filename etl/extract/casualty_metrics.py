"""The metric a casualty figure counts, read from the words around the number: a metric
word after it ("4,634 dead", "140 people, most of them pilgrims, were killed"), a toll or
verb before it ("the death toll rose to 5,087", "killing at least 20"), or the figure next
to it ("including 66 children"); and whom it counts ("15 civilians"). Money, percentages,
ages and counts of other things are no figure.
"""

from __future__ import annotations

import re

from etl.extract.lexicon import LEX
from etl.facts import METRICS


def _metric_words(metric: str) -> str:
    """One regex alternation of a metric's words from the lexicon, longest first."""
    words = sorted(LEX.words(f"casualty.metrics.{metric}"), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in word.split()) for word in words) + ")"


METRIC_AFTER = [(metric, _metric_words(metric)) for metric in METRICS]


def _people_nouns() -> str:
    """One regex alternation of the lexicon's people nouns and population words."""
    words = set(LEX.words("casualty.people_nouns")) | {
        w for group in LEX.casualty.populations.values() for w in group}
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in word.split())
                            for word in sorted(words, key=len, reverse=True)) + ")"


# Between a number and its metric: "people were", "civilians have been", "of them".
_FILLER = (r"(?:\s+(?:more|other|people|persons|person|man|woman|child|civilian|soldier|"
           r"civilians|Palestinians|Israelis|Ukrainians|"
           r"protesters|demonstrators|children|women|soldiers|troops|residents|citizens|"
           r"others|individuals|migrants|of\s+them|in\s+all|in\s+total|so\s+far|"
           r"(?-i:[A-Z][a-z]+(?:s|ese|i)|[A-Z]{2,5})|are|were|was|have|has|had|been|being|reported|"
           r"reportedly|"
           r"confirmed|feared|believed|now|still|also|who|inside|medical|health|staff|"
           r"personnel|workers|journalists|aid|police|officers|security|were\s+reported|"
           r"remain|remains|remained|having|got|getting|lost|"
           rf"{_people_nouns()}|"
           r"[a-z]+-[a-z]+)){0,5}\s+")
# A toll or verb before a count, with the metric each gives (lexicon casualty.toll_words).
TOLL_METRIC = LEX.keyed("casualty.toll_words")
TOLL_BEFORE = re.compile(
    r"(?P<m>" + "|".join(r"\s+".join(re.escape(w) for w in word.split())
                         for word in sorted(TOLL_METRIC, key=len, reverse=True)) + ")"
    r"(?:\s+(?:has|have|had|now|also|so\s+far|reportedly|in\s+\w+|from\s+\w+|of|is|was|"
    r"stood|stands|rose|risen|rises|climbed|climbs|jumped|reached|reaches|hit|nears|neared|"
    r"surpassed|surpasses|exceeded|topped|passed|increased|to|at|more\s+than|at\s+least|"
    r"nearly|about|around|over|some|almost|up\s+to|approximately|roughly|close\s+to|"
    r"an\s+estimated|the|another|a\s+total\s+of|as\s+many\s+as)){0,6}\s+$",
    re.IGNORECASE,
)


NOT_PEOPLE_AFTER = re.compile(
    r"^\s*(?:percent|per\s+cent|%|years?|-year|days?|hours?|minutes?|km|miles|kilomet|metres|"
    r"attacks?|houses|homes|buildings|targets|tonnes|tons|trucks|aircraft|rockets|missiles|"
    r"drones|shells|times|cases|arrested|detained|affected|votes|seats|signatures|troops\s+"
    r"(?:to|were\s+sent|deployed)|soldiers\s+(?:to|were\s+sent|deployed))",
    re.IGNORECASE,
)


# What a count may be said to be: "the number of people abducted", "were killed".
ASIDE_METRIC = LEX.keyed("casualty.aside_words")
STATE_METRIC = {**LEX.keyed("casualty.states"), **ASIDE_METRIC}
_STATES = "|".join(sorted(STATE_METRIC, key=len, reverse=True))
LOOSE_TOLL = re.compile(
    rf"\b(?P<m>death\s+toll|toll|number\s+of\s+(?:people\s+)?(?:deaths|{_STATES})"
    r"(?:\s+people)?|deaths)\b[^.;:]{0,90}?\b(?:at|to|of|reached|hit|"
    r"is|was|stands\s+at|stood\s+at|surpassed|passed|exceeded|topped|nears|neared)"
    r"(?:\s+(?:more\s+than|at\s+least|nearly|about|around|over|some|almost|up\s+to|"
    r"approximately|roughly|close\s+to|an\s+estimated))?\s+$",
    re.IGNORECASE,
)


ASIDE_METRICS = "(?P<am>" + "|".join(ASIDE_METRIC) + ")"
AMONG = re.compile(r"(?:\s+[\w'’-]+){0,6}?\s+(?:were|are|was)\s+(?:also\s+)?among\s+"
                   r"(?:the\s+|those\s+)?(?P<w>dead|killed|victims|wounded|injured)\b",
                   re.IGNORECASE)


def _metric_for(text: str, num_start: int, num_end: int) -> tuple[str | None, int]:
    after = text[num_end:num_end + 70]
    if NOT_PEOPLE_AFTER.match(after):
        return None, 0
    for metric, words in METRIC_AFTER:
        m = re.match(rf"(?:{_FILLER}|\s*)(?:{words})\b", after, re.IGNORECASE)
        if m:
            return metric, 1
    aside = re.match(rf"(?:\s+[\w'’-]+){{0,2}},[^,;.]{{2,90}},\s*(?:(?:were|was|have|has|had|"
                     rf"been|reportedly|also)\s+){{1,3}}(?:{ASIDE_METRICS})\b",
                     text[num_end:num_end + 160], re.IGNORECASE)
    if aside:  # "140 people, most of them pilgrims, were killed"
        return ASIDE_METRIC[aside.group("am").lower()], 1
    among = AMONG.match(after)
    if among and not re.search(r"\bof\s+$", text[max(0, num_start - 4):num_start]):
        # "eight members of one family were among the dead"
        return ("wounded" if among.group("w").lower() in ("wounded", "injured") else "killed"), 1
    before = text[max(0, num_start - 90):num_start]
    loose = LOOSE_TOLL.search(text[max(0, num_start - 160):num_start])
    if loose:
        said = [STATE_METRIC[w] for w in loose.group("m").lower().split() if w in STATE_METRIC]
        return (said[0] if said else "killed"), 2  # "the number of people displaced"
    m = TOLL_BEFORE.search(before)
    if m:
        word = " ".join(m.group("m").lower().split())
        metric = TOLL_METRIC.get(word)
        # "killed and injured more than 1,000": a mixed count, no figure for either.
        if re.search(r"\b(?:killed|dead)\s+(?:and|or)\s+(?:injured|wounded)\s+[\w\s]*$",
                     before[-40:], re.IGNORECASE):
            return None, 0
        if metric and (re.match(r"\s+(?:people|persons|civilians|[A-Z][a-z]+s|others|"
                                r"children|and|of)\b|\s*[,.;]|\s*$|\s+(?:in|on|since|by|"
                                r"across|as|after|so|from|according|with|,)\b",
                                after + " ", re.IGNORECASE)
                       or population_of(text, num_end) != "all"
                       or PEOPLE_NOUN.match(after)):
            # "killed three aid workers", "captured 200 government troops"
            return metric, 2
    return None, 0


# People a verb before the number may count: "shot dead 13 villagers", "killed 40 people".
PEOPLE_NOUN = re.compile(rf"\s+(?:[a-z]+\s+)?{_people_nouns()}\b", re.IGNORECASE)


def _inherited(text: str, num, facts: list[dict]) -> str | None:
    """A figure that leans on its neighbour: "including 66 children", "and 122 others in",
    "from 38 to 74 fatalities"."""
    after = text[num.end:num.end + 40]
    nxt = re.match(r"\s+to\s+(\d[\d,]*)", after)
    if nxt and re.search(r"\bfrom\s+$", text[max(0, num.start - 6):num.start]):
        metric, _ = _metric_for(text, num.end + nxt.start(1), num.end + nxt.end())
        return metric
    if not facts:
        return None
    before = text[max(0, num.start - 30):num.start]
    people_after = re.match(r"\s+(?:[a-z]+\s+)?(?:children|women|men|people|civilians|"
                            r"soldiers|journalists|staff|workers|doctors|nurses|medics|"
                            r"personnel|minors|babies|elderly|[A-Z][a-z]+s)\b", after)
    if re.search(r"\bincluding\s+(?:at\s+least\s+|some\s+|about\s+)?$", before) and people_after:
        return facts[-1]["metric"]  # "including 66 children": a part of the same count
    if re.search(r"(?:,|\band)\s+(?:about\s+|nearly\s+|more\s+than\s+|some\s+)?$", before) and (
            re.match(r"\s+(?:others|more)\b", after)
            or re.match(r"\s+in\s+(?:the\s+)?[A-Z]", after)):
        return facts[-1]["metric"]  # "..., and about 2,050 in the West Bank"
    return None


def _population_words() -> list[tuple[str, re.Pattern]]:
    out = []
    for name, words in LEX.casualty.populations.items():
        body = "|".join(r"\s+".join(re.escape(w) for w in word.split())
                        for word in sorted(words, key=len, reverse=True))
        out.append((name, re.compile(rf"^\s+(?:[\w-]+\s+){{0,2}}?(?:{body})\b", re.IGNORECASE)))
    return out


POPULATIONS = _population_words()


def population_of(text: str, end: int) -> str:
    """Whom a count counts: "2,055 children", "15 civilians", "88 UN staff", else all.

    >>> population_of("killing 15 civilians", 10), population_of("20 people died", 2)
    ('civilians', 'all')
    """
    after = text[end:end + 40]
    for name, pattern in POPULATIONS:
        if pattern.match(after):
            return name
    return "all"
