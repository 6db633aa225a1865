"""People in an article: reference names, titled and recognised names, and role phrases.

A person is found four ways: a name or alias of the curated registry; a title before a
capitalised name ("Foreign Minister Jane Doe"); a PERSON entity of the statistical parser;
a role phrase ("Kenya's foreign minister", "his Ukrainian counterpart") resolved to whoever
held the office on the story's date. A name the registry does not know takes the longest
full form the article gives it, and a later surname refers back to that form; a surname
two people of the article share refers to the one named last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache

from etl.extract.lexicon import LEX, phrase_pattern
from etl.extract.registry import (
    country_of,
    holder,
    observed_holder,
    office_of,
    reference_people,
    title_group,
)
from etl.places import country_names, fold, lookup_city


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


_PARTICLES = {"al", "al-", "el", "el-", "bin", "ibn", "de", "van", "von", "der", "da", "di",
              "le", "la", "du", "dos", "das", "del", "ben", "abu", "bint", "ter", "den", "ould"}
_SUFFIXES = {"Jr.", "Jr", "Sr.", "III", "II", "IV"}
_NAME_WORD = r"(?:[A-Z][\w'’\-]*[\w]|[A-Z]\.|[A-Z])"
# Lower-case particles inside a name, hyphenated or not ("el-Sisi", "el Sisi", "bin Salman").
_CONNECT = (r"(?:\s+(?:(?:al|el|ad|as|ash)[-\s]|(?:bin|ibn|bint|abu|ould|de|van|von|der|den"
            r"|ter|da|di|le|la|du|dos|das|del|dem)\s(?:(?:de|der|den|la|los|las)\s)?))?")


@cache
def _not_name() -> frozenset[str]:
    """Capitalised words that never begin or continue a name, as written in the lexicon."""
    return frozenset(LEX.raw["people"]["not_name"])


@cache
def _country_alternation() -> str:
    """Country names as a title's "of" phrase writes them: "President of China Xi Jinping",
    "Prime Minister of Japan Fumio Kishida"."""
    from etl.places import country_names

    names = {n for n in country_names() if n and n[0].isalpha() and len(n) > 3}
    words = sorted((" ".join(w.capitalize() if w not in ("of", "and", "the") else w
                             for w in n.split()) for n in names), key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


@cache
def _titled_re() -> re.Pattern:
    titles = phrase_pattern(LEX.people.titles).pattern
    titles = titles.removeprefix(r"(?<![\w-])(?:").removesuffix(r")(?![\w-])")
    name = rf"{_NAME_WORD}(?:{_CONNECT}\s*{_NAME_WORD}){{0,3}}(?:\s+(?:Jr\.|III|II|IV))?"
    ends = "|".join(re.escape(w) for w in LEX.raw["people"]["portfolio_ends"])
    portfolio = (rf"(?:\s+(?:for|of)\s+(?:the\s+)?(?:[A-Z][\w-]+\s+(?:(?:and|&)\s+)?){{0,4}}?"
                 rf"(?:{ends})|\s+of\s+(?:the\s+)?(?:{_country_alternation()}))?")
    # Titles in any case ("President", "president"), names only capitalised.
    return re.compile(rf"(?<![\w-])(?P<title>(?i:{titles}){portfolio})\s+(?P<name>{name})")


def titled_surnames(text: str) -> frozenset[str]:
    """The last words of the names an article gives with a title ("Prime Minister Feleti
    Teo" gives "Teo"): a later sentence that names only the surname is about someone, even
    when the surname is also a town somewhere."""
    out = set()
    for m in _titled_re().finditer(text):
        name, _ = clean_name(m.group("name"))
        words = name.split()
        if len(words) >= 2 and plausible_name(name):
            out.add(words[-1])
    return frozenset(out)


def _name_capitals(name: str) -> bool:
    return all(w[0].isupper() or w.lower().rstrip("-") in _PARTICLES
               or _JOINED_PARTICLE.match(w) for w in name.split())


# A particle joined to the capitalised word it belongs to: "al-Sisi", "el-Materi".
_JOINED_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|an|ar|at|az|ul|ud)-[A-Z]")


@cache
def _alias_table() -> tuple[re.Pattern | None, dict[str, tuple[str, str]]]:
    """One regex of all registry names and aliases, longest first, with what each means."""
    table: dict[str, tuple[str, str]] = {}
    for name, aliases in reference_people().items():
        table[name] = (name, "reference")
        for alias in aliases:
            how = "surname" if " " not in alias and "." not in alias else "reference"
            table.setdefault(alias, (name, how))
    if not table:
        return None, table
    ordered = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in ordered)
                         + r")(?![\w-])")
    return pattern, table


def _spelling_key(name: str) -> str:
    """A name folded for lookup, a hyphen as a space: "el Sisi" is "el-Sisi"."""
    return " ".join(fold(name).replace("-", " ").split())


@cache
def _folded_reference() -> dict[str, str]:
    """Folded full name or alias -> canonical, and sorted-word keys for reversed names."""
    out: dict[str, str] = {}
    for name, aliases in reference_people().items():
        for form in (name, *aliases):
            if " " in form or "." in form:
                out.setdefault(_spelling_key(form), name)
                out.setdefault("~" + " ".join(sorted(_spelling_key(form).split())), name)
    return out


@lru_cache(maxsize=8192)
def alias_hits(text: str) -> tuple[tuple[int, int, str, str, str], ...]:
    """(start, end, surface, canonical, how) of every registry name or alias in a text,
    computed once per sentence for both the finders and the NER gate."""
    pattern, table = _alias_table()
    if pattern is None:
        return ()
    return tuple((m.start(), m.end(), m.group(0), *table[m.group(0)])
                 for m in pattern.finditer(text))


def known_name(name: str) -> str | None:
    """The registry's canonical form of a full name, if it knows one.

    Accents, case and word order are folded ("Kishida Fumio" is Fumio Kishida), and a name
    that gives the first words of a longer registry name ("Abdel Fattah") is that person.
    """
    key = _spelling_key(name)
    folded = _folded_reference()
    if key in folded:
        return folded[key]
    hit = folded.get("~" + " ".join(sorted(key.split())))
    if hit:
        return hit
    words = key.split()
    if len(words) >= 2:
        longer = [full for full in reference_people()
                  if len(_spelling_key(full).split()) > len(words)
                  and _spelling_key(full).split()[:len(words)] == words]
        if len(longer) == 1:
            return longer[0]  # one registry name begins so; two ("Abdel Fattah") is no answer
    return None


def clean_name(raw: str) -> tuple[str, int]:
    """A name without titles, possessive or stray words at its ends, and its offset in raw.

    >>> clean_name("President Joe Biden's")
    ('Joe Biden', 10)
    """
    not_name = _not_name()
    words = list(re.finditer(r"\S+", raw))
    while words and ((words[-1].group().rstrip(",.;:") in not_name and not _name_he(
            words, -1)) or not words[-1].group()[0].isalpha()):
        words.pop()
    titled = False
    while words and not (titled and _name_he(words, 0)) and (
                     words[0].group() in not_name or words[0].group().lower() in
                     LEX.people.titles or not words[0].group()[0].isupper()
                     or (len(words) > 2 and _country_word(words[0].group()))
                     or (len(words) > 2 and " ".join(w.group() for w in words[:2]).lower() in
                         LEX.people.titles)):
        if len(words) > 2 and " ".join(w.group() for w in words[:2]).lower() in \
                LEX.people.titles:
            words.pop(0)  # "First Lady Olena Zelenska": both words of the title go
        titled = titled or words[0].group().lower() in LEX.people.titles
        words.pop(0)
    if not words:
        return "", 0
    start, end = words[0].start(), words[-1].end()
    name = raw[start:end]
    name = re.sub(r"(?:'s|’s|'|’)$", "", name).rstrip(",.;:)”\"")
    if name.endswith(".") and not re.search(r"\b[A-Z]\.$|Jr\.$", name):
        name = name[:-1]
    return name, start


def _name_he(words: list[re.Match], i: int) -> bool:
    """ "Vice Premier Liu He", "Vice Premier He Lifeng": "He" inside a name, beside another
    capitalised word of it, is the Chinese name, not the pronoun."""
    if len(words) < 2 or words[i].group().rstrip(",.;:") != "He":
        return False
    other = words[i - 1 if i == -1 else 1].group()
    return other[:1].isupper() and other not in _not_name()


def _country_word(word: str) -> bool:
    key = fold(word.rstrip(",.;:"))
    return key in country_names() or key in LEX.demonyms


def plausible_name(name: str) -> bool:
    """Whether a string can be a person's name: capitalised words, no digits, not a place."""
    words = name.split()
    if not 1 <= len(words) <= 5 or re.search(r"\d|[@#/\\|=<>{}\[\]]", name):
        return False
    if not _name_capitals(name) or all(w in _not_name() for w in words):
        return False
    if any(w in _not_name() and w not in ("Lady", "Lord", "Sir") and not (
            w == "He" and len(words) >= 2) for w in words[1:]):
        return False
    if len(name) > 60 or name.isupper() and len(name) <= 5:
        return False
    key = fold(name)
    if key in country_names() or key in LEX.demonyms:
        return False
    if len(words) == 1 and lookup_city(name) is not None:
        return False
    return True


@dataclass
class _Raw:
    """A name as found before the article's names are compared."""

    sentence: int
    start: int
    end: int
    surface: str
    how: str
    canonical: str | None = None  # set for registry hits


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
    resolved: dict[int, list[PersonRef]] = field(default_factory=dict)
    anchors: dict[int, date | None] = field(default_factory=dict)  # sentence -> its day
    # (office, country, title, sentence) of role phrases nobody is known to hold
    gaps: list[tuple[str, str, str | None, int]] = field(default_factory=list)
    # (sentence, folded title, name) of every "President X" the article writes
    titled: list[tuple[int, str, str]] = field(default_factory=list)

    # -- pass 1: what each sentence names -------------------------------------------------

    def add_sentence(self, n: int, text: str, doc=None) -> None:
        found: list[_Raw] = []
        headline = _title_case(text)
        for start, end, surface, name, how in alias_hits(text):
            if how == "surname" and self._other_given_name(text, start, name):
                continue  # "Hunter Biden" is not Joe Biden
            found.append(_Raw(n, start, end, surface, how, name))
        for m in _titled_re().finditer(text):
            name, offset = clean_name(m.group("name"))
            if not name or not plausible_name(name) or headline:
                continue
            start = m.start("name") + offset
            found.append(_Raw(n, start, start + len(name), name, "titled"))
            self._observe(n, text, m.start("title"), m.group("title"), name)
            self.titled.append((n, " ".join(fold(m.group("title")).split()), name))
        if doc is not None and not headline:
            for ent in doc.ents:
                if ent.label_ != "PERSON":
                    continue
                start, end = _whole_words(text, ent.start_char, ent.end_char)
                name, offset = clean_name(text[start:end])
                if name and plausible_name(name):
                    found.append(_Raw(n, start + offset, start + offset + len(name), name,
                                      "entity"))
        if doc is not None and not headline and doc.has_annotation("ENT_IOB"):
            # only where the NER ran: elsewhere every capitalised word is a known one
            found += _argument_names(n, text, doc)
        for pattern in (_APPOSITION_BEFORE, _APPOSITION):
            for m in pattern.finditer(text):
                name, offset = clean_name(m.group("name"))
                if not (name and plausible_name(name) and len(name.split()) >= 2) or headline:
                    continue
                self._observe(n, text, m.start("title"), m.group("title"), name,
                              country_word=m.group("country"))
                # a name an office is given to is a person, parsed or not: its surname
                # then refers back to it in the sentences that are
                start = m.start("name") + offset
                if not any(r.start <= start < r.end for r in found):
                    found.append(_Raw(n, start, start + len(name), name, "titled"))
        self.raw[n] = found
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
        office = title_group(title)
        if office is None or office not in ("foreign", "leader") and len(office) > 40:
            return
        if country_word is None:
            before = re.search(r"((?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.’']*)\s+(?:(?:new|top)\s+)?$",
                               text[max(0, title_start - 40):title_start])
            country_word = before.group(1) if before else None
        country = country_of(country_word) if country_word else None
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
                if len(r.surface.split()) >= 2:
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
        for n in sorted(self.raw):
            for r in self.raw[n]:
                name = r.canonical or (longest.get(fold(r.surface)) if len(
                    r.surface.split()) >= 2 else None)
                if name and (r.how != "surname" or r.canonical):
                    self._index(n, name)
        self.observations = [RoleObservation(self._full(o.name), o.office, o.country,
                                             o.sentence, o.evidence, o.title)
                             for o in self.observations]
        self.titled = [(n, title, self._full(name)) for n, title, name in self.titled]
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

    def surname_holder(self, surname: str, n: int) -> str | None:
        """The person of the article a bare surname means in sentence `n`."""
        entries = self.by_surname.get(fold(surname))
        if not entries:
            return None
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
            elif len(r.surface.split()) >= 2:
                name = self.canonical.get(fold(r.surface), r.surface)
                refs.append(PersonRef(name, r.start, r.end, r.how,
                                      known=name in reference_people()))
            else:
                name = self.surname_holder(r.surface, n)
                if name:
                    refs.append(PersonRef(name, r.start, r.end, "surname",
                                          known=name in reference_people()))
        # Surnames the article gave in full elsewhere, where no finder saw a name.
        for surname in self.by_surname:
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text,
                                 re.IGNORECASE):
                if not text[m.start()].isupper() or any(
                        r.start <= m.start() < r.end for r in refs):
                    continue
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
        the registry on the story's date first, then what the article itself says."""
        name = holder(office, country, self.anchors.get(n, self.when), title)
        if name:
            return name, "registry"
        said = [o for o in self.observations if o.office == office and o.country == country
                and (title is None or o.title in (None, "leader", "head of state")
                     or fold(o.title) == fold(title)
                     or fold(title) not in ("president", "prime minister", "premier"))]
        if said:
            before = [o for o in said if o.sentence <= n]
            return (before[-1] if before else said[0]).name, "observed"
        when = self.anchors.get(n, self.when)
        learned = observed_holder(office, country, when, title)
        if learned:
            return learned, "learned"  # another article said who holds it
        self.gaps.append((office, country, title, n))
        return None, "none"

    def office_of(self, name: str) -> tuple[str, str] | None:
        """(office, country) the article or the registry gives a person."""
        for o in self.observations:
            if o.name == name:
                return o.office, o.country
        return office_of(name, self.when)

    def home_of(self, name: str) -> str | None:
        """The country a person serves, as the article or the registry says."""
        from etl.extract.registry import home_country

        home = home_country(name, self.when)
        if home:
            return home
        for o in self.observations:
            if o.name == name and len(o.country) == 2:
                return o.country
        return None

    def in_sentence(self, n: int) -> list[PersonRef]:
        return list(self.resolved.get(n, ()))


