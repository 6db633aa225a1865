"""Offices learned across articles: once every article is read, the role phrases nobody
answered ("the Kenyan foreign minister") are tried again against the offices all the
articles gave people ("Kenya's Foreign Minister Musalia Mudavadi"), and the articles
whose phrases are now answered are read again.

Curated roles (data/reference/roles.csv) still come first: an observation only answers
what the registry does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import duckdb

from etl import statements
from etl.extract.person_names import known_name
from etl.extract.registry import (
    LEARNED_MARGIN_DAYS,
    Observation,
    observed_holder,
    use_observed,
)
from etl.model import Article
from etl.read import parse_article_text


def observations_of(rows: Iterable[dict]) -> list[Observation]:
    """Observations from role rows (etl.extract.FactList.roles or the database's)."""
    return [Observation(r["name"], r["office"], r["country"], r.get("day"), r.get("title"))
            for r in rows]


def answered(gap: dict) -> bool:
    """Whether what the corpus said now answers a role phrase that had no holder."""
    return observed_holder(gap["office"], gap["country"], gap.get("day"),
                           gap.get("title")) is not None


def learn_from_database(con: duckdb.DuckDBPyConnection,
                        extra: Iterable[Observation] = ()) -> list[str]:
    """Load every observation of the database and the `extra` ones (the offices analysts
    added: use_observed); the ids of the articles with a role gap they now answer."""
    rows = statements.execute(con, "roles/observations").fetchall()
    use_observed(observations_of(
        {"name": n, "office": o, "country": c, "day": d, "title": t} for n, o, c, d, t in rows)
        + list(extra))
    gaps = statements.execute(con, "roles/gaps").fetchall()
    return sorted({a for a, o, c, t, d in gaps
                   if answered({"office": o, "country": c, "title": t, "day": d})})


def stored_article(con: duckdb.DuckDBPyConnection, article_id: str) -> Article | None:
    """An article as the database keeps it, prepared again for extraction (its text is the
    normalised body, which normalising again leaves as it is, so offsets still hold)."""
    rows = statements.execute(con, "roles/article", [article_id]).fetchall()
    row = rows[0] if rows else None
    if row is None:
        return None
    id_, title, source, url, published, precision, language, path, text = row
    article = parse_article_text(text, id=id_, title=title, source=source, url=url,
                                 published=published, published_precision=precision or "day",
                                 language=language or "en", path=path)
    return article if article.text == text else None


def read_again(con: duckdb.DuckDBPyConnection, extract: Callable[[Article], list[dict]],
               replace: Callable[[Article, list[dict]], None],
               extra: Iterable[Observation] = ()) -> int:
    """Read again, with what all articles (and `extra`: the analysts) said of offices,
    every article whose role phrases that now answers; `replace` stores its new facts.
    Returns how many."""
    count = 0
    for article_id in learn_from_database(con, extra):
        article = stored_article(con, article_id)
        if article is None:
            continue
        replace(article, extract(article))
        count += 1
    return count


def _surname(name: str) -> str:
    from etl.extract.person_names import _surname_words

    words = _surname_words(name)
    return words[-1] if words else ""


def same_first_names(a: str, b: str) -> bool:
    """Whether two names of one surname can be one person: the shorter's words are the
    longer's in order, or both start with the same letter.

    >>> same_first_names("Musalia Mudavadi", "Musalia Wycliffe Mudavadi")
    True
    >>> same_first_names("A. Ordonez", "Ana Lucia Ordonez")
    True
    >>> same_first_names("Carlos Ordonez", "Ana Lucia Ordonez")
    False
    """
    from etl.places import fold

    short, long = sorted((fold(a).split(), fold(b).split()), key=len)
    it = iter(long)
    if all(word in it for word in short):
        return True
    return bool(short and long) and short[0][:1] == long[0][:1]


def same_office_holders(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Spellings of one person: names the registry does not know, with the same surname,
    observed in the same office of the same country in overlapping periods, whose first
    names agree (one name's words within the other's, "Musalia Mudavadi" and "Musalia
    Wycliffe Mudavadi", or the same first initial, "A. Ordonez"), mapped to the spelling
    seen most often (then the longest). Two people who only share a surname ("Ana
    Ordonez" and "Carlos Ordonez"), or whom the registry tells apart, are never merged."""
    from datetime import timedelta

    rows = statements.execute(con, "roles/office_spans").fetchall()
    groups: dict[tuple[str, str, str], list[tuple]] = {}
    for name, office, country, first, last, seen in rows:
        if known_name(name) is None:
            groups.setdefault((_surname(name), office, country), []).append(
                (name, first, last, seen))
    margin = timedelta(days=LEARNED_MARGIN_DAYS)
    mapping: dict[str, str] = {}
    for names in groups.values():
        if len(names) < 2:
            continue
        keep = max(names, key=lambda n: (n[3], len(n[0])))
        for name, first, last, _ in names:
            if (name != keep[0] and first - margin <= keep[2] and keep[1] <= last + margin
                    and same_first_names(name, keep[0])):
                mapping[name] = keep[0]
    return mapping


def rename_variants(con: duckdb.DuckDBPyConnection, mapping: dict[str, str]) -> None:
    """The facts and observations of each spelling under the kept one."""
    for variant, kept in mapping.items():
        params = {"variant": variant, "kept": kept}
        statements.execute(con, "roles/rename_visit_actor", params)
        statements.execute(con, "roles/rename_observed", params)
        rows = statements.execute(con, "roles/meetings_naming", {"variant": variant}).fetchall()
        for mention_id, participants in rows:
            renamed = sorted({kept if p == variant else p for p in participants})
            statements.execute(con, "roles/set_participants",
                               {"participants": renamed, "mention_id": mention_id})
