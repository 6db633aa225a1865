"""Corrections of who is who: an analyst merges two names into one person, splits a wrong
merge, adds a spelling (alias) of a person, or adds or ends an office. They are lines of
the same corrections file as the fact corrections (audited, withdrawn the same way), with
the target {"type": "person", "name": ...} and their details under "person":

    merge       {"into": KEPT}               NAME is KEPT: its facts and offices go to KEPT
    split       {"apart": OTHER}             OTHER is not NAME: the facts whose sentence
                                             writes OTHER (and not NAME) go back to OTHER
    alias       {"alias": SPELLING}          SPELLING is NAME: facts naming it go to NAME
    office      {"title", "country", "start", "end"}   NAME held this office
    end_office  {"title", "country", "end"}  NAME's office ended on that day

Every build applies them again: names are changed in each article's facts and offices
before the fact corrections (so a correction made on the renamed fact finds it), offices
go into the people mart's roles as source 'analyst'. Names compare case- and
accent-insensitively. No streamlit, no database here: etl/corrections/apply.py and
store.py call these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from etl.corrections.record import Correction

PERSON = "person"
PERSON_ACTIONS = ("merge", "split", "alias", "office", "end_office")
# the details each action needs (an office's end may be left empty: still in office)
_NEEDS = {"merge": ("into",), "split": ("apart",), "alias": ("alias",),
          "office": ("title", "country", "start"), "end_office": ("title", "country", "end")}
_OPTIONAL = {"office": ("end",)}
# the fields of a fact that name people (FACTS.md): renamed by merge, alias and split
_NAME_FIELDS = ("actor", "participants")
MAX_NAME_CHARS = 200


def fold(text: str | None) -> str:
    """Case- and accent-insensitive key of a name (the gazetteer's folding)."""
    from etl.places import fold as _fold

    return _fold(text or "")


def clean_name(value: Any) -> str:
    """A name as stored: one space between words, no ends.

    >>> clean_name("  Ana   Lucia Ordonez ")
    'Ana Lucia Ordonez'
    """
    return " ".join(str(value or "").split())


def _is_day(text: Any) -> bool:
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def person_problems(action: str, name: Any, details: dict[str, Any]) -> list[str]:
    """What makes a person correction unusable, in plain words (empty when it is fine).

    >>> person_problems("merge", "Volodimir Zelenski", {"into": "Volodymyr Zelensky"})
    []
    >>> person_problems("merge", "Ana Diaz", {"into": "ana  díaz"})
    ['the two names are one spelling already: nothing to merge']
    >>> for problem in person_problems("office", "Ana Diaz", {
    ...         "title": "Foreign Minister", "country": "XX", "start": "2026-05-01",
    ...         "end": "2026-01-01"}):
    ...     print(problem)
    'XX' is neither an ISO 3166 country code nor an organisation the registry knows
    the office ends (2026-01-01) before it starts (2026-05-01)
    """
    if action not in PERSON_ACTIONS:
        return [f"unknown person action {action!r}"]
    problems = []
    name = clean_name(name)
    if not name:
        problems.append("the person's name is empty")
    unknown = sorted(set(details) - set(_NEEDS[action]) - set(_OPTIONAL.get(action, ())))
    if unknown:
        problems.append(f"{action} has no field {', '.join(unknown)}")
    for key in _NEEDS[action]:
        if not clean_name(details.get(key)):
            problems.append(f"{action} needs {_LABELS[key]}")
    for key in ("into", "apart", "alias"):
        other = clean_name(details.get(key))
        if key in _NEEDS[action] and other and name and fold(other) == fold(name):
            problems.append("the two names are one spelling already: nothing to "
                            + {"into": "merge", "apart": "split", "alias": "add"}[key])
    for key in ("into", "apart", "alias", "title"):
        if len(clean_name(details.get(key))) > MAX_NAME_CHARS or len(name) > MAX_NAME_CHARS:
            problems.append(f"a name or title is over {MAX_NAME_CHARS} characters")
            break
    if action in ("office", "end_office"):
        problems += _office_problems(details)
    return problems


_LABELS = {"into": "the name to keep", "apart": "the name to keep apart",
           "alias": "the spelling to add", "title": "a title", "country": "a country",
           "start": "the day the office began", "end": "the day the office ended"}


def _office_problems(details: dict[str, Any]) -> list[str]:
    from etl.registry_io import _known_country

    problems = []
    country = clean_name(details.get("country")).upper()
    if country and not _known_country(country):
        problems.append(f"{country!r} is neither an ISO 3166 country code nor an "
                        "organisation the registry knows")
    days = {k: details.get(k) for k in ("start", "end") if details.get(k)}
    for key, value in days.items():
        if not _is_day(value):
            problems.append(f"{key} {value!r} is not a day like 2026-03-01")
    if len(days) == 2 and all(map(_is_day, days.values())) and days["end"] < days["start"]:
        problems.append(f"the office ends ({days['end']}) before it starts ({days['start']})")
    return problems


def clean_details(action: str, details: dict[str, Any]) -> dict[str, Any]:
    """The details as the file keeps them: names spaced once, the country upper case, an
    empty end left out."""
    out = {}
    for key in (*_NEEDS.get(action, ()), *_OPTIONAL.get(action, ())):
        value = clean_name(details.get(key))
        if key == "country":
            value = value.upper()
        if value:
            out[key] = value
    return out


def person_words(name: str, action: str, details: dict[str, Any]) -> str:
    """What a person correction says, in words, for summaries and the audit page.

    >>> person_words("Volodimir Zelenski", "merge", {"into": "Volodymyr Zelensky"})
    'person Volodimir Zelenski is Volodymyr Zelensky'
    >>> person_words("Ana Diaz", "office", {"title": "Foreign Minister", "country": "PE",
    ...                                     "start": "2026-01-14"})
    'person Ana Diaz: Foreign Minister, PE, from 2026-01-14'
    """
    if action == "merge":
        return f"person {name} is {details.get('into')}"
    if action == "split":
        return f"person {details.get('apart')} is not {name}"
    if action == "alias":
        return f"person {name} also written {details.get('alias')}"
    office = f"{details.get('title')}, {details.get('country')}"
    if action == "end_office":
        return f"person {name}: {office}, ended {details.get('end')}"
    span = f"from {details.get('start')}" + (f" to {details['end']}" if details.get("end")
                                              else "")
    return f"person {name}: {office}, {span}"


def names_of(correction: Correction) -> set[str]:
    """Every name a person correction mentions (the articles naming any of them are
    extracted again, so their facts follow the file)."""
    names = {clean_name(correction.target.get("name"))}
    names |= {clean_name(correction.person.get(k)) for k in ("into", "apart", "alias")}
    return {n for n in names if n}


# -- applying them --------------------------------------------------------------------------


@dataclass
class PersonFixes:
    """The person corrections in force, in file order, ready to rename facts and offices.

    `renamed` counts, per correction and article, the names it changed (an article read
    again counts once), for the correction's outcome.
    """

    corrections: list[Correction] = field(default_factory=list)
    renamed: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def renaming(self) -> list[Correction]:
        return [c for c in self.corrections if c.action in ("merge", "split", "alias")]

    def name_in(self, name: str, evidence: str, counts: dict[str, int] | None = None) -> str:
        """The name a fact's `name` becomes under the corrections, in file order: a merge
        or alias turns the spelling into the kept name; a split gives a fact of the merged
        person whose sentence writes the other name, and not the person's own, back to
        the other name."""
        sentence = fold(evidence)
        for c in self.renaming:
            person, details = clean_name(c.target.get("name")), c.person
            before = name
            if c.action == "merge" and fold(name) == fold(person):
                name = details["into"]
            elif c.action == "alias" and fold(name) == fold(details["alias"]):
                name = person
            elif (c.action == "split" and fold(name) == fold(person)
                  and _writes(sentence, details["apart"]) and not _writes(sentence, person)):
                name = details["apart"]
            if name != before and counts is not None:
                counts[c.id] = counts.get(c.id, 0) + 1
        return name

    def rename_facts(self, article_id: str, facts: Iterable[dict]) -> list[dict]:
        """The facts with their people's names as the corrections say (new dicts where a
        name changed); counts what each correction renamed in this article."""
        if not self.renaming:
            return list(facts)
        counts: dict[str, int] = {}
        out = []
        for fact in facts:
            evidence = str(fact.get("evidence") or "")
            changed = {}
            actor = fact.get("actor")
            if isinstance(actor, str) and actor:
                new = self.name_in(actor, evidence, counts)
                if new != actor:
                    changed["actor"] = new
            people = fact.get("participants")
            if isinstance(people, list) and people:
                new_people = sorted({self.name_in(str(p), evidence, counts) for p in people})
                if new_people != sorted(people):
                    changed["participants"] = new_people
            out.append({**fact, **changed} if changed else fact)
        self._count(article_id, counts)
        return out

    def rename_offices(self, article_id: str, rows: Sequence[dict]) -> list[dict]:
        """An article's role observations under the corrected names."""
        if not self.renaming:
            return list(rows)
        counts: dict[str, int] = {}
        out = [{**r, "name": self.name_in(str(r.get("name") or ""),
                                          str(r.get("evidence") or ""), counts)}
               for r in rows]
        self._count(article_id, counts, add=True)
        return out

    def _count(self, article_id: str, counts: dict[str, int], add: bool = False) -> None:
        for correction_id in {c.id for c in self.renaming}:
            per_article = self.renamed.setdefault(correction_id, {})
            n = counts.get(correction_id, 0)
            key = f"{article_id}\0offices" if add else article_id
            if n or key in per_article:
                per_article[key] = n

    def office_observations(self, today: date | None = None) -> list:
        """The offices analysts added, as observations of their first and last day (today
        while in office), so a title phrase of an article ("the Guatemalan foreign
        minister") resolves to the holder an analyst named, as it does to one an article
        named (etl/roles.py)."""
        from etl.extract.registry import Observation, title_group

        out = []
        for c in self.corrections:
            group = title_group(c.person.get("title", "")) if c.action == "office" else None
            if group is None:
                continue
            name = self.final_name(clean_name(c.target.get("name")))
            first = date.fromisoformat(c.person["start"])
            last = date.fromisoformat(c.person["end"]) if c.person.get("end") else max(
                first, today or date.today())
            out += [Observation(name, group, c.person["country"], day,
                                c.person["title"].lower()) for day in (first, last)]
        return out

    def kept_apart(self, a: str, b: str) -> bool:
        """Whether a split in force says `a` and `b` are two people."""
        pair = {fold(a), fold(b)}
        return any(c.action == "split" and {fold(c.target.get("name")),
                                            fold(c.person.get("apart"))} == pair
                   for c in self.corrections)

    def allowed(self, mapping: dict[str, str]) -> dict[str, str]:
        """A rule's renames (spelling -> kept spelling) without those a split forbids."""
        return {v: k for v, k in mapping.items() if not self.kept_apart(v, k)}

    def outcome(self, correction: Correction) -> tuple[str, str, int]:
        """(status, detail, names changed) of a person correction after the build read
        every article."""
        if correction.action == "office":
            return "applied", "office added to the person's roles", 0
        if correction.action == "end_office":
            return "applied", "the office's end set in the person's roles", 0
        n = sum(self.renamed.get(correction.id, {}).values())
        if n:
            return "applied", f"{n} name{'s' if n != 1 else ''} in facts and offices changed", n
        said = {"merge": correction.target.get("name"), "alias": correction.person.get("alias"),
                "split": correction.person.get("apart")}[correction.action]
        if correction.action == "split":
            return ("applied", f"no fact of {correction.target.get('name')} in this build "
                    f"rests on a sentence writing {said}; kept apart from now on", 0)
        return ("applied", f"no fact in this build names {said}; listed as the person's "
                "alias", 0)

    def rows(self) -> list[tuple]:
        """The rows of the person_corrections table (etl/sql/schema.sql): one per
        correction in force, in file order, a merge's kept name followed to its end."""
        out = []
        for n, c in enumerate(self.corrections):
            d = c.person
            other = {"merge": self.final_name(d.get("into", "")), "split": d.get("apart"),
                     "alias": d.get("alias")}.get(c.action)
            out.append([c.id, n, c.action, clean_name(c.target.get("name")), other,
                        d.get("title"), d.get("country"), d.get("start"), d.get("end"),
                        c.user, c.reason])
        return out

    def final_name(self, name: str) -> str:
        """Where a chain of merges ends (A into B, B into C: C); a loop stops where it
        meets itself."""
        seen = {fold(name)}
        for _ in range(len(self.corrections)):
            nxt = next((c.person["into"] for c in reversed(self.corrections)
                        if c.action == "merge" and fold(c.target.get("name")) == fold(name)),
                       None)
            if nxt is None or fold(nxt) in seen:
                return name
            seen.add(fold(nxt))
            name = nxt
        return name


def _writes(sentence: str, name: str) -> bool:
    """Whether a folded sentence writes a name in full, as whole words."""
    key = fold(name)
    return bool(key) and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", sentence) is not None