# "Mudavadi, the Kenyan foreign minister," / "Name, Kenya's top diplomat": an office given
# after the name.
_APPOSITION = re.compile(
    r"(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+),\s+(?:the\s+|who\s+is\s+(?:the\s+)?)?"
    r"(?P<country>U\.S\.|US|UK|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:'s|’s)?)\s+(?:new\s+|top\s+)?"
    r"(?P<title>[Ff]oreign\s+[Mm]inister|[Ff]oreign\s+[Ss]ecretary|[Pp]resident|"
    r"[Pp]rime\s+[Mm]inister|[Tt]op\s+[Dd]iplomat|[Cc]hancellor|[Ss]ecretary\s+of\s+[Ss]tate)"
    r"(?=\s*(?:,|\.|;|$|\s+(?:said|says|told|who|has|had|is|was|will)\b))")


# "Ghana's foreign minister, Samuel Okudzeto Ablakwa," / "the Kenyan leader, Jane Doe,": an
# office given before the name, set off by commas.
_APPOSITION_BEFORE = re.compile(
    r"(?P<country>U\.S\.|US|UK|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:'s|’s)?)\s+(?:new\s+|top\s+)?"
    r"(?P<title>[Ff]oreign\s+[Mm]inister|[Ff]oreign\s+[Ss]ecretary|[Pp]resident|[Ll]eader|"
    r"[Pp]rime\s+[Mm]inister|[Tt]op\s+[Dd]iplomat|[Cc]hancellor|[Ss]ecretary\s+of\s+[Ss]tate)"
    r",\s+(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)\s*,")


