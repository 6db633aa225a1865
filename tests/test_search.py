"""The full-text search: an index of every title and sentence built with the database, a
query split into words the same way, ranked articles, and the article opened at its hit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ui import queries, search_text
from ui.db import cursor, open_handle
from ui.scope import Filters

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def con(pages_db):
    return cursor(open_handle(pages_db))


def _splitters(text: str) -> list[str]:
    return re.findall(r"regexp_extract_all\(\s*regexp_replace\([^;]*?'\[\\pL\\pN\]\+'\s*\)",
                      text, flags=re.S)


def test_the_index_and_the_query_split_words_alike():
    index = (ROOT / "etl/sql/post/search_index.sql").read_text(encoding="utf-8")
    query = (ROOT / "ui/sql/text_search.sql").read_text(encoding="utf-8")
    found = [re.sub(r"\s+", " ", s.replace("text", "X").replace("$X", "X"))
             for s in _splitters(index) + _splitters(query)]
    assert len(found) == 3 and len(set(found)) == 1, found


def test_an_article_only_word_finds_its_article(con):
    """A word of an article's text that is in no evidence sentence (and no title)."""
    candidates = con.execute(
        "select t.term, t.article_id from search_terms t "
        "where t.n >= 0 and length(t.term) >= 6 and not exists ("
        "  select 1 from evidence_sentences e where e.article_id = t.article_id "
        "  and lower(strip_accents(e.evidence)) like '%' || t.term || '%') "
        "and not exists (select 1 from search_terms o where o.term = t.term "
        "  and o.article_id <> t.article_id) "
        "order by t.term limit 1").fetchall()
    assert candidates, "the fixture articles have words outside their evidence"
    word, article = candidates[0]
    (in_evidence,) = con.execute("select count(*) from evidence_sentences "
                                 "where evidence ilike ?", [f"%{word}%"]).fetchone()
    assert in_evidence == 0
    hits = queries.text_search(con, Filters(), word.capitalize())
    assert list(hits["article_id"]) == [article]
    assert word in search_text.fold(hits["sentence"].iloc[0])


def test_a_possessive_finds_the_name_and_results_are_ranked(con):
    hits = queries.text_search(con, Filters(), "Lavrov's")
    assert len(hits) >= 2
    assert list(hits["score"]) == sorted(hits["score"], reverse=True)
    for r in hits.itertuples():
        assert "lavrov" in search_text.fold(r.title + " " + (r.sentence or ""))
    # every word must be there: a word in no article finds nothing
    assert queries.text_search(con, Filters(), "Lavrov zzqxw").empty


def test_hits_and_articles_are_escaped_and_framed():
    html = search_text.hit_html(f"{HOSTILE} Lavrov's trip", f"Lavrov {HOSTILE}.", ["lavrov"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<b class='hit'>") == 2
    text = f"Intro. Lavrov met {HOSTILE} in Rome. End."
    start = text.index("Lavrov")
    body = search_text.article_html(text, [(start, start + 6)], ["rome"],
                                    focus=(start, text.index(" End")))
    assert "<script>" not in body
    assert body.count(f"id='{search_text.SCROLL_ID}'") == 1
    assert "<mark>Lavrov</mark>" in body and "<b class='hit'>Rome</b>" in body
    assert "{" not in search_text.SCROLL_TO_HIT.split("getElementById")[1].split(")")[0]
