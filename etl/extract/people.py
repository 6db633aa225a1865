"""People in an article: reference names, titled and recognised names, and role phrases.

A person is found four ways: a name or alias of the curated registry; a title before a
capitalised name ("Foreign Minister Jane Doe"); a PERSON entity of the statistical parser;
a role phrase ("Kenya's foreign minister", "his Ukrainian counterpart") resolved to whoever
held the office on the story's date. A name the registry does not know takes the longest
full form the article gives it, and a later surname refers back to that form; a surname
two people of the article share refers to the one named last.

This module compares the names of one article and says who holds an office; reading a
name is etl.extract.person_names', the role phrases etl.extract.role_phrases'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from etl.extract.appositions import (
    argument_names,
    home_in_grammar,
    office_appositions,
    places_in,
)
from etl.extract.lexicon import LEX
from etl.extract.person_names import (
    PARTICLES,
    _not_name,
    _past_the_country,
    _subsequence,
    _surname_words,
    _title_case,
    _titled_re,
    _whole_words,
    _without_initials,
    alias_hits,
    clean_name,
    full_form,
    known_name,
    name_goes_on,
    plausible_name,
    with_suffix,
)
from etl.extract.registry import (
    country_of,
    countryless_holder,
    holder,
    observed_holder,
    office_of,
    reference_people,
    title_group,
)
from etl.places import fold


@dataclass(frozen=True)
class PersonRef:
    """A person named at [start, end) of a sentence and how the name was found.

    `how`: reference (a registry name or alias), surname (a registry surname or one the
    article gave in full before), titled, entity (the statistical NER), role (an office
    phrase resolved on the story's date), counterpart.
    """

    name: str
    start: int
    end: int
    how: str
    known: bool = False  # the name is the registry's canonical one


@dataclass(frozen=True)
class RoleObservation:
    """An office the text gives a person: "Kenya's Foreign Minister Musalia Mudavadi"."""

    name: str
    office: str
    country: str
    sentence: int
    evidence: str
    title: str | None = None


@dataclass
class _Raw:
    """A name as found before the article's names are compared."""

    sentence: int
    start: int
    end: int
    surface: str
    how: str
    canonical: str | None = None  # set for registry hits


def _no_office(text: str, start: int, name: str) -> bool:
    """Whether a name found by the NER is introduced as someone with no public office
    ("tennis star X", "Coach X"): not a person of this product's news."""
    words = name.split()
    before = re.search(r"([A-Za-z]+)\s*$", text[max(0, start - 30):start])
    cue = {w.lower() for w in (words[:1] + ([before.group(1)] if before else []))}
    return bool(cue & LEX.people.not_officials)


@dataclass
class ArticlePeople:
    """Names of one article: found per sentence, then resolved against each other.

    Call `add_sentence` for every sentence (with its parse when there is one), then
    `resolve`; `in_sentence(n)` gives the sentence's persons.
    """

    when: date | None
    raw: dict[int, list[_Raw]] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)
    observations: list[RoleObservation] = field(default_factory=list)
    canonical: dict[str, str] = field(default_factory=dict)  # folded full form -> name
    by_surname: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    # first or inner word -> the full names it is part of: "Pham" (Pham Minh Chinh),
    # "Srettha" (Srettha Thavisin), "Lula" (Luiz Inacio Lula da Silva), "Petro" (Gustavo
    # Petro Urrego), where the press names a person by it
    by_part: dict[str, set[str]] = field(default_factory=dict)
    resolved: dict[int, list[PersonRef]] = field(default_factory=dict)
    anchors: dict[int, date | None] = field(default_factory=dict)  # sentence -> its day
    # (office, country, title, sentence) of role phrases nobody is known to hold
    gaps: list[tuple[str, str, str | None, int]] = field(default_factory=list)
    # (sentence, folded title, name) of every "President X" the article writes
    titled: list[tuple[int, str, str]] = field(default_factory=list)
    # name -> the country an office the grammar gives it serves ("his Ugandan counterpart X")
    homes: dict[str, str] = field(default_factory=dict)

    # -- pass 1: what each sentence names -------------------------------------------------

    def add_sentence(self, n: int, text: str, doc=None) -> None:
        found: list[_Raw] = []
        headline = _title_case(text)
        for start, end, surface, name, how in alias_hits(text):
            if how == "surname" and (self._other_given_name(text, start, name)
                                     or name_goes_on(text, end, name)):
                continue  # "Hunter Biden" is not Joe Biden, "Anwar Rahim Ismail" not Anwar
            found.append(_Raw(n, start, end, surface, how, name))
        for m in _titled_re().finditer(text):
            name, offset = clean_name(m.group("name"), titled=True)
            if not name or not plausible_name(name) or headline:
                continue
            start = m.start("name") + offset
            name, end = with_suffix(text, start + len(name), name)
            found.append(_Raw(n, start, end, name, "titled"))
            self._observe(n, text, m.start("title"), m.group("title"), name)
            self.titled.append((n, " ".join(fold(m.group("title")).split()), name))
        if doc is not None and not headline:
            for ent in doc.ents:
                if ent.label_ != "PERSON":
                    continue
                start, end = _whole_words(text, ent.start_char, ent.end_char)
                start = _past_the_country(text, start, end)
                name, offset = clean_name(text[start:end])
                if name and plausible_name(name):
                    name, end = with_suffix(text, start + offset + len(name), name)
                    found.append(_Raw(n, start + offset, end, name, "entity"))
        if doc is not None and not headline and doc.has_annotation("ENT_IOB"):
            # only where the NER ran: elsewhere every capitalised word is a known one
            found += [_Raw(n, start, end, name, "entity")
                      for start, end, name in argument_names(text, doc)]
        for m in office_appositions(text):
            name, offset = clean_name(m.group("name"))
            if not (name and plausible_name(name) and len(name.split()) >= 2) or headline:
                continue
            self._observe(n, text, m.start("title"), m.group("title"), name,
                          country_word=m.group("country"))
            # a name an office is given to is a person, parsed or not: its surname then
            # refers back to it in the sentences that are
            start = m.start("name") + offset
            if not any(r.start <= start < r.end for r in found):
                found.append(_Raw(n, start, start + len(name), name, "titled"))
        # "tennis star Carlos Alcaraz", "Coach Carlo Ancelotti": no one the registry knows
        self.raw[n] = [r for r in found if r.canonical or not _no_office(
            text, r.start, r.surface)]
        if doc is not None and not headline:
            for r in self.raw[n]:
                home = None if r.canonical else home_in_grammar(doc, r.start, r.end)
                if home:
                    self.homes.setdefault(r.surface, home)
        self.texts[n] = text

    def _other_given_name(self, text: str, start: int, name: str) -> bool:
        before = re.search(r"([A-Z][\w'’-]+)\s+$", text[max(0, start - 30):start])
        if not before:
            return False
        word = before.group(1)
        if word in _not_name() or word.lower() in LEX.people.titles:
            return False
        return fold(word) not in fold(name).split()

    def _observe(self, n: int, text: str, title_start: int, title: str, name: str,
                 country_word: str | None = None) -> None:
        if country_word is None:
            title, country_word = _country_after(title)
        office = title_group(title)
        if office is None or office not in ("foreign", "leader") and len(office) > 40:
            return
        if _FORMER.search(text[max(0, title_start - 60):title_start]):
            return  # "former Paraguayan President X" holds the office no more
        if country_word is None:
            before = re.search(r"((?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.’']*)\s+(?:(?:new|top)\s+)?$",
                               text[max(0, title_start - 40):title_start])
            country_word = before.group(1) if before else None
        country = country_of(country_word) if country_word else None
        words = (country_word or "").split()
        for k in range(len(words) - 1, 0, -1):
            if country is not None:
                break
            # "German Development Minister": the nation before the portfolio
            country = country_of(" ".join(words[:k]))
        if country is None:
            return
        self.observations.append(RoleObservation(name, office, country, n, text,
                                                 " ".join(title.split()).lower()))

    # -- pass 2: one canonical name per person --------------------------------------------

    def resolve(self) -> None:
        full_forms: list[tuple[int, str]] = []
        for n in sorted(self.raw):
            for r in self.raw[n]:
                if r.canonical:
                    continue
                if full_form(r.surface):
                    full_forms.append((n, r.surface))
        longest: dict[str, str] = {}
        forms = sorted({f for _, f in full_forms}, key=lambda f: -len(f.split()))
        for form in forms:
            key = fold(form)
            words = _surname_words(form)
            for other in forms:
                other_words = _surname_words(other)
                if len(other_words) > len(words) and _subsequence(words, other_words) and (
                        other_words[-1] == words[-1] or other_words[:len(words)] == words):
                    longest[key] = longest.get(fold(other), other)
                    break
            else:
                longest[key] = known_name(form) or _without_initials(form)
        self.canonical = longest
        own_words = {w for name in longest.values() for w in _surname_words(name)}
        for n in sorted(self.raw):
            for r in self.raw[n]:
                name = r.canonical or (longest.get(fold(r.surface)) if full_form(
                    r.surface) else None)
                if r.how == "surname" and r.canonical and fold(r.surface) in own_words and (
                        r.canonical not in longest.values()):
                    continue  # "Anwar" is the article's Anwar Rahim Ismail, not the registry's
                if name and (r.how != "surname" or r.canonical):
                    self._index(n, name)
        self.observations = [RoleObservation(self._full(o.name), o.office, o.country,
                                             o.sentence, o.evidence, o.title)
                             for o in self.observations]
        self.titled = [(n, title, self._full(name)) for n, title, name in self.titled]
        self.homes = {self._full(name): home for name, home in self.homes.items()}
        for n in sorted(self.raw):
            self.resolved[n] = self._resolve_sentence(n)

    def titled_holder(self, title: str, n: int, focus: str | None) -> str | None:
        """Who "the president" is in sentence n: the one person the article has so far
        called President, or the story's subject when it is one of several."""
        named = list(dict.fromkeys(name for m, t, name in self.titled
                                   if t == title and m <= n))
        if len(named) == 1:
            return named[0]
        return focus if focus in named else None

    def _full(self, name: str) -> str:
        return self.canonical.get(fold(name)) or known_name(name) or name

    def _index(self, n: int, name: str) -> None:
        words = _surname_words(name)
        keys = {words[-1]} if words else set()
        if len(words) >= 2 and re.match(r"^(?:xi|kim|moon|lee|li|wang|park|yoon|hun)$",
                                        words[0]):
            keys.add(words[0])  # family name first: "Xi Jinping" is "Xi"
        for key in keys:
            entries = self.by_surname.setdefault(key, [])
            if not entries or entries[-1][1] != name:
                entries.append((n, name))
        # The first word, and the inner words of a longer name: a paternal surname before
        # the maternal one ("Petro" of Gustavo Petro Urrego), a name the press uses ("Lula").
        for word in words[:-1]:
            if len(word) >= 3 and word not in keys and word not in PARTICLES:
                self.by_part.setdefault(word, set()).add(name)

    def _first_words(self) -> list[str]:
        """First or inner words that name one person of the article and end no one's
        name."""
        return [w for w, names in self.by_part.items()
                if len(names) == 1 and w not in self.by_surname]

    def surname_holder(self, surname: str, n: int) -> str | None:
        """The person of the article a bare surname means in sentence `n`."""
        entries = self.by_surname.get(fold(surname))
        if not entries:
            first = fold(surname)
            return next(iter(self.by_part[first])) if first in self._first_words() else None
        names = {name for _, name in entries}
        if len(names) == 1:
            return entries[0][1]
        before = [name for m, name in entries if m <= n]
        return before[-1] if before else entries[0][1]

    def _resolve_sentence(self, n: int) -> list[PersonRef]:
        text = self.texts[n]
        refs: list[PersonRef] = []
        for r in sorted(self.raw[n], key=lambda r: (r.start, -(r.end - r.start))):
            if r.canonical and r.how == "surname":
                name = self.surname_holder(r.surface, n) or r.canonical
                refs.append(PersonRef(name, r.start, r.end, "surname",
                                      known=name == r.canonical))
            elif r.canonical:
                refs.append(PersonRef(r.canonical, r.start, r.end, "reference", known=True))
            elif full_form(r.surface):
                name = self.canonical.get(fold(r.surface), r.surface)
                refs.append(PersonRef(name, r.start, r.end, r.how,
                                      known=name in reference_people()))
            else:
                name = self.surname_holder(r.surface, n)
                if name:
                    refs.append(PersonRef(name, r.start, r.end, "surname",
                                          known=name in reference_people()))
        # Surnames the article gave in full elsewhere, where no finder saw a name.
        firsts = self._first_words()
        places = places_in(text) if any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text,
                                                  re.IGNORECASE) for w in firsts) else ()
        for surname in [*self.by_surname, *firsts]:
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text,
                                 re.IGNORECASE):
                if not text[m.start()].isupper() or any(
                        r.start <= m.start() < r.end for r in refs):
                    continue
                if surname not in self.by_surname and any(
                        p.start <= m.start() < p.end for p in places):
                    continue  # a first word that begins a place here: "Ulan" of Ulan Bator
                if self._other_given_name(text, m.start(), self.surname_holder(surname, n)
                                          or ""):
                    continue
                name = self.surname_holder(surname, n)
                if name:
                    refs.append(PersonRef(name, m.start(), m.end(), "surname",
                                          known=name in reference_people()))
        return _without_overlaps(refs)

    # -- who holds an office, as the article or the registry says ---------------------------

    def office_holder(self, office: str, country: str, n: int,
                      title: str | None = None) -> tuple[str | None, str]:
        """(name, how) of the office-holder of `country` a role phrase in sentence n means:
        whom the article itself has given that office so far, then the registry on the
        story's date, then whom the article gives it later. The article comes first
        because it is the fresher source: an acting president, a new minister, an office
        the registry does not list."""
        said = [o for o in self.observations if o.office == office and o.country == country
                and (title is None or o.title in (None, "leader", "head of state")
                     or fold(o.title) == fold(title)
                     or fold(title) not in ("president", "prime minister", "premier"))]
        before = [o for o in said if o.sentence <= n]
        if before:
            return before[-1].name, "observed"
        name = holder(office, country, self.anchors.get(n, self.when), title)
        if name:
            return name, "registry"
        if said:
            return said[0].name, "observed"
        when = self.anchors.get(n, self.when)
        learned = observed_holder(office, country, when, title)
        if learned:
            return learned, "learned"  # another article said who holds it
        untold = countryless_holder(office, self.titled, self.observations)
        if untold:
            return untold, "titled"
        self.gaps.append((office, country, title, n))
        return None, "none"

    def office_of(self, name: str) -> tuple[str, str] | None:
        """(office, country) the article or the registry gives a person."""
        for o in self.observations:
            if o.name == name:
                return o.office, o.country
        known = office_of(name, self.when)
        if known:
            return known
        # "Foreign Minister Kofi Mensah ... his German counterpart": the office the text
        # gives, though it names no country for it
        office = next((g for _, title, titled in self.titled
                       if titled == name and (g := title_group(title))), None)
        return (office, "") if office else None

    def home_of(self, name: str) -> str | None:
        """The country a person serves, as the article or the registry says."""
        from etl.extract.registry import home_country

        home = home_country(name, self.when)
        if home:
            return home
        for o in self.observations:
            if o.name == name and len(o.country) == 2:
                return o.country
        return self.homes.get(name)

    def posted_abroad(self, name: str) -> bool:
        """Whether the article titles someone an ambassador: they live where they serve,
        so receiving them there is no trip."""
        return any(titled == name and title.split()[-1] == "ambassador"
                   for _, title, titled in self.titled)

    def in_sentence(self, n: int) -> list[PersonRef]:
        return list(self.resolved.get(n, ()))


