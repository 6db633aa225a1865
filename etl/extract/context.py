"""What the rules know while reading an article: the sentence at hand and what came before.

Each sentence is tagged once (people, places, its parse when it has one) and handed to every
fact rule; the article context carries who the story is about, so "he", "the secretary"
and "the two leaders" resolve.

This module holds the sentence at hand (View) and how its tokens stand for people; the
reading state of the whole article is etl.extract.article_context's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from etl.extract.dateline import DATELINE
from etl.extract.dates import DateRef, find_dates
from etl.extract.geo import PlaceRef
from etl.extract.lexicon import LEX
from etl.extract.people import ArticlePeople, PersonRef
from etl.model import Article, Sentence


def _of_a_named_body(token) -> bool:
    """Whether a plural role noun's "of" phrase names a body or nation of its own ("leaders
    of the Syrian opposition coalition"), not the story's parties ("of the two countries")."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for t in prep.subtree:
                if t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG") or (
                        t.pos_ == "ADJ" and t.text[:1].isupper()):
                    return True
    return False


PRONOUNS_ONE = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
PRONOUNS_GROUP = {"they", "them", "their", "themselves"}
# Offices written with their portfolio after them: "Minister for Foreign Affairs".
PORTFOLIO_OFFICES = {"minister", "secretary", "commissioner", "counsellor", "councillor"}
DELEGATIONS = {"delegation", "entourage", "mission"}
# Offices whose holder the parser may hang on the body the office heads (see
# View._named_after_of_phrase).
OF_PHRASE_OFFICES = LEX.people.role_nouns | LEX.people.office_heads
LEADS = {"lead", "head", "led", "headed"}


