"""What the rules know while reading an article: the sentence at hand and what came before.

Each sentence is tagged once (people, places, money, numbers) and handed to every fact rule;
the article context carries who the story is about, so "he" and "the trio" resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from etl.extract.dates import DateRef, find_dates
from etl.extract.geo import PlaceRef, find_places
from etl.extract.people import PeopleIndex, PersonRef
from etl.model import Article, Sentence


@dataclass
class View:
    """One sentence with its tags; offsets in tags are relative to the sentence text."""

    sentence: Sentence
    anchor: date | None
    anchor_precision: str
    people: list[PersonRef]
    places: list[PlaceRef]
    subject: list[str] = field(default_factory=list)  # who "he"/"they" means here
    focus: str | None = None  # who the story is about so far

    @property
    def text(self) -> str:
        return self.sentence.text

    def dates(self, future: bool) -> list[DateRef]:
        """Dates of the sentence read toward the future or the past (computed once each)."""
        cache = self.__dict__.setdefault("_dates", {})
        if future not in cache:
            cache[future] = self._dates_uncached(future)
        return cache[future]

    def money(self) -> list:
        """Amounts of money in the sentence (computed once)."""
        if "_money" not in self.__dict__:
            from etl.extract.money import find_money

            self.__dict__["_money"] = find_money(self.text)
        return self.__dict__["_money"]

    def _dates_uncached(self, future: bool) -> list[DateRef]:
        found = find_dates(self.text, self.anchor, future)
        if self.anchor_precision != "year":
            return found
        # A segment dated only to its year: a weekday read against 1 January would invent a
        # day, so dates without their own year keep the year alone.
        year = f"{self.anchor.year:04d}"
        return [d if re.search(r"(?:19|20)\d\d", d.text) else
                DateRef(year, "year", d.start, d.end, d.text) for d in found]

    def default_date(self) -> str | None:
        """The date an undated event reported as done is given: the story's own day.

        News reports what happened on or just before the day it is published, so an event
        told as done with no date of its own is dated to the anchor, at the anchor's precision.
        """
        if self.anchor is None:
            return None
        if self.anchor_precision == "year":
            return f"{self.anchor.year:04d}"
        if self.anchor_precision == "month":
            return f"{self.anchor.year:04d}-{self.anchor.month:02d}"
        return self.anchor.isoformat()

    def fact_base(self, article: Article) -> dict:
        return {"article": article.id, "evidence": self.text,
                "evidence_start": self.sentence.start, "evidence_end": self.sentence.end}


PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:(?:After|Before|During|Speaking|Arriving|Standing|Addressing|Following|At|In|On|"
    r"Later|Earlier|Then|There)\b[^,;]{0,100},\s*)?(?:But\s+|And\s+|Then\s+|There,?\s+|"
    r"Later,?\s+)?(?P<p>[Hh]e|[Ss]he|[Tt]hey|[Tt]he\s+(?:trio|two|three|four|leaders?|pair|men|"
    r"diplomats?|ministers?|president|secretary))\b")
GROUP_ANYWHERE = re.compile(r"\b(?:both\s+(?:diplomats|men|leaders|ministers)|the\s+(?:trio|pair)|"
                            r"the\s+two\s+(?:men|leaders|diplomats|ministers|sides))\b",
                            re.IGNORECASE)


class ArticleContext:
    """Reading state for one article: anchors per segment, people seen, the current subject."""

    def __init__(self, article: Article):
        self.article = article
        self.people = PeopleIndex(article.published)
        self.last_people: list[str] = []
        self.last_group: list[str] = []
        self.focus: str | None = None
        self.last_donor: str | None = None
        self.aid_context: str | None = None  # the last sentence that spoke of aid
        self.last_reporter: str | None = None  # who gave the last casualty figure
        self.last_where: str | None = None
        self._group_locked = False
        self._anchors = {s.n: (s.anchor, s.anchor_precision) for s in article.segments}

    def anchor(self, segment: int) -> tuple[date | None, str]:
        if segment in self._anchors:
            return self._anchors[segment]
        if segment == 0:
            return self.article.published, "day" if self.article.published else "unknown"
        return None, "unknown"

    def view(self, sentence: Sentence) -> View:
        anchor, precision = self.anchor(sentence.segment)
        if anchor is not None and anchor != self.people.when:
            self.people = _rebased(self.people, anchor)
        people = self.people.find(sentence.text, subject=self.focus)
        places = find_places(sentence.text, taken=[(p.start, p.end) for p in people])
        view = View(sentence, anchor, precision, people, places, focus=self.focus)
        view.subject = self._implied_subject(view)
        return view

    def _implied_subject(self, view: View) -> list[str]:
        m = PRONOUN_SUBJECT.match(view.text)
        if not m:
            if re.search(r"\btheir\s+(?:[A-Z]\w+\s+)?counterparts?\b", view.text) and \
                    self.last_group:
                return list(self.last_group)
            if GROUP_ANYWHERE.search(view.text) and self.last_group:
                return list(self.last_group)
            return []
        word = m.group("p").lower()
        if word in ("he", "she") or word.startswith("the president") or word.startswith(
                "the secretary"):
            return [self.focus] if self.focus else []
        return list(self.last_group) if self.last_group else (
            [self.focus] if self.focus else [])

    def note(self, facts: list[dict]) -> None:
        """Facts of the sentence just read: travellers form the group "they" refers to."""
        actors = list(dict.fromkeys(f["actor"] for f in facts if f["type"] == "visit"))
        if len(actors) >= 2:
            self.last_group = actors
            self._group_locked = True
        for f in facts:
            if f["type"] == "aid" and f.get("donor"):
                self.last_donor = f["donor"]
            if f["type"] == "casualty":
                self.last_reporter = f.get("reported_by") or self.last_reporter
                self.last_where = f.get("where") or self.last_where

    def remember(self, view: View) -> None:
        from etl.extract.aid import AID_WORDS

        self.aid_context = view.text if AID_WORDS.search(view.text) else None
        names = [p.name for p in view.people]
        if names:
            first = view.people[0]
            # The sentence's first person is its likely subject unless quoted as a source.
            after = view.text[first.end:first.end + 12]
            if not re.match(r"\s*(?:said|told|says|according)", after):
                self.focus = first.name
            self.last_people = names
            distinct = list(dict.fromkeys(names))
            if len(distinct) >= 2 and not self._group_locked:
                self.last_group = distinct
            self._group_locked = False


def _rebased(index: PeopleIndex, when: date) -> PeopleIndex:
    fresh = PeopleIndex(when)
    fresh.seen = dict(index.seen)
    return fresh