_FUNCTION_WORDS = {"and", "or", "to", "of", "in", "for", "with", "on", "at", "by", "from", "as",
                   "the", "a", "an", "is", "are", "set", "over", "after", "into", "amid"}


_HEADLINE_VERBS = {"meets", "visits", "says", "holds", "arrives", "heads", "calls", "urges",
                   "warns", "pledges", "vows", "backs", "talks", "sets", "plans", "seeks",
                   "leaves", "travels", "hosts", "signs", "wants", "tells", "makes", "hails"}


def _title_case(text: str) -> bool:
    """A headline written In Title Case ("Lammy And Blinken Set To Visit Ukraine"): its
    capitals say nothing about names. Told by its small words, which prose never
    capitalises inside a sentence."""
    words = re.findall(r"[A-Za-z][A-Za-z']*", text)[1:]
    small = [w for w in words if w.lower() in _FUNCTION_WORDS]
    if len(small) >= 2 and sum(w[0].isupper() for w in small) >= 0.67 * len(small):
        return True
    long = [w for w in words if len(w) >= 4]
    lower = [w for w in words if len(w) >= 3 and w[0].islower() and w not in _FUNCTION_WORDS]
    if 3 <= len(long) <= 10 and all(w[0].isupper() for w in long) and not lower:
        return True  # "Kenyan President Jane Doe met ..." is prose: its verb is lowercase
    # "Blinken Meets Egypt, Jordan Leaders in Push to Shore Up Cease-Fire": nearly every
    # longer word capitalised, verbs too
    if len(small) >= 2 and not any(w[0].isupper() for w in small):
        return False  # "... hosted Chilean President Jane Doe for talks on Monday"
    return len(long) >= 5 and sum(w[0].isupper() for w in long) >= 0.8 * len(long) and any(
        w.lower() in _HEADLINE_VERBS and w[0].isupper() for w in long)


