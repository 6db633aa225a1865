"""What the casualty series are made of: who gave a figure and where, under one name each
(the alias tables data/reference/reporters.csv and areas.csv), and which figures are not
counts of people at all.

One health ministry is written "the health ministry in Gaza", "the Gaza health ministry" and
"the health ministry in the Hamas-run territory"; one place "Gaza" and "the Gaza Strip".
Drawn as they come, one source is three lines and a toll zig-zags between them. The alias
tables give each form its canonical name (a reporter's, with the area or country it is
meant in when the form alone is ambiguous: "the ministry" of a Gaza figure is Gaza's); the
SQL models join them (etl/sql/intermediate/int_casualty_members.sql).

A figure the extractor took for a toll that the sentence says is something else (a
population: "Gaza's 2.3 million people"; things: "25 ambulances", "12 hospitals", "two
border crossings") is set aside here with its reason, kept in the mart casualty_set_aside
and never drawn.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import statements
from etl.extract.numbers import find_numbers
from etl.settings import REFERENCE_DIR

# Words that name things, not people, right after a count.
_THINGS = re.compile(
    r"^\s*(?:[\w-]+\s+)?(?:ambulances?|hospitals?|health (?:centers|centres)|clinics?|"
    r"buildings?|homes?|houses?|schools?|vehicles?|trucks?|lorries|(?:border )?crossings?|"
    r"shelters?|mosques?|churches|bridges?|tanks?|aircraft|drones?|missiles?|rockets?|"
    r"shells?|villages?|towns?|districts?|provinces?|kilometres|kilometers|miles|tonnes|"
    r"tons|dollars|euros|pounds)\b", re.IGNORECASE)
# A place's (or country's) whole population: "Gaza's 2.3 million people", "a population of
# 2.3 million", "home to 2.3 million people".
_POPULATION_BEFORE = re.compile(
    r"(?:['’]s|\bits|\btheir)\s+(?:(?:total|entire|whole|estimated)\s+)?"
    r"(?:(?:some|about|around|nearly|roughly|over|more than|almost)\s+)?$"
    r"|\bpopulation of\s+(?:(?:some|about|around|nearly|roughly|over|more than)\s+)?$"
    r"|\bhome to\s+(?:(?:some|about|around|nearly|roughly|over|more than)\s+)?$",
    re.IGNORECASE)
_PEOPLE_AFTER = re.compile(r"^\s*(?:people|residents|inhabitants|population|citizens|"
                           r"palestinians|civilians)\b", re.IGNORECASE)


def not_a_count(text: str, value: int) -> str | None:
    """Why `value` in sentence `text` is not a count of people hurt or displaced, or None
    when it may be one (or the value is not found: then the extractor's reading stands).

    >>> not_a_count("About 1.4 million of the enclave's 2.3 million people have fled.",
    ...             2_300_000)
    'a population, not a count of people hurt or displaced'
    >>> not_a_count("About 1.4 million of the enclave's 2.3 million people have fled.",
    ...             1_400_000) is None
    True
    >>> not_a_count("Twelve hospitals and 25 ambulances were hit.", 25)
    'a count of things (ambulances), not of people'
    """
    found = [n for n in find_numbers(text) if int(n.value) == value]
    if not found:
        return None
    reasons = []
    for n in found:
        before, after = text[max(0, n.start - 40):n.start], text[n.end:n.end + 40]
        thing = _THINGS.match(after)
        if thing:
            reasons.append(f"a count of things ({thing.group(0).split()[-1].lower()}), "
                           "not of people")
        elif _POPULATION_BEFORE.search(before) and _PEOPLE_AFTER.match(after):
            reasons.append("a population, not a count of people hurt or displaced")
        else:
            return None  # one reading of the figure is a count: keep it
    return reasons[0]


def stage_casualty_terms(con: duckdb.DuckDBPyConnection,
                         reference_dir: Path = REFERENCE_DIR) -> None:
    """Temp tables stg_reporters (alias, reporter, scope), stg_areas (alias, area, country)
    from the alias files, and stg_casualty_checks (mention_id, reason) for the figures that
    are not counts of people. Aliases are folded as etl/sql/macros.sql folds names
    (name_key): lower case, 'the' and joining words dropped, punctuation as spaces."""
    reporters = _read(reference_dir / "reporters.csv")
    areas = _read(reference_dir / "areas.csv")
    _register(con, "stg_reporters", {
        "alias": [r.get("alias") for r in reporters],
        "reporter": [r.get("reporter") for r in reporters],
        "scope": [r.get("scope") or None for r in reporters],
    })
    _register(con, "stg_areas", {
        "alias": [r.get("alias") for r in areas],
        "area": [r.get("area") for r in areas],
        "country": [(r.get("country") or "").upper() or None for r in areas],
    })
    rows = statements.execute(con, "staging/casualty_sentences").fetchall()
    checks: dict[str, list] = {"mention_id": [], "reason": []}
    for mention_id, evidence, value in rows:
        reason = not_a_count(evidence or "", int(value))
        if reason:
            checks["mention_id"].append(mention_id)
            checks["reason"].append(reason)
    _register(con, "stg_casualty_checks", checks)


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if (row.get("alias") or "").strip()]


def _register(con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, list]) -> None:
    table = pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()})
    view = f"_{name}_arrow"
    con.register(view, table)
    try:
        statements.execute(con, "staging/reference_terms", name=name, source=view)
    finally:
        con.unregister(view)
