"""The curated registry of people and dated offices (data/reference/people.csv, roles.csv).

"The top US diplomat" in a 2014 story is John Kerry and in 2023 Antony Blinken: titles fold
into office groups ("foreign", "leader", or the title itself for offices such as
"Secretary-General"), and `holder` answers who held an office of a country on a day.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from etl import settings
from etl.extract.lexicon import LEX
from etl.places import country_display_names, fold, lookup_country


@dataclass(frozen=True)
class Role:
    """One dated office of one person."""

    name: str
    title: str
    country: str
    start: date | None
    end: date | None

    def holds_on(self, when: date | None) -> bool:
        return when is None or ((self.start is None or self.start <= when)
                                and (self.end is None or when <= self.end))


@cache
def leader_titles() -> dict[str, tuple[str, ...]]:
    """Country -> the titles "the <country> leader" means, in order of preference
    (data/reference/leaders.csv: the head of government where a president is ceremonial)."""
    path = settings.REFERENCE_DIR / "leaders.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {row["country"].strip().upper(): tuple(
            fold(t) for t in row["leader_titles"].split(";") if t.strip())
            for row in csv.DictReader(fh) if row.get("country")}


ORGANISATIONS = {"UN", "EU", "NATO", "AU", "OSCE", "ASEAN", "G7", "G20", "IMF", "WB"}


@cache
def _title_groups() -> dict[str, str]:
    out: dict[str, str] = {}
    for group, titles in LEX.people.title_groups.items():
        for title in titles:
            out[fold(title)] = group
    return out


# Registry titles of the "leader" group: a bare "Leader" (of a party or a movement) is not
# the head of a state or government.
REGISTRY_LEADER_TITLES = {"president", "prime minister", "premier", "chancellor", "king",
                          "queen", "emir", "sultan", "supreme leader", "head of state",
                          "taoiseach", "state counsellor", "chief executive"}


def registry_group(title: str) -> str | None:
    """The office group of a registry title; stricter than `title_group` for leaders."""
    group = title_group(title)
    if group == "leader" and fold(title) not in REGISTRY_LEADER_TITLES:
        return f"title:{fold(title)}"  # "Leader" of a movement: an office of its own
    return group


def title_group(title: str) -> str | None:
    """The office group a title names: 'foreign', 'leader', or the folded title itself.

    >>> title_group("Top Diplomat"), title_group("Prime Minister"), title_group("counterpart")
    ('foreign', 'leader', None)
    >>> title_group("Secretary-General")
    'secretary-general'
    """
    key = fold(re.sub(r"^(?:new|former|acting|interim|then|outgoing|incoming)\s+", "",
                      title.strip(), flags=re.IGNORECASE))
    if key in _title_groups():
        return _title_groups()[key]
    if "foreign" in key or "external affairs" in key:
        return "foreign"
    if key in {"counterpart", "counterparts", "leader", "head", "chief"}:
        return None if key != "leader" else "leader"
    return key or None


@cache
def reference_people() -> dict[str, tuple[str, ...]]:
    """Canonical name -> aliases, from people.csv."""
    out: dict[str, tuple[str, ...]] = {}
    path = settings.REFERENCE_DIR / "people.csv"
    if not path.exists():
        return out
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("name") or "").strip()
            if name:
                out[name] = tuple(a.strip() for a in (row.get("aliases") or "").split(";")
                                  if a.strip())
    return out


@cache
def reference_roles() -> tuple[Role, ...]:
    """Every dated role of roles.csv."""
    path = settings.REFERENCE_DIR / "roles.csv"
    if not path.exists():
        return ()

    def day(text: str | None) -> date | None:
        try:
            return date.fromisoformat(text) if text else None
        except ValueError:
            return None

    out = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row.get("name") and row.get("title"):
                out.append(Role(row["name"].strip(), row["title"].strip(),
                                (row.get("country") or "").strip().upper(),
                                day(row.get("start")), day(row.get("end"))))
    return tuple(out)


@cache
def _roles_by_name() -> dict[str, tuple[Role, ...]]:
    out: dict[str, list[Role]] = {}
    for role in reference_roles():
        out.setdefault(role.name, []).append(role)
    return {k: tuple(v) for k, v in out.items()}


def roles_on(name: str, when: date | None) -> list[Role]:
    """The roles `name` held on `when` (all of them when the day is unknown)."""
    return [r for r in _roles_by_name().get(name, ()) if r.holds_on(when)]


# Titles that name one office: "the Ukrainian president" is never the prime minister.
SPECIFIC_TITLES = {"president": ("president",), "prime minister": ("prime minister", "premier"),
                   "premier": ("prime minister", "premier"), "chancellor": ("chancellor",),
                   "king": ("king",), "emir": ("emir",), "queen": ("queen",)}


def holder(group: str, country: str, when: date | None, title: str | None = None) -> str | None:
    """Who held an office of `group` for `country` on `when`, per the curated registry;
    with a specific `title` ("president"), only a holder of that title."""
    candidates = [r for r in reference_roles() if r.country == country
                  and registry_group(r.title) == group and r.holds_on(when)]
    wanted = SPECIFIC_TITLES.get(fold(title or ""))
    if wanted:
        candidates = [r for r in candidates if fold(r.title) in wanted]
    if not candidates:
        return None
    if group == "leader" and not wanted:
        # "the Egyptian leader": only the office that leads the country (leaders.csv, else
        # the president); a registry that lacks it gives no answer rather than a deputy.
        for preferred in leader_titles().get(country, ("president",)):
            for r in candidates:
                if fold(r.title) == preferred:
                    return r.name
        return None
    names = {r.name for r in candidates}
    if len(names) > 1 and when is None:
        return None
    return candidates[-1].name


# Offices other articles gave people ("Kenya's Foreign Minister Musalia Mudavadi"): the
# build and the extract command load them after a first pass (use_observed), so a later
# "the Kenyan foreign minister" resolves. Each holder holds the office from their first
# to their last observation, extended to the next holder's first; LEARNED_MARGIN_DAYS
# before the first and after the last still count (a story a few weeks off).
LEARNED_MARGIN_DAYS = 31
_observed: dict[tuple[str, str], list[tuple[date, date, str, str | None]]] = {}


@dataclass(frozen=True)
class Observation:
    """One office an article gave a person, on the article's day."""

    name: str
    office: str
    country: str
    day: date | None
    title: str | None = None


