"""The reading state of one article (ArticleContext): the anchors of its segments, its
people, and what the sentences read so far leave to the next ones (who the story is about,
the group "they" means, the last donor, recipient and aid stage, the last casualty source,
the bloc). Each sentence's View (etl.extract.context) is built here, with the role phrases
resolved and the places the NER reads as something else dropped.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from etl.extract.context import View
from etl.extract.events_told import event_place_of
from etl.extract.geo import PlaceRef, find_places, places_of
from etl.extract.lexicon import LEX
from etl.extract.people import ArticlePeople
from etl.extract.role_phrases import role_people
from etl.extract.syntax import first_conjunct
from etl.extract.visit_places import LEAVE_FOR
from etl.model import Article, Sentence


class ArticleContext:
    """Reading state for one article: anchors per segment, the people, the current subject."""

    def __init__(self, article: Article, sentences: list[Sentence], docs: dict[int, object]):
        self.article = article
        self._anchors = {s.n: (s.anchor, s.anchor_precision) for s in article.segments}
        self.people = ArticlePeople(article.published)
        for s in sentences:
            self.people.anchors[s.n] = self.anchor(s.segment)[0]
            self.people.add_sentence(s.n, s.text, docs.get(s.n))
        self.people.resolve()
        self.docs = docs
        self.focus: str | None = None
        self.group: list[str] = []
        self.last_donor: str | None = None
        self.last_recipient: str | None = None
        self.last_aid_status: str | None = None  # the stage of the last aid fact
        self._aid_said = False  # the sentence just read gave an aid fact
        self.aid_context: str | None = None  # the last sentence that spoke of aid
        self.last_reporter: str | None = None  # who gave the last casualty figure
        self.last_where: str | None = None
        self.last_bloc: str | None = None
        self.event_place: PlaceRef | None = None  # where the gathering told so far is

    def anchor(self, segment: int) -> tuple[date | None, str]:
        if segment in self._anchors:
            return self._anchors[segment]
        if segment == 0:
            return self.article.published, "day" if self.article.published else "unknown"
        return None, "unknown"

    def view(self, sentence: Sentence) -> View:
        anchor, precision = self.anchor(sentence.segment)
        named = self.people.in_sentence(sentence.n)
        doc = self.docs.get(sentence.n)
        draft = View(sentence, anchor, precision, named, [], doc=doc, focus=self.focus,
                     group=list(self.group), roster=self.people)
        # "his counterpart" is the counterpart of the sentence's own subject first.
        subject = (draft.main_subject() or [self.focus])[0]
        roles = role_people(sentence.text, named, self.people, sentence.n, subject)
        people = sorted(named + roles, key=lambda p: p.start)
        spans = [(p.start, p.end) for p in people]
        places = list(places_of(sentence.text))
        if any(s < p.end and p.start < e for s, e in spans for p in places):
            places = find_places(sentence.text, taken=spans)
        if doc is not None:
            places = _not_named_otherwise(places, doc)
        return View(sentence, anchor, precision, people, places, doc=doc, focus=self.focus,
                    group=list(self.group), roster=self.people,
                    bloc=_bloc_named(sentence.text) or self.last_bloc,
                    event_place=self.event_place)

    def note(self, facts: list[dict]) -> None:
        """Facts of the sentence just read: travellers form the group "they" refers to."""
        actors = list(dict.fromkeys(f["actor"] for f in facts if f["type"] == "visit"))
        if len(actors) >= 2:
            self.group = actors
        for f in facts:
            if f["type"] == "meeting" and len(f["participants"]) >= 2:
                self.group = list(f["participants"])
            if f["type"] == "aid":
                self.last_donor = f.get("donor") or self.last_donor
                self.last_recipient = f.get("recipient") or self.last_recipient
                self.last_aid_status = f.get("status") or self.last_aid_status
                self._aid_said = True
            if f["type"] == "casualty":
                self.last_reporter = f.get("reported_by") or self.last_reporter
                self.last_where = f.get("where") or self.last_where

    def remember(self, view: View) -> None:
        """After a sentence: who it was about becomes the story's subject."""
        self.last_bloc = _bloc_named(view.text) or self.last_bloc
        self.event_place = event_place_of(view) or self.event_place
        from etl.extract.aid import AID_WORDS

        self.aid_context = view.text if AID_WORDS.search(view.text) or self._aid_said else None
        self._aid_said = False
        if view.doc is not None:
            actors = self._actors(view)
            if actors:
                # "The two ministers signed a deal": a sentence about a group the story's
                # subject is in keeps that subject for the next "he"
                if self.focus not in actors:
                    self.focus = actors[0]
                if len(actors) >= 2:
                    self.group = actors
            return
        if view.people:
            first = view.people[0]
            after = view.text[first.end:first.end + 12]
            # The sentence's first person is its likely subject unless quoted as a source.
            if not re.match(r"\s*,?\s*(?:said|told|says|according)", after):
                self.focus = first.name
            distinct = list(dict.fromkeys(p.name for p in view.people))
            if len(distinct) >= 2:
                self.group = distinct

    def _actors(self, view: View) -> list[str]:
        """Persons that are the subject of a verb that is not one of saying, or of one of
        saying when they are not a spokesperson: who the sentence is about."""
        from etl.extract.syntax import conjuncts

        found: list[str] = []
        speakers: list[str] = []
        for t in view.doc:
            if t.dep_ not in ("nsubj", "nsubjpass"):
                continue
            names = [n for c in conjuncts(t) for n in view.persons_for(c)]
            if not names:
                # "His diplomacy will focus on ...": the owner of the subject is who
                names = [n for c in t.children if c.dep_ == "poss" for n in view.persons_for(c)]
            if not names:
                continue
            if t.head.lemma_.lower() in LEX.status.reporting_verbs:
                person = view.person_at(t)
                if person and SPOKESPERSON.search(view.text[max(0, person.start - 40):
                                                            person.start]):
                    continue
                speakers += names
            else:
                found += names
        # Who is quoted takes the story's focus only while it has none: a spokesperson's
        # "Nuland said" does not make the story about her.
        return list(dict.fromkeys(found or (speakers if not self.focus else [])))


