"""Casualty figures: counts of people killed, wounded, displaced, missing or captured.

A number is a casualty figure when a metric word is bound to it ("4,634 dead", "killing at
least 20", "the death toll rose to 5,087", "displaced more than 1.1 million"); money,
percentages, ages, years and counts of other things are not. "No one was killed" is 0.

This module finds a sentence's figures and puts each fact together; the metric read from
the words is etl.extract.casualty_metrics', from the grammar etl.extract.casualty_grammar',
the source and place etl.extract.casualty_sources'.
"""

from __future__ import annotations

import re

from etl.extract.casualty_grammar import _metric_by_syntax
from etl.extract.casualty_metrics import _inherited, _metric_for, population_of
from etl.extract.casualty_sources import _reporter, _where
from etl.extract.context import View
from etl.extract.lexicon import LEX
from etl.extract.numbers import find_numbers
from etl.model import Article

QUALIFIERS = [
    ("at least", r"at\s+least|no\s+fewer\s+than|a\s+minimum\s+of"),
    ("more than", r"more\s+than|over|upwards\s+of|in\s+excess\s+of|surpass\w*|exceed\w*|"
                  r"topp\w*|passed"),
    ("up to", r"up\s+to|as\s+many\s+as|as\s+much\s+as"),
    ("about", r"about|around|nearly|almost|some|approximately|roughly|close\s+to|"
              r"an\s+estimated|nears|neared|estimated|approaching"),
]


ZERO = re.compile(r"\b(?:no\s+one|nobody|no\s+(?:one|people)\s+(?:was|were|had\s+been))"
                  r"\s+(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+)?(?P<a>killed|hurt|"
                  r"injured|wounded)(?:\s+or\s+(?P<b>wounded|injured|hurt|killed))?|"
                  r"\bno\s+(?P<c>casualties|deaths|fatalities|injuries)\b", re.IGNORECASE)


def _qualifier(text: str) -> str | None:
    for name, pattern in QUALIFIERS:
        if re.search(rf"\b(?:{pattern})\s*$", text, re.IGNORECASE):
            return name
    return None


# Without one of these words a sentence holds no casualty figure; checking first keeps the
# number rules off most sentences.
CASUALTY_WORDS = re.compile(
    r"kill|dead|death|died|die\b|wound|injur|hurt|displac|missing|captur|hostage|prisoner|"
    r"fled|flee|refugee|toll|casualt|fatalit|uproot|homeless|lives|bodies|abduct|kidnap|"
    r"evacuat|martyr|unaccounted|perish|slain|drown|massacre|murder|seized|shot|gunned|"
    r"execut|slaughter|from\s+their\s+homes", re.IGNORECASE)


# A sentence that goes on from the one before: "It added that...", "The ministry also said".
CONTINUES = re.compile(r"^\s*(?:It|They|The\s+(?:watchdog|ministry|agency|group|organi[sz]ation|"
                       r"office|monitor|army|military|police|authorities|officials|UN)|"
                       r"According\s+to\s+the\s+(?:watchdog|ministry|agency|group))\b")


def from_sentence(view: View, article: Article, last_reporter: str | None = None,
                  last_where: str | None = None) -> list[dict]:
    """Casualty facts of one sentence; the last reporter and place carry over to a sentence
    that continues the report ("It added that...")."""
    facts = _figures(view, article)
    for fact in facts:
        fact["where"] = fact["where"] or last_where
    if facts and CONTINUES.match(view.text):
        for fact in facts:
            if not fact["reported_by"] or CONTINUES.match(fact["reported_by"] or ""):
                fact["reported_by"] = last_reporter or fact["reported_by"]
            fact["where"] = fact["where"] or last_where
    return facts


