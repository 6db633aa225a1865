"""Reading a person's name: the registry's names and aliases in a text, a title before a
capitalised name ("Foreign Minister Jane Doe"), and the tests that tell a name from a
place, a title or a headline's capitals.

The article-wide comparison of the names found here is etl.extract.people's; the offices
named by role phrases are etl.extract.role_phrases'.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from etl.extract.lexicon import LEX, phrase_pattern
from etl.extract.registry import country_of, reference_people
from etl.places import country_names, fold, lookup_city

PARTICLES = {"al", "al-", "el", "el-", "bin", "ibn", "de", "van", "von", "der", "da", "di",
              "le", "la", "du", "dos", "das", "del", "ben", "abu", "bint", "ter", "den", "ould"}
_SUFFIXES = {"Jr.", "Jr", "Sr.", "III", "II", "IV"}
# A transliterated initial of two letters stands before a surname, with or without a space
# ("Kh. Battulga", "Ts.Elbegdorj", "Zh. Tokayev"): Mongolian and Russian styles.
_DIGRAPHS = "Kh|Ts|Ch|Sh|Zh|Dz"
_DIGRAPH_INITIAL = rf"(?:{_DIGRAPHS})\.\s?(?=[A-Z])"
# "Kh.Ganbold", "L.Oyun-Erdene": an initial glued to its surname (Mongolian, Russian styles)
GLUED_INITIAL = re.compile(rf"\b({_DIGRAPHS}|[A-Z])\.(?=[A-Z][a-z])")
_NAME_WORD = rf"(?:{_DIGRAPH_INITIAL})?(?:[A-Z][\w'’\-]*[\w]|[A-Z]\.|[A-Z])"
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
    return all(w[0].isupper() or w.lower().rstrip("-") in PARTICLES
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
    # the family name first ("Kishida Fumio"): two words only, since a longer name read
    # backwards is another person ("Faisal Al Saud" is not Saud al-Faisal)
    hit = folded.get("~" + " ".join(sorted(key.split()))) if len(key.split()) == 2 else None
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


def clean_name(raw: str, titled: bool = False) -> tuple[str, int]:
    """A name without titles, possessive or stray words at its ends, and its offset in raw;
    `titled` when a title stood just before raw ("President" of "President To Lam").

    >>> clean_name("President Joe Biden's")
    ('Joe Biden', 10)
    >>> clean_name("To Lam", titled=True), clean_name("To Lam")
    (('To Lam', 0), ('Lam', 3))
    """
    not_name = _not_name()
    words = list(re.finditer(r"\S+", raw))
    while words and ((words[-1].group().rstrip(",.;:") in not_name and not _name_he(
            words, -1)) or not words[-1].group()[0].isalpha()):
        words.pop()
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
    if name.endswith(".") and not re.search(r"\b[A-Z]\.$|(?:Jr|Sr)\.$", name):
        name = name[:-1]
    return name, start


_SUFFIX_AFTER = re.compile(r",?\s+(Jr|Sr)\.?(?![\w-])|,?\s+(II|III|IV)(?![\w-])")


def with_suffix(text: str, end: int, name: str) -> tuple[str, int]:
    """A name with the generational suffix written after it, comma or not ("Ferdinand
    Marcos, Jr." is Ferdinand Marcos Jr.), and where it ends in the text.

    >>> with_suffix("President Ferdinand Marcos, Jr. said", 26, "Ferdinand Marcos")
    ('Ferdinand Marcos Jr.', 31)
    >>> with_suffix("Ramon Cruz Sr. met", 13, "Ramon Cruz Sr")
    ('Ramon Cruz Sr.', 14)
    """
    if re.search(r"\b(?:Jr|Sr)$", name) and text[end:end + 1] == ".":
        return f"{name}.", end + 1  # the name's own cleaning drops the abbreviation's dot
    m = _SUFFIX_AFTER.match(text, end)
    if not m or re.search(r"\b(?:Jr|Sr|II|III|IV)\.?$", name):
        return name, end
    suffix = f"{m.group(1)}." if m.group(1) else m.group(2)
    return f"{name} {suffix}", m.end()


def _name_he(words: list[re.Match], i: int) -> bool:
    """ "Vice Premier Liu He", "Vice Premier He Lifeng", "President To Lam": a small word
    that is also a name (lexicon people.small_word_names) inside a name, beside another
    capitalised word of it, is the name, not the pronoun or the preposition."""
    word = words[i].group().rstrip(",.;:")
    if len(words) < 2 or word not in _SMALL_WORD_NAMES or (word != "He" and i != 0):
        return False  # a Vietnamese family name comes first: "To Lam", not "Trump To"
    other = words[i - 1 if i == -1 else 1].group()
    return other[:1].isupper() and other not in _not_name()


_SMALL_WORD_NAMES = frozenset(w.title() for w in LEX.people.small_word_names)


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
            w == "He" and len(words) >= 2) and not (w in _INNER_TITLES and i < len(words) - 1)
           for i, w in enumerate(words[1:], 1)):
        return False
    if len(name) > 60 or name.isupper() and len(name) <= 5:
        return False
    key = fold(name)
    if key in country_names() or key in LEX.demonyms:
        return False
    if len(words) == 1 and lookup_city(name) is not None:
        return False
    return True


# Titles that also stand inside names, between a given name and a family name: "Hassan
# Sheikh Mohamud", "Sharif Sheikh Ahmed".
_INNER_TITLES = {"Sheikh", "Shaikh", "Sheik"}

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


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen an entity span to whole words: a name is never cut at a hyphen."""
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "“\"(":
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end] not in ",;:”\")":
        end += 1
    # "Ursula von der Leyen", which the NER ends at "der" and labels "Leyen" a place: the
    # particles of a name go on to the capitalised word after them
    m = _PARTICLES_ON.match(text, end)
    last = text[start:end].split()[-1:]
    if m and (m.group("particles") or last and last[0] in PARTICLES):
        end = m.end()
    return start, end


_PARTICLES_ON = re.compile(
    rf"(?P<particles>(?:\s+(?:{'|'.join(sorted(p for p in PARTICLES if p[-1] != '-'))}))*)"
    r"\s+[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?(?![\w-])")


def name_goes_on(text: str, end: int, name: str) -> bool:
    """Whether a one-word alias is the first word of another person's longer name: a
    capitalised name word follows that the registry's name does not have."""
    after = re.match(r"\s+([A-Z][\w'’-]+)", text[end:end + 40])
    if not after:
        return False
    word = after.group(1)
    if word in _not_name() or word.lower() in LEX.people.titles or word in _SUFFIX_WORDS:
        return False
    if fold(word) in fold(name).split() or not plausible_name(f"{text[:end].split()[-1]} {word}"):
        return False
    return True


_SUFFIX_WORDS = {"Jr", "Sr", "II", "III", "IV"}


def full_form(surface: str) -> bool:
    """Whether a name is given in full, not by its surname alone: two words or more, or an
    initial glued to the surname ("Kh.Ganbold", "L.Oyun-Erdene")."""
    return len(GLUED_INITIAL.sub(r"\1. ", surface).split()) >= 2


def _past_the_country(text: str, start: int, end: int) -> int:
    """Where a name begins when the NER ran the country of its title into it: "the
    President of Mongolia Kh.Ganbold" names Kh.Ganbold."""
    first = re.match(r"\S+\s+", text[start:end])
    if first and re.search(r"\bof\s+(?:the\s+)?$", text[max(0, start - 12):start]) and \
            country_of(first.group().strip()):
        return start + first.end()
    return start