def _without_initials(name: str) -> str:
    """A name as outlets write it, without middle initials: "Antony J. Blinken" is "Antony
    Blinken" (a first initial stays: "S. Jaishankar")."""
    words = name.split()
    if len(words) >= 3:
        words = [words[0]] + [w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.?", w)] + [
            words[-1]]
    return " ".join(words)


def _surname_words(name: str) -> list[str]:
    """Folded words of a name without generational suffixes: "Benigno Aquino III" ends in
    "aquino"."""
    words = fold(name).split()
    while len(words) > 1 and words[-1] in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    return words


ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative"}
NOT_PERSON_LABELS = {"ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART",
                     "LAW", "DATE", "TIME", "MONEY", "LANGUAGE"}


def _argument_names(n: int, text: str, doc) -> list[_Raw]:
    """Names the statistical NER missed: a run of two or more capitalised proper nouns that
    is the subject or object of a verb ("the leader of China Xi Jinping", "Musalia Mudavadi
    met ..."), is no place the gazetteer knows and no organisation the NER saw."""
    out = []
    for token in doc:
        if token.pos_ != "PROPN" or token.dep_ not in ARGUMENT_DEPS:
            continue
        words = [c for c in token.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
        if not words or any(c.i != token.i - len(words) + k for k, c in enumerate(words)):
            continue
        start, end = words[0].idx, token.idx + len(token.text)
        if any(e.label_ in NOT_PERSON_LABELS and e.start_char < end and start < e.end_char
               for e in doc.ents):
            continue
        name, offset = clean_name(text[start:end])
        if len(name.split()) < 2 or not plausible_name(name):
            continue
        if any(lookup_city(w) or fold(w) in country_names() for w in name.split()):
            continue
        if any(p.start < end and start < p.end for p in places_in(text)):
            continue  # "Tel Aviv", "United Arab Emirates"
        out.append(_Raw(n, start + offset, start + offset + len(name), name, "entity"))
    return out


def places_in(text: str) -> tuple:
    from etl.extract.geo import places_of

    return places_of(text)


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen an entity span to whole words: a name is never cut at a hyphen."""
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "“\"(":
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end] not in ",;:”\")":
        end += 1
    return start, end


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


# -- role phrases: "the top US diplomat", "Britain's foreign secretary", "his counterpart" --

ROLE_RE = re.compile(
    r"\b(?:(?P<poss>his|her|their)\s+)?(?:the\s+)?(?P<top>[Tt]op\s+)?"
    r"(?:(?:new|then|current|incoming|former)\s+)?"
    r"(?P<country>U\.S\.|US|UK|U\.K\.|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:'s|’s)?)\s+"
    r"(?:(?:new|top|then)\s+)?(?P<title>[Ss]ecretary\s+of\s+[Ss]tate|[Ff]oreign\s+[Mm]inister|"
    r"[Ff]oreign\s+[Ss]ecretary|FM|[Tt]op\s+[Dd]iplomat|[Dd]iplomat|[Cc]hief\s+[Dd]iplomat|"
    r"[Pp]resident|[Pp]rime\s+[Mm]inister|[Pp]remier|[Cc]hancellor|[Ll]eader|[Kk]ing|[Ee]mir|"
    r"[Cc]ounterparts?)\b(?!\s+(?:for|of)\b)"
)
# "the president", "the Prime Minister": an office without a country, which the article has
# given one person by name before.
BARE_ROLE_RE = re.compile(
    r"\b[Tt]he\s+(?:(?:new|current|incoming)\s+)?(?P<title>(?i:president|prime\s+minister|"
    r"premier|chancellor|king|queen|emir|crown\s+prince|foreign\s+minister|foreign\s+secretary|"
    r"secretary\s+of\s+state|vice\s+president|first\s+lady))\b"
    r"(?!\s+(?:of|for)\b)(?!-)(?!\s+[A-Z])"
)
_PLURAL_TITLES = (r"(?P<title>leaders|presidents|prime\s+ministers|foreign\s+ministers|"
                  r"heads\s+of\s+state|chancellors|top\s+diplomats|counterparts)")
_NATION = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
_NATIONS = rf"{_NATION}(?:,?\s+{_NATION}){{0,7}},?\s+and\s+{_NATION}"
PLURAL_ROLE_RE = re.compile(
    rf"\b(?:the\s+)?{_PLURAL_TITLES}\s+of\s+(?P<list>{_NATIONS})"
    rf"|\b(?:the\s+|(?:his|her|their)\s+)(?P<list2>{_NATIONS})\s+"
    r"(?P<title2>leaders|presidents|prime\s+ministers|foreign\s+ministers|counterparts)\b"
)


def role_people(text: str, taken: list[PersonRef], people: ArticlePeople, n: int,
                subject: str | None) -> list[PersonRef]:
    """Office-holders a sentence names by role: one per country of a plural phrase."""
    out: list[PersonRef] = []

    def free(start: int, end: int) -> bool:
        return not any(r.start < end and start < r.end for r in taken + out)

    for m in PLURAL_ROLE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        title = fold(m.group("title") or m.group("title2"))
        office = _plural_office(title, subject, people)
        if office is None:
            continue
        key = "list" if m.group("list") else "list2"
        for nation in re.finditer(_NATION, m.group(key)):
            iso = country_of(nation.group())
            if not iso:
                continue
            name, how = people.office_holder(office, iso, n)
            if name and name != subject:
                start = m.start(key) + nation.start()
                out.append(PersonRef(name, start, start + len(nation.group()), "role"))
    for m in BARE_ROLE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        name = people.titled_holder(" ".join(fold(m.group("title")).split()), n, subject)
        if name:
            out.append(PersonRef(name, m.start(), m.end(), "role"))
    for m in ROLE_RE.finditer(text):
        if not free(m.start("title"), m.end("title")) or not free(m.start(), m.end()):
            continue
        after = re.match(r"\s*,?\s*((?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+)", text[m.end():])
        if after and (any(r.start >= m.end() and r.start - m.end() <= 3 for r in taken) or (
                len(after.group(1).split()) >= 2 and plausible_name(after.group(1))
                and not m.group(0).rstrip().endswith(","))):
            # "French President Emmanuel Macron": the title of the name after it, found or
            # not; the office holder the registry knows may not be the one the text names
            continue
        if re.search(r",\s*$", text[:m.start()]) and re.match(
                r"\s*(?:[,;)]|[.]?$)", text[m.end():]) and any(
                r.end <= m.start() and m.start() - r.end <= 3 for r in taken):
            # "Jane Doe, the Chilean president,": the name's own office, not a second person
            continue
        iso = country_of(m.group("country"))
        if iso is None:
            continue
        title = fold(m.group("title"))
        if title.startswith("counterpart"):
            if not subject or (m.group("poss") or "").lower() == "their":
                continue
            own = people.office_of(subject)
            office = own[0] if own else None
        elif title == "diplomat":
            office = "foreign" if m.group("top") else None
        else:
            office = title_group(title)
        if office is None:
            continue
        name, how = people.office_holder(office, iso, n, None if title in (
            "leader", "top diplomat", "diplomat", "chief diplomat", "fm") else title)
        counterpart = title.startswith("counterpart")
        if name and (name != subject or not counterpart):
            out.append(PersonRef(name, m.start(), m.end(), "counterpart" if counterpart
                                 else "role"))
    return out


def _plural_office(title: str, subject: str | None, people: ArticlePeople) -> str | None:
    if "counterpart" in title:
        own = people.office_of(subject) if subject else None
        return own[0] if own else None
    if "foreign" in title or "diplomat" in title:
        return "foreign"
    return "leader"