@dataclass
class View:
    """One sentence with its tags; offsets in tags are relative to the sentence text."""

    sentence: Sentence
    anchor: date | None
    anchor_precision: str
    people: list[PersonRef]
    places: list[PlaceRef]
    doc: object | None = None  # the spaCy Doc of the sentence, when it was parsed
    focus: str | None = None  # who the story is about so far
    group: list[str] = field(default_factory=list)  # who "they" means
    roster: ArticlePeople | None = None
    bloc: str | None = None  # the union of states "the bloc" means in this story
    event_place: PlaceRef | None = None  # where the gathering told before is (events_told)

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
        # the dateline's date is when the story was filed, never an event's
        opening = DATELINE.match(self.text)
        found = [d for d in find_dates(self.text, self.anchor, future)
                 if not (opening and d.end <= opening.end())]
        if self.anchor_precision != "year" or self.anchor is None:
            return found
        # A segment dated only to its year: a weekday read against 1 January would invent a
        # day, so dates without their own year keep the year alone.
        year = f"{self.anchor.year:04d}"
        return [d if re.search(r"(?:19|20)\d\d", d.text) else
                DateRef(year, "year", d.start, d.end, d.text) for d in found]

    def default_date(self) -> str | None:
        """The date an undated event reported as done is given: the story's own day.

        News reports what happened on or just before the day it is published, so an event
        told as done with no date of its own is dated to the anchor, at its precision.
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

    # -- tokens to people and places ------------------------------------------------------

    def person_at(self, token) -> PersonRef | None:
        """The person named at a token, also when the token ends a name whose first words
        the finder matched ("President Xi" Jinping)."""
        for p in self.people:
            if p.start <= token.idx < p.end:
                return p
        if token.pos_ == "PROPN":
            for c in token.children:
                if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN":
                    for p in self.people:
                        if p.start <= c.idx < p.end:
                            return p
        return None

    def place_at(self, token) -> PlaceRef | None:
        for p in self.places:
            if p.start <= token.idx < p.end:
                return p
        return None

    def persons_for(self, token) -> list[str]:
        """Who a subject or object token stands for: a named person, a pronoun read against
        the sentence and the story, or a group noun ("the two leaders")."""
        person = self.person_at(token) or self._named_in_title(token)
        if person:
            return [person.name]
        word = token.lower_
        if token.lemma_.lower() in DELEGATIONS:
            return self._delegation_leaders(token)
        if word in ("i", "me", "my") and token.pos_ == "PRON":
            return self._speaker(token)
        if word in PRONOUNS_ONE:
            before = self._antecedent(token)
            if before:
                return [before]
            main = self._main_subject_after(token)
            if main:
                return [main]  # "Paying his fifth visit to Kyiv, Blinken dropped by"
            return [self.focus] if self.focus else []
        if token.pos_ == "NOUN" and token.tag_ == "NNS" and token.lemma_.lower() in (
                LEX.people.role_nouns | {"leader", "counterpart", "head"}):
            named = self._role_members(token)
            if named:
                return named  # "the leaders of France and Germany"
            if _of_a_named_body(token):
                return []  # "leaders of the Syrian opposition" are not the story's group
        if word in PRONOUNS_GROUP and token.dep_ == "poss":
            bound = self.clause_subjects(token)
            if bound:
                return bound  # "Modi and Kishida signed deals after their talks"
        if word in PRONOUNS_GROUP or (token.pos_ == "NOUN" and (token.lemma_.lower() in (
                LEX.people.group_nouns) or word in LEX.people.group_nouns) and (
                token.tag_ in ("NNS", "CD") or token.lower_ in (
                    "trio", "pair", "duo", "quartet"))) or (
                word in ("two", "both", "three") and token.dep_ in ("nsubj", "nsubjpass")):
            if token.pos_ == "NOUN" and not _definite(token):
                return []  # "meeting with leaders at the summit": no one the story named
            return self._group_for(token)
        if token.pos_ == "NOUN" and token.lemma_.lower() in LEX.people.role_nouns and any(
                c.lower_ == "the" for c in token.children) and token.tag_ == "NN":
            if self.focus and self._nation_differs(token, self.focus):
                return []  # "the Philippine president" is not the Australian minister
            return [self.focus] if self.focus else []
        return []

    def _speaker(self, pronoun) -> list[str]:
        """ "'I will travel to Kyiv,' X told reporters": the "I" of a quote is its speaker,
        the person subject of the verb of saying the quote hangs on."""
        for verb in pronoun.ancestors:
            if verb.lemma_.lower() in LEX.status.reporting_verbs:
                named = [n for s in verb.children if s.dep_ == "nsubj" and s != pronoun
                         and s.lower_ not in ("i", "we") for n in self.persons_for(s)]
                if named:
                    return named
        return []

    def _nation_differs(self, role, person: str) -> bool:
        """Whether a role noun names a country ("the Philippine president") other than the
        one the person serves, or one the article never tied the person to."""
        from etl.extract.registry import country_of

        nations = set()
        for c in role.children:
            if c.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            iso = country_of(c.text)
            if iso is None and c.text[:1].isupper() and (c.ent_type_ == "NORP" or re.search(
                    r"(?:an|ese|ish|ic|i)$", c.text)):
                iso = "?"  # a nationality the tables do not know ("the Nauruan president")
            if iso:
                nations.add(iso)
        if not nations:
            return False
        home = self.roster.home_of(person) if self.roster else None
        return home not in nations

    def clause_subjects(self, pronoun) -> list[str]:
        """The persons a possessive "their" is bound to: the subject of its own clause when
        that names two or more ("the two leaders, X and Y, signed after their talks")."""
        from etl.extract.subjects import subjects_of
        from etl.extract.syntax import conjuncts, verb_of

        verb = verb_of(pronoun.head)
        if verb is None:
            return []
        names: list[str] = []
        for subject in subjects_of(verb):
            if subject == pronoun or subject.lower_ in PRONOUNS_GROUP:
                return []
            person = self.person_at(subject)
            if person:
                names.append(person.name)
            for c in subject.children:
                if c.dep_ == "appos":
                    names += [p.name for t in conjuncts(c) if (p := self.person_at(t))]
        names = list(dict.fromkeys(names))
        return names if len(names) >= 2 else []

    def _group_for(self, token) -> list[str]:
        """Who "they" or "the four leaders" are. A stated size picks, of the persons this
        sentence names before the phrase, the group just told and the main subject, the
        first that has that many; without one the group just told comes first."""
        size = group_size(token)
        named = list(dict.fromkeys(p.name for p in self.people if p.end <= token.idx))
        main = self.main_subject(exclude=token)
        if size:
            for candidate in (named, self.group, main):
                if len(candidate) == size:
                    return list(candidate)
        if self.group:
            return list(self.group)
        return main if main and len(main) >= 2 else []

    def _delegation_leaders(self, token) -> list[str]:
        """Who heads a delegation: "a delegation led by Ruiz", "Ruiz's delegation", "Ruiz
        led the delegation that visited Tokyo". A delegation nobody is said to lead is no
        one the rules can name."""
        from etl.extract.subjects import agents_of, subjects_of
        from etl.extract.syntax import conjuncts

        names: list[str] = []
        for c in token.children:
            if c.dep_ == "poss":
                names += [n for t in conjuncts(c) for n in self.persons_for(t)]
            if c.dep_ == "acl" and c.lemma_.lower() in LEADS:
                names += [n for t in agents_of(c) for n in self.persons_for(t)]
        if not names and token.dep_ == "dobj" and token.head.lemma_.lower() in LEADS:
            names += [n for t in subjects_of(token.head) for n in self.persons_for(t)]
        return list(dict.fromkeys(names))

    def _named_in_title(self, token) -> PersonRef | None:
        """The person a title phrase names when the parser made the title its head ("the
        Chinese foreign minister Wang Yi", "Egypt's Foreign Minister Badr Abdelatty")."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        for c in token.children:
            if c.dep_ in ("appos", "compound", "flat", "nmod") and c.i > token.i:
                person = self.person_at(c) or self._named_in_title(c)
                if person:
                    return person
        office = {token.lemma_.lower()} | {c.lemma_.lower() for c in token.children
                                            if c.dep_ == "compound"}
        if token.tag_ in ("NN", "NNP") and office & OF_PHRASE_OFFICES:
            # "the Secretary General of the Organisation of Turkic States, X,": the office
            # may be a capitalised compound
            person = self._named_after_of_phrase(token)
            if person:
                return person
        if token.lower_ in PORTFOLIO_OFFICES:
            # "Cabinet Secretary for Foreign Affairs Alfred Mutua": the parser hangs the
            # name under the portfolio, which sits between the office and the name.
            for prep in token.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("for", "of"):
                    continue
                for obj in prep.children:
                    person = self.person_at(obj) if obj.dep_ == "pobj" else None
                    if person and any(t.is_title and t.idx < person.start and not
                                      self.person_at(t) for t in obj.subtree):
                        return person
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if nxt is not None and token.is_title and token.lower_ in LEX.people.titles and (
                nxt.head == token or nxt.head.head == token):
            # "President To Lam arrived": the parser reads the name's first word as a
            # preposition under the title, but the name starts right after it
            person = self.person_at(nxt)
            if person and person.start == nxt.idx:
                return person
        return None

    def _named_after_of_phrase(self, token) -> PersonRef | None:
        """The person set in commas after "the head of <body>": the parser hangs that
        apposition on the body ("the foreign minister of Oman, Badr Albusaidi, said"), but
        it names the office holder, not the body."""
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
                continue
            for t in prep.subtree:
                if t.dep_ == "appos" and t.left_edge.i > 0 and (
                        t.doc[t.left_edge.i - 1].text == ","):
                    person = self.person_at(t)
                    if person:
                        return person
        return None

    def _main_subject_after(self, pronoun) -> str | None:
        """The main clause's person subject when the pronoun stands in an opening phrase
        before it."""
        if self.doc is None:
            return None
        root = next((t for t in self.doc if t.dep_ == "ROOT"), None)
        if root is None or root.i < pronoun.i or root.lemma_.lower() in (
                LEX.status.reporting_verbs):
            return None  # "His diplomacy will focus on Mali, Nuland said": he is not she
        for s in root.children:
            if s.dep_ in ("nsubj", "nsubjpass") and s.i > pronoun.i:
                person = self.person_at(s)
                return person.name if person else None
        return None

    def _role_members(self, token) -> list[str]:
        """Persons a plural office noun lists: "the leaders of France and Germany", "the
        Egyptian and Palestinian leaders"."""
        from etl.extract.syntax import conjuncts

        found: list[str] = []
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        found += [p.name for t in conjuncts(g) if (p := self.person_at(t))]
            if c.dep_ in ("amod", "compound", "nmod"):
                found += [p.name for t in conjuncts(c) if (p := self.person_at(t))]
        return list(dict.fromkeys(found))

    def _antecedent(self, pronoun) -> str | None:
        """A person named earlier in the same sentence as a subject or an owner ("On
        Kerry's maiden voyage, he will visit"), the nearest first."""
        if self.doc is None:
            return None
        own = _own_clause_verb(pronoun)
        for t in reversed(list(self.doc[:pronoun.i])):
            if own is not None and t.head.i == own.i and t.dep_ in ("nsubj", "nsubjpass"):
                continue  # "X received him": "him" is never X (that would be "himself")
            person = self.person_at(t) or (self._named_in_title(t) if t.dep_ in (
                "nsubj", "nsubjpass") else None)
            dep = self._title_conjunct_dep(t) if person else t.dep_
            if person and dep in ("nsubj", "nsubjpass", "poss") and t.head != pronoun.head \
                    or person and dep in ("nsubj", "nsubjpass") and pronoun.dep_ == "poss":
                return person.name
        return None

    def _title_conjunct_dep(self, token) -> str:
        """The role of a name in the sentence: that of the title it is a conjunct of when
        the parser splits a double office ("Deputy Prime Minister and Foreign Minister X
        wrapped up a visit": X is the subject)."""
        head = token.head
        if token.dep_ == "conj" and head != token and head.pos_ == "PROPN" and (
                head.lower_ in LEX.people.titles or head.lemma_.lower() in LEX.people.titles
        ) and not self.person_at(head):
            return head.dep_
        return token.dep_

    def main_subject(self, exclude=None) -> list[str]:
        """Named persons that are the subject of the sentence's main verb."""
        if self.doc is None:
            return []
        from etl.extract.subjects import subjects_of

        root = next((t for t in self.doc if t.dep_ == "ROOT"), None)
        if root is None:
            return []
        names = []
        for t in subjects_of(root):
            if t == exclude:
                continue
            p = self.person_at(t) or self._named_in_title(t)
            if p:
                names.append(p.name)
        return list(dict.fromkeys(names))


def _own_clause_verb(pronoun):
    """The verb whose object an object pronoun is ("received him", "met with her"), or
    None for a subject or a possessive."""
    if pronoun.dep_ not in ("dobj", "pobj", "dative") or pronoun.lower_ not in (
            "him", "her", "them"):
        return None
    head = pronoun.head
    if head.dep_ == "prep":
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


_SIZES = {"two": 2, "both": 2, "pair": 2, "duo": 2, "three": 3, "trio": 3, "four": 4,
          "quartet": 4, "five": 5, "six": 6}


def _definite(noun) -> bool:
    """Whether a group noun points back at people already named: "the leaders", "both
    men", "the two ministers", "their counterparts", not a bare "leaders"."""
    return noun.lower_ in _SIZES or any(
        c.dep_ in ("det", "predet", "nummod", "poss", "quantmod") for c in noun.children)


def group_size(token) -> int | None:
    """How many a group phrase says it is: "the four leaders", "both men", "the pair"."""
    if token.lower_ in _SIZES:
        return _SIZES[token.lower_]
    for c in token.children:
        if c.dep_ in ("nummod", "det", "predet", "quantmod") and c.lower_ in _SIZES:
            return _SIZES[c.lower_]
    return None
