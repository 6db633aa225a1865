"""People in a sentence: reference names and aliases, titled unknowns, and role phrases.

"the top US diplomat" or "Britain's foreign secretary" resolve through data/reference/
roles.csv to whoever held the role on the article's date; "Foreign Minister Jane Doe"
names a person the reference does not know, who is kept under the name as written.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from etl.places import fold, lookup_country
from etl.settings import REFERENCE_DIR


@dataclass(frozen=True)
class PersonRef:
    """A person mentioned at [start, end) of a sentence; `how` says how it was recognised."""

    name: str
    start: int
    end: int
    how: str  # name | alias | surname | titled | role | counterpart


@dataclass(frozen=True)
class Role:
    name: str
    title: str
    country: str
    start: date | None
    end: date | None


# Titles folded into groups, so "top diplomat", "foreign secretary" and "Secretary of State"
# find the same office in each country.
TITLE_GROUPS = {
    "secretary of state": "foreign", "foreign minister": "foreign", "foreign secretary": "foreign",
    "fm": "foreign", "top diplomat": "foreign", "chief diplomat": "foreign",
    "foreign affairs minister": "foreign", "minister of foreign affairs": "foreign",
    "president": "leader", "prime minister": "leader", "premier": "leader",
    "chancellor": "leader", "king": "leader", "leader": "leader", "supreme leader": "leader",
    "head of state": "leader", "pm": "leader",
}
ROLE_TITLE_GROUPS = {
    "Secretary of State": "foreign", "Foreign Minister": "foreign", "Foreign Secretary": "foreign",
    "President": "leader", "Prime Minister": "leader", "Chancellor": "leader", "King": "leader",
    "Supreme Leader": "leader",
}
# The head of government is who "leader" means where both a president and a PM exist.
LEADER_PREFERENCE = {"GB": "Prime Minister", "DE": "Chancellor", "IT": "Prime Minister",
                     "JP": "Prime Minister", "IN": "Prime Minister", "IL": "Prime Minister",
                     "HU": "Prime Minister", "NP": "Prime Minister", "CA": "Prime Minister",
                     "NL": "Prime Minister", "JO": "King", "SA": "King"}

DEMONYMS = {
    "us": "US", "u.s.": "US", "american": "US", "united states": "US", "washington's": "US",
    "british": "GB", "uk": "GB", "u.k.": "GB", "britain's": "GB", "britain": "GB",
    "russian": "RU", "russia's": "RU", "russia": "RU", "moscow's": "RU",
    "ukrainian": "UA", "ukraine's": "UA", "ukraine": "UA", "kyiv's": "UA",
    "french": "FR", "france's": "FR", "german": "DE", "germany's": "DE", "italian": "IT",
    "italy's": "IT", "chinese": "CN", "china's": "CN", "beijing's": "CN", "indian": "IN",
    "india's": "IN", "japanese": "JP", "japan's": "JP", "south korean": "KR",
    "north korean": "KP", "turkish": "TR", "turkey's": "TR", "israeli": "IL", "israel's": "IL",
    "palestinian": "PS", "jordanian": "JO", "jordan's": "JO", "egyptian": "EG", "egypt's": "EG",
    "saudi": "SA", "iranian": "IR", "iran's": "IR", "polish": "PL", "poland's": "PL",
    "hungarian": "HU", "romanian": "RO", "moldovan": "MD", "belarusian": "BY",
    "philippine": "PH", "filipino": "PH", "nepalese": "NP", "nepali": "NP", "kenyan": "KE",
    "venezuelan": "VE", "canadian": "CA", "australian": "AU", "dutch": "NL",
    "spanish": "ES", "qatari": "QA", "emirati": "AE", "syrian": "SY", "afghan": "AF",
    "pakistani": "PK", "brazilian": "BR", "mexican": "MX", "sri lankan": "LK",
    "argentine": "AR", "argentinian": "AR", "colombian": "CO", "chilean": "CL",
    "peruvian": "PE", "cuban": "CU", "nigerian": "NG", "south african": "ZA",
    "ethiopian": "ET", "moroccan": "MA", "algerian": "DZ", "tunisian": "TN", "libyan": "LY",
    "sudanese": "SD", "rwandan": "RW", "ugandan": "UG", "congolese": "CD", "ghanaian": "GH",
    "senegalese": "SN", "bangladeshi": "BD", "indonesian": "ID", "malaysian": "MY",
    "thai": "TH", "vietnamese": "VN", "singaporean": "SG", "cambodian": "KH",
    "burmese": "MM", "mongolian": "MN", "kazakh": "KZ", "uzbek": "UZ", "azerbaijani": "AZ",
    "armenian": "AM", "georgian": "GE", "greek": "GR", "serbian": "RS", "albanian": "AL",
    "croatian": "HR", "bulgarian": "BG", "czech": "CZ", "slovak": "SK", "austrian": "AT",
    "swiss": "CH", "swedish": "SE", "norwegian": "NO", "danish": "DK", "finnish": "FI",
    "estonian": "EE", "latvian": "LV", "lithuanian": "LT", "irish": "IE",
    "portuguese": "PT", "belgian": "BE", "lebanese": "LB", "iraqi": "IQ", "kuwaiti": "KW",
    "omani": "OM", "yemeni": "YE", "bahraini": "BH", "taiwanese": "TW",
    "new zealand": "NZ", "macedonian": "MK", "north macedonian": "MK", "salvadoran": "SV",
    "guatemalan": "GT", "panamanian": "PA", "dominican": "DO", "costa rican": "CR",
    "honduran": "HN", "nicaraguan": "NI", "haitian": "HT", "jamaican": "JM",
    "eritrean": "ER", "somali": "SO", "zimbabwean": "ZW", "nigerien": "NE", "malian": "ML",
}

_NAME_TOKEN = (r"(?:[A-Z][a-zà-ÿ'’\-]+(?:-[A-Z][a-zà-ÿ'’]+)?|[A-Z]\.|Mc[A-Z][a-z]+|"
               r"O'[A-Z][a-z]+|O’[A-Z][a-z]+)")
_PARTICLE = r"(?:al-|el-|bin\s|ibn\s|de\s|van\s|von\s|der\s|da\s|di\s|le\s|la\s)"
TITLES_BEFORE_NAME = (
    r"President|Prime\s+Minister|Premier|Chancellor|Foreign\s+Minister|Foreign\s+Secretary|"
    r"Secretary\s+of\s+State|Deputy\s+Foreign\s+Minister|Defen[cs]e\s+Minister|"
    r"Defen[cs]e\s+Secretary|Finance\s+Minister|Finance\s+Secretary|Minister|Secretary|"
    r"Vice\s+President|King|Queen|Emir|Crown\s+Prince|Sheikh|Pope|Ambassador|Envoy|Senator|"
    r"Sen\.|Governor|Gov\.|General|Gen\.|Administrator|Commissioner|Secretary-General|"
    r"Secretary\s+General|Chairman|Chairwoman|Director|Mayor|Speaker|Chief|Spokesman|"
    r"Spokeswoman|Undersecretary|Under-Secretary|Coordinator|"
    r"president|prime\s+minister|premier|chancellor|foreign\s+minister|foreign\s+secretary|"
    r"deputy\s+foreign\s+minister|minister|secretary|spokesman|spokeswoman|envoy|"
    r"ambassador|counterpart|leader|governor|administrator|coordinator|chief|director|"
    r"emergency\s+relief\s+coordinator|secretary-general|secretary\s+general"
)
TITLED_RE = re.compile(
    rf"\b(?P<title>{TITLES_BEFORE_NAME})\s+(?P<name>(?:{_NAME_TOKEN}\s+(?:{_PARTICLE})?)"
    rf"{{1,3}}{_NAME_TOKEN}(?:\s+(?:Jr\.|III|II|IV))?)"
)
# Words that start with a capital but do not begin or continue a person's name.
NOT_NAME = {
    "The", "A", "An", "In", "On", "At", "And", "Of", "For", "With", "To", "From", "His",
    "Her", "Their", "This", "That", "But", "As", "After", "Before", "During", "When",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "State", "Foreign", "Minister", "Secretary",
    "President", "Prime", "General", "Office", "Ministry", "Department", "House", "White",
    "Senate", "Congress", "Parliament", "Council", "Union", "Nations", "United", "Kingdom",
    "States", "Republic", "Affairs", "Defense", "Defence", "Security", "National", "NATO",
    "UN", "EU", "US", "U.S.", "UK", "IMF", "OSCE", "G20", "G7", "Party", "Government",
    "Administration", "Army", "Forces", "Health", "Development", "International", "Agency",
    "Organization", "Organisation", "Commission", "European", "Bank", "Fund", "World",
    "He", "She", "They", "It", "We", "I", "Mr", "Mrs", "Ms", "Dr", "Sir", "Lady", "Lord",
}

ROLE_RE = re.compile(
    r"\b(?:(?P<poss>his|her|their)\s+)?(?:the\s+)?(?P<top>[Tt]op\s+)?"
    r"(?P<country>U\.S\.|US|UK|U\.K\.|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:'s|’s)?)\s+"
    r"(?:top\s+)?(?P<title>[Ss]ecretary\s+of\s+[Ss]tate|[Ff]oreign\s+[Mm]inister|"
    r"[Ff]oreign\s+[Ss]ecretary|FM|[Tt]op\s+[Dd]iplomat|[Dd]iplomat|[Cc]hief\s+[Dd]iplomat|"
    r"[Pp]resident|[Pp]rime\s+[Mm]inister|[Pp]remier|[Cc]hancellor|[Ll]eader|[Kk]ing|"
    r"[Cc]ounterparts?)\b(?!\s+(?:for|of)\b)"
)


_PLURAL_TITLES = (r"(?P<title>leaders|presidents|prime\s+ministers|foreign\s+ministers|"
                  r"heads\s+of\s+state|chancellors|top\s+diplomats)")
_NATION = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
PLURAL_ROLE_RE = re.compile(
    rf"\b(?:the\s+)?{_PLURAL_TITLES}\s+of\s+(?P<a>{_NATION}),?\s+(?:(?P<b>{_NATION}),?\s+)?"
    rf"and\s+(?P<c>{_NATION})"
    rf"|\bthe\s+(?P<a2>{_NATION}),?\s+(?:(?P<b2>{_NATION}),?\s+)?and\s+(?P<c2>{_NATION})\s+"
    rf"(?P<title2>leaders|presidents|prime\s+ministers|foreign\s+ministers)\b"
)


def country_of(word: str) -> str | None:
    """ISO2 for a nationality or country word as a title phrase uses it ("Russian", "Britain's").

    >>> country_of("Britain’s"), country_of("South Korean"), country_of("Ruritanian")
    ('GB', 'KR', None)
    """
    word = word.lower().replace("’", "'")
    return DEMONYMS.get(word) or lookup_country(re.sub(r"'s$", "", word))


@cache
def reference_people() -> dict[str, list[str]]:
    """Canonical name -> aliases, from data/reference/people.csv."""
    out: dict[str, list[str]] = {}
    path = REFERENCE_DIR / "people.csv"
    if not path.exists():
        return out
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            aliases = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
            out[row["name"].strip()] = aliases
    return out


@cache
def reference_roles() -> list[Role]:
    """Every dated role in data/reference/roles.csv."""
    out: list[Role] = []
    path = REFERENCE_DIR / "roles.csv"
    if not path.exists():
        return out

    def day(text: str) -> date | None:
        return date.fromisoformat(text) if text else None

    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.append(Role(row["name"], row["title"], row["country"].upper(),
                            day(row["start"]), day(row["end"])))
    return out


def roles_on(name: str, when: date | None) -> list[Role]:
    """The roles `name` held on `when` (all roles when the date is unknown)."""
    out = []
    for role in reference_roles():
        if role.name != name:
            continue
        if when is None or ((role.start is None or role.start <= when)
                            and (role.end is None or when <= role.end)):
            out.append(role)
    return out


def holder(group: str, country: str, when: date | None) -> str | None:
    """Who held a title of `group` ('foreign' or 'leader') for `country` on `when`."""
    candidates = [r for r in reference_roles()
                  if r.country == country and ROLE_TITLE_GROUPS.get(r.title) == group
                  and (when is None or ((r.start is None or r.start <= when)
                                        and (r.end is None or when <= r.end)))]
    if not candidates:
        return None
    if group == "leader" and len(candidates) > 1:
        preferred = LEADER_PREFERENCE.get(country, "President")
        for r in candidates:
            if r.title == preferred:
                return r.name
    return candidates[0].name if when is not None or len(candidates) == 1 else None


def home_country(name: str, when: date | None) -> str | None:
    """The country a person serves on `when` (their seat), from roles.csv."""
    from etl.places import country_display_names

    for role in roles_on(name, when):
        # "UN" and "EU" are organisations in roles.csv, not anyone's country.
        if role.country in country_display_names() and role.country not in ("UN", "EU"):
            return role.country
    return None


@cache
def _alias_pattern() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    """One regex of all names and aliases, longest first, with what each one means."""
    table: dict[str, tuple[str, str]] = {}
    for name, aliases in reference_people().items():
        table[name] = (name, "name")
        for alias in aliases:
            how = "surname" if " " not in alias and "." not in alias else "alias"
            table.setdefault(alias, (name, how))
    ordered = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in ordered)
                         + r")(?![\w-])")
    return pattern, table


def _clean_name(raw: str) -> str:
    tokens = raw.split()
    while tokens and tokens[-1] in NOT_NAME:
        tokens.pop()
    while tokens and tokens[0] in NOT_NAME:
        tokens.pop(0)
    name = " ".join(tokens)
    return re.sub(r"(?:'s|’s)$", "", name)


class PeopleIndex:
    """Per-article memory of who has been named, so surnames and titles resolve."""

    def __init__(self, when: date | None):
        self.when = when
        self.seen: dict[str, str] = {}  # surname -> full name, for unknown persons

    def find(self, text: str, subject: str | None = None) -> list[PersonRef]:
        """The persons in one sentence, without overlaps, in text order."""
        pattern, table = _alias_pattern()
        refs: list[PersonRef] = []
        for m in pattern.finditer(text):
            name, how = table[m.group(0)]
            refs.append(PersonRef(name, m.start(), m.end(), how))
        for m in TITLED_RE.finditer(text):
            name = _clean_name(m.group("name"))
            if len(name.split()) < 2 or any(t in NOT_NAME for t in name.split()):
                continue
            start = m.start("name") + m.group("name").find(name.split()[0])
            if any(r.start <= start < r.end for r in refs):
                continue
            known = self._known_full(name)
            refs.append(PersonRef(known or name, start, start + len(name), "titled"))
            if not known:
                self.seen[name.split()[-1]] = name
        for surname, full in self.seen.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
                if not any(r.start <= m.start() < r.end for r in refs):
                    refs.append(PersonRef(full, m.start(), m.end(), "surname"))
        refs.extend(self._plural_roles(text, refs))
        for m in ROLE_RE.finditer(text):
            if any(r.start <= m.start("title") < r.end or m.start() <= r.start < m.end()
                   for r in refs):
                continue
            name = self._role_holder(m, subject)
            if name:
                refs.append(PersonRef(name, m.start(), m.end(), "role"))
        # "French President Emmanuel Macron": the role phrase is the name's title, not a
        # second person.
        refs = [r for r in refs if r.how != "role" or not any(
            o is not r and 0 <= o.start - r.end <= 2 for o in refs)]
        refs.sort(key=lambda r: (r.start, -(r.end - r.start)))
        out: list[PersonRef] = []
        for r in refs:
            if out and r.start < out[-1].end:
                continue
            out.append(r)
        return out

    def _plural_roles(self, text: str, taken: list[PersonRef]) -> list[PersonRef]:
        """ "the leaders of France and Germany", "the Egyptian and Palestinian leaders": one
        office-holder per country named."""
        out: list[PersonRef] = []
        for m in PLURAL_ROLE_RE.finditer(text):
            if any(r.start < m.end() and m.start() < r.end for r in taken):
                continue
            title = fold(m.group("title") or m.group("title2"))
            group = "foreign" if ("foreign" in title or "diplomat" in title) else "leader"
            for key in ("a", "b", "c", "a2", "b2", "c2"):
                word = m.group(key)
                if not word:
                    continue
                iso = country_of(word)
                name = holder(group, iso, self.when) if iso else None
                if name:
                    out.append(PersonRef(name, m.start(key), m.end(key), "role"))
        return out

    def _known_full(self, name: str) -> str | None:
        """A titled name the reference knows under another form: a full alias, the same
        words in another order ("Kishida Fumio"), or the first words of a longer name
        ("Abdel Fattah" for Abdel Fattah al-Sisi)."""
        pattern, table = _alias_pattern()
        m = pattern.fullmatch(name)
        if m:
            return table[m.group(0)][0]
        words = fold(name).split()
        for full in reference_people():
            full_words = fold(full).split()
            if sorted(words) == sorted(full_words) or (
                    len(words) >= 2 and full_words[:len(words)] == words):
                return full
        return None

    def _role_holder(self, m: re.Match, subject: str | None) -> str | None:
        country = country_of(m.group("country"))
        if country is None:
            return None
        title = fold(m.group("title"))
        if title.startswith("counterpart"):
            if not subject or (m.group("poss") or "").lower() == "their":
                return None
            group = next((ROLE_TITLE_GROUPS.get(r.title) for r in roles_on(subject, self.when)
                          if ROLE_TITLE_GROUPS.get(r.title)), None)
            return holder(group, country, self.when) if group else None
        if title == "diplomat":
            if not m.group("top"):
                return None
            title = "top diplomat"
        group = TITLE_GROUPS.get(title)
        return holder(group, country, self.when) if group else None
