"""Role phrases: "the top US diplomat", "Britain's foreign secretary", "his counterpart",
"the leaders of France and Germany", "the president". Each is resolved to whoever held the
office on the story's date (etl.extract.people.ArticlePeople.office_holder), so a sentence
that names nobody by name still names its people.
"""

from __future__ import annotations

import re

from etl.extract.people import ArticlePeople, PersonRef
from etl.extract.person_names import plausible_name
from etl.extract.registry import country_of, title_group
from etl.places import fold

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


# What may stand between a plural office and the names set after it: a comma and a title.
_APPOSED = re.compile(r"\s*,\s*(?:[A-Z][\w.'’-]*\s+){0,4}")


def role_people(text: str, taken: list[PersonRef], people: ArticlePeople, n: int,
                subject: str | None) -> list[PersonRef]:
    """Office-holders a sentence names by role: one per country of a plural phrase."""
    out: list[PersonRef] = []

    def free(start: int, end: int) -> bool:
        return not any(r.start < end and start < r.end for r in taken + out)

    for m in PLURAL_ROLE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if any(r.start >= m.end() and _APPOSED.fullmatch(text, m.end(), r.start)
               for r in taken):
            continue  # "the foreign ministers of A and B, X and Y,": the text names them
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