def _country_after(title: str) -> tuple[str, str | None]:
    """ "President of Kenya" is the president of KE; "Minister of Foreign Affairs of Kenya"
    the foreign minister: the office without its country, and the country's words."""
    parts = re.split(r"\s+of\s+", title)
    for k in range(1, len(parts)):
        rest = " ".join(" of ".join(parts[k:]).split())
        rest = re.sub(r"^the\s+", "", rest, flags=re.IGNORECASE)
        if country_of(rest):
            return " of ".join(parts[:k]), rest
    return title, None


# The words before a title that say its holder has left it, or not yet taken it.
_FORMER = re.compile(r"(?i)\b(?:former|ex-|late|then|outgoing|incoming|future|would-be)"
                     r"(?:\s+[A-Z][\w.’']*){0,2}\s*$")

_GUESSES = {"entity", "argument"}


def _without_overlaps(refs: list[PersonRef]) -> list[PersonRef]:
    """One reference per stretch of text, the longest first, except that a statistical
    guess that only adds words before a name the rules found ("Trade Nanaia Mahuta" of
    "Minister of Foreign Affairs and Trade Nanaia Mahuta") gives way to that name."""
    ruled = [r for r in refs if r.how not in _GUESSES]
    refs = [r for r in refs if r.how not in _GUESSES or not any(
        o.end == r.end and o.start > r.start for o in ruled)]
    refs = sorted(refs, key=lambda r: (r.start, -(r.end - r.start)))
    out: list[PersonRef] = []
    for r in refs:
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out