def _figures(view: View, article: Article) -> list[dict]:
    text = view.text
    if not CASUALTY_WORDS.search(text):
        return []
    money_spans = [(m.start, m.end) for m in view.money()]
    date_spans = [(d.start, d.end) for d in view.dates(False)]
    facts: list[dict] = []
    prev_qualifier = None
    prev_end = -100
    for num in find_numbers(text):
        if any(s <= num.start < e for s, e in money_spans + date_spans):
            continue
        if re.match(r"(?:19|20)\d\d$", num.text) or num.value != int(num.value):
            continue
        if num.text.lower() == "dozens":
            continue  # "killed dozens": no figure a chart may draw
        if re.search(r"\bno\s+$", text[max(0, num.start - 4):num.start], re.IGNORECASE):
            continue  # "No one was hurt": the zero below, not one
        if text[max(0, num.start - 1):num.start] in ("$", "£", "€", "#", "-") or \
                text[num.end:num.end + 1] in ("%",):
            continue
        if _SPORT.match(text, num.end):
            continue  # "two players were injured in training": sport, not a toll
        metric, _ = _metric_for(text, num.start, num.end)
        if metric is None:
            metric = _inherited(text, num, facts)
        if metric is None:
            metric = _metric_by_syntax(_doc_of(view), num.start, num.end)
        if metric is None:
            continue
        qualifier = _qualifier(text[max(0, num.start - 40):num.start])
        if qualifier is None and prev_qualifier and re.fullmatch(
                r"\s*\w*\s*(?:dead|killed|wounded|injured)?\s*(?:,\s*)?and\s*",
                text[prev_end:num.start]):
            qualifier = prev_qualifier
        prev_qualifier, prev_end = qualifier, num.end
        facts.append(_fact(view, article, metric, int(num.value), qualifier, num.start, num.end))
    for m in ZERO.finditer(text):
        words = [w for w in (m.group("a"), m.group("b"), m.group("c")) if w]
        for word in words:
            metric = {"killed": "killed", "casualties": "killed", "deaths": "killed",
                      "fatalities": "killed"}.get(word.lower(), "wounded")
            facts.append(_fact(view, article, metric, 0, None, m.start()))
    return facts


# A count of sportspeople, maybe with one word between: "three England players".
_SPORT = re.compile(r"\s+(?:[\w'’-]+\s+)?" + LEX.pattern("casualty.sport_nouns").pattern,
                    re.IGNORECASE)


def _doc_of(view: View):
    """The sentence's parse; one the visit and meeting rules did not need is made here,
    only for a sentence whose figures the word patterns could not bind."""
    if view.doc is None:
        from etl.extract.pipeline import nlp

        with nlp().select_pipes(disable=["ner"]):
            view.doc = nlp()(view.text)
    return view.doc


_ANOTHER_EVENTS = re.compile(r"\b(?:since|followed|after|before|until|from|began|started|"
                             r"erupted|broke\s+out)\s+(?:[\w'’.]+\s+){0,2}$")


def _another_events(text: str, date) -> bool:
    """A date of another event or of a period's start ("since May 10", "after the attack
    on Monday"): the count is as of when it was told, not of that day."""
    return bool(_ANOTHER_EVENTS.search(text[max(0, date.start - 30):date.start]))


def _fact(view: View, article: Article, metric: str, value: int, qualifier: str | None,
          pos: int = 0, end: int = 0) -> dict:
    text = view.text
    # The figure's own date stands near it ("20 killed on Monday", "officials said
    # Thursday"); a date further off belongs to another event ("since the Oct. 7 attack").
    days = [d for d in view.dates(False) if d.precision == "day"
            and not _another_events(text, d)]
    near = [d for d in days if not re.match(r"['’]s\b", text[d.end:d.end + 2])
            and min(abs(d.start - pos), abs(d.end - pos)) < 150]
    reported = [d for d in days if re.search(
        r"\b(?:said|says|reported|announced|told|stated)\b",
        text[max(0, d.start - 20):d.end + 20])]
    if near:
        as_of = min(near, key=lambda d: min(abs(d.start - pos), abs(d.end - pos))).value
    elif reported:
        as_of = reported[0].value  # "The army on Sunday reported ...": the report's day
    else:
        as_of = view.default_date()
    return view.fact_base(article) | {
        "type": "casualty", "metric": metric, "value": value, "qualifier": qualifier,
        "as_of": as_of, "reported_by": _reporter(text), "where": _where(view, pos),
        "population": population_of(text, end) if end else "all",
    }
