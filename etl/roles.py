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
from etl.extract.registry import Observation, observed_holder, use_observed
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


def learn_from_database(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Load every observation of the database (use_observed); the ids of the articles
    with a role gap it now answers."""
    rows = statements.execute(con, "roles/observations").fetchall()
    use_observed(observations_of(
        {"name": n, "office": o, "country": c, "day": d, "title": t} for n, o, c, d, t in rows))
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
               replace: Callable[[Article, list[dict]], None]) -> int:
    """Read again, with what all articles said of offices, every article whose role
    phrases that now answers; `replace` stores its new facts. Returns how many."""
    count = 0
    for article_id in learn_from_database(con):
        article = stored_article(con, article_id)
        if article is None:
            continue
        replace(article, extract(article))
        count += 1
    return count
