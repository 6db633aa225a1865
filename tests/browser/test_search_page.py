"""The Sources page's full-text search in a real browser, at a 1280x800 laptop and a 1920x1080
screen: a word that is in an article's text but in none of its evidence sentences (nor any
title) finds that article, and "Open at this sentence" opens it framed at the sentence, the
word marked, scrolled into view."""

from __future__ import annotations

import duckdb
import pytest

from tests.browser.conftest import screenshot, wait_for_app
from ui import search_text

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1920, 1080)]


def article_only_word(db) -> tuple[str, str, str]:
    """(word, article id, title): a word of one article's body, longer than five letters,
    in no evidence sentence of any article and in no title."""
    con = duckdb.connect(str(db), read_only=True)
    found = con.execute(
        "select t.term, t.article_id, a.title from search_terms t "
        "join articles a on a.id = t.article_id "
        "where t.n >= 0 and length(t.term) >= 6 and t.term ~ '^[a-z]+$' "
        "and not exists (select 1 from evidence_sentences e "
        "  where lower(strip_accents(e.evidence)) like '%' || t.term || '%') "
        "and not exists (select 1 from search_terms o where o.term = t.term "
        "  and (o.article_id <> t.article_id or o.n = -1)) "
        "order by t.term limit 1").fetchone()
    con.close()
    assert found, "the fixture articles have words outside their evidence"
    return found


@pytest.mark.parametrize("size", SIZES, ids=["laptop-1280x800", "screen-1920x1080"])
def test_an_article_only_word_finds_its_article_and_opens_at_the_hit(server, browser,
                                                                     browser_db, size):
    word, article_id, title = article_only_word(browser_db)
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        page.goto(f"{server}/evidence")
        wait_for_app(page, "Search titles and article text")
        box = page.get_by_label("Search titles and article text")
        box.fill(word.capitalize())
        box.press("Enter")
        wait_for_app(page, "Articles holding")
        # the first result: the bordered block around the first marked word
        first = page.locator("b.hit").first.locator(
            "xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")
        assert title in first.inner_text()
        hit = first.locator("b.hit").first.inner_text()
        assert search_text.fold(hit).startswith(word)
        screenshot(page, f"search-results-{size[0]}x{size[1]}", full=False)

        first.get_by_role("button", name="Open at this sentence").click()
        page.wait_for_selector(f"#{search_text.SCROLL_ID}", timeout=60_000)
        wait_for_app(page)
        assert f"article={article_id}" in page.url and "hit=" in page.url
        framed = page.locator(f"#{search_text.SCROLL_ID}")
        marked = framed.locator("b.hit")
        assert marked.count() >= 1
        assert any(search_text.fold(t).startswith(word) for t in marked.all_inner_texts())
        # the sentence was brought into view: it is on the screen without scrolling by hand
        inside = framed.bounding_box()
        assert 0 <= inside["y"] and inside["y"] + min(inside["height"], 40) <= size[1], inside
        screenshot(page, f"search-opened-{size[0]}x{size[1]}", full=False)
        assert errors == []
    finally:
        context.close()