@cache
def _institution_names() -> re.Pattern:
    from etl.extract.lexicon import phrase_pattern

    return phrase_pattern(LEX.institutions.keys())


def _bloc_named(text: str) -> str | None:
    """The last union of states a sentence names ("EU leaders", "ASEAN members"): what
    "the bloc" of the next sentences is."""
    found = None
    for m in _institution_names().finditer(text):
        name = LEX.institutions[" ".join(m.group(0).lower().split())]
        if m.group(0)[0].isupper() and name.lower() in LEX.people.blocs:
            found = name
    return found


NOT_PLACE_LABELS = {"ORG", "PERSON", "NORP", "EVENT", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"}


def _not_named_otherwise(places: list[PlaceRef], doc) -> list[PlaceRef]:
    """Gazetteer cities the statistical NER reads as something else ("the Commonwealth
    summit", "Jackson said") are dropped; countries and curated aliases are kept."""
    from etl.places import _aliases, fold, is_capital

    out = []
    for place in places:
        if place.is_city and fold(place.text) not in _aliases():
            labels = {e.label_ for e in doc.ents
                      if e.start_char <= place.start and place.end <= e.end_char}
            capital = is_capital(place.name or "", place.country or "")
            if labels and not labels & {"GPE", "LOC"} and labels & NOT_PLACE_LABELS and not (
                    _placed_by_grammar(place, doc, capital)):
                continue  # "Port Moresby" read as a building is still the capital
        out.append(place)
    return out


_ARRIVALS = {"arrive", "land", "fly", "travel", "head", "visit", "reach", "tour"}


def _placed_by_grammar(place: PlaceRef, doc, capital: bool) -> bool:
    """A city the NER took for a person or a body that the sentence still uses as a place.

    A capital after "in", "to" or "at", visited, or described as "the capital of ..."
    ("met him in Dakar", "visited Niamey, the capital of Niger"); any city where a verb of
    arrival puts someone ("arrived in Goa", "flew to Goa"). "Jackson said" stays a person.
    """
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if capital and root.dep_ == "conj" and root.head != root and root.head.pos_ == "PROPN":
        # "visited Montevideo on Monday and Asunción on Tuesday": a capital in a list of
        # names stands where the list's first member stands
        root = first_conjunct(root)
    if any(c.dep_ == "appos" and c.lemma_.lower() == "capital" for c in root.children):
        return True
    if root.dep_ == "pobj" and root.head.lower_ in ("in", "to", "into", "at", "for"):
        verb = root.head.head
        lemma = verb.lemma_.lower()
        if verb.pos_ in ("VERB", "NOUN") and (lemma in _ARRIVALS if root.head.lower_ != "for"
                                              else lemma in LEAVE_FOR):
            return True  # "flew to Goa", "left Lilongwe for Harare"
    if root.dep_ == "compound" and root.head.pos_ in ("NOUN", "PROPN") and (
            capital or root.head.lemma_.lower() in LEX.visit.facility_nouns):
        root = root.head  # "received at Nouakchott airport", "visited the Rafah crossing"
    if root.dep_ in ("dobj", "advmod", "npadvmod", "oprd") and (
            root.head.lemma_.lower() in _ARRIVALS):
        return True  # "visited Luanda.": the parser, taking it for a name, makes it a modifier
    if not capital:
        return False
    return root.dep_ == "pobj" and root.head.lower_ in (
        "in", "to", "at", "from", "into", "near", "toward", "towards")


SPOKESPERSON = re.compile(r"\b(?:spokes(?:man|woman|person)|official|aide|adviser|advisor|"
                          r"analyst|expert|correspondent|reporter|editor|professor|researcher|"
                          r"lawmaker|senator|spokesperson)\b[\w\s.,'’-]{0,25}$", re.IGNORECASE)