def use_observed(observations: list[Observation]) -> None:
    """Make `observed_holder` answer from these observations (all the corpus's)."""
    by_office: dict[tuple[str, str], dict[str, list[date]]] = {}
    titles: dict[tuple[str, str, str], str | None] = {}
    for o in observations:
        if o.day is None:
            continue
        by_office.setdefault((o.office, o.country), {}).setdefault(o.name, []).append(o.day)
        titles[(o.office, o.country, o.name)] = o.title
    spans: dict[tuple[str, str], list[tuple[date, date, str, str | None]]] = {}
    for key, holders in by_office.items():
        rows = sorted((min(days), max(days), name) for name, days in holders.items())
        out = []
        for i, (first, last, name) in enumerate(rows):
            end = max(last, rows[i + 1][0]) if i + 1 < len(rows) else last
            out.append((first, end, name, titles[(*key, name)]))
        spans[key] = out
    _observed.clear()
    _observed.update(spans)


def observed_holder(office: str, country: str, when: date | None,
                    title: str | None = None) -> str | None:
    """Who other articles say held an office of `country` around `when`."""
    from datetime import timedelta

    rows = _observed.get((office, country))
    if not rows or when is None:
        return None
    margin = timedelta(days=LEARNED_MARGIN_DAYS)
    wanted = SPECIFIC_TITLES.get(fold(title or ""))
    hits = [r for r in rows if r[0] - margin <= when <= r[1] + margin
            and (not wanted or r[3] is None or fold(r[3]) in wanted or fold(r[3]) in (
                "leader", "head of state"))]
    if not hits:
        return None
    return min(hits, key=lambda r: 0 if r[0] <= when <= r[1] else min(
        abs((when - r[0]).days), abs((when - r[1]).days)))[2]


def countryless_holder(office: str, titled, observations) -> str | None:
    """The one person the article titles with the office and no country ("Kenya's foreign
    minister arrived in Juba ... Foreign Minister Amina Wekesa met"): no list knows her, and
    the article names no other holder of such an office. `titled` holds (sentence, title,
    name), `observations` the article's offices with countries."""
    placed = {o.name for o in observations if o.country}
    names = {name for _, title, name in titled if title_group(title) == office
             and not _JUNIOR.search(title) and name not in placed and not roles_on(name, None)}
    return names.pop() if len(names) == 1 else None


# Titles of the office's juniors, whom title_group files with it: "deputy foreign minister".
_JUNIOR = re.compile(r"\b(?:deputy|vice|assistant|junior|under|former|minister\s+of\s+state|"
                     r"state\s+(?:secretary|minister))\b")


def office_of(name: str, when: date | None) -> tuple[str, str] | None:
    """(group, country) of the first national office `name` held on `when`."""
    for role in roles_on(name, when):
        group = registry_group(role.title)
        if group:
            return group, role.country
    return None


def home_country(name: str, when: date | None) -> str | None:
    """The country a person serves on `when` (their seat), from the registry; out of every
    office, the country of their latest one (a former president stays that country's; a
    former premier who now heads a UN body serves no country)."""
    current = roles_on(name, when)
    roles = current or sorted(_roles_by_name().get(name, ()), key=lambda r: r.start or date.min,
                              reverse=True)[:1]
    for role in roles:
        if role.country in country_display_names() and role.country not in ORGANISATIONS:
            return role.country
    return None


def country_of(word: str) -> str | None:
    """ISO2 for a nationality or country word as a title phrase uses it.

    >>> country_of("Britain’s"), country_of("South Korean"), country_of("Ruritanian")
    ('GB', 'KR', None)
    """
    word = fold(word).replace("’", "'")
    word = re.sub(r"^the\s+", "", word)
    if word in ("us", "u.s", "u.s.", "american", "washington's"):
        return "US"
    return LEX.demonyms.get(word) or lookup_country(re.sub(r"'s?$", "", word))
