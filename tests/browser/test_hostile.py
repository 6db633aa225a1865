"""Hostile article content in a real browser, and a rebuild under a running dashboard.

A database is built by `python -m etl build` from an article whose title, outlet, link and
sentences carry script tags, onerror images, javascript: links, HTML entities, Markdown
links and a 5,000-character word, with analyst corrections that put the same into a
diplomat's name, a donor, a reporter and a place. Every page is opened, the map hovered and
the article read: no dialog may open, no element the article brought may exist in the DOM,
and the strings show as text. A second test rebuilds the database while a browser keeps
loading the Sources page, and the new article appears without a restart.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import screenshot, start_server, wait_for_app
from tests.browser.maptools import DeckSpy, canvas_box, dot_at, on_canvas
from tests.test_reliability_corpus import (
    AUTOLINKS,
    ENTITIES_DECODED,
    HOSTILE_ACTOR,
    HOSTILE_DONOR,
    HOSTILE_ID,
    HOSTILE_REPORTER,
    HOSTILE_SOURCE,
    IMG,
    JS_LINK,
    LONG,
    MD_LINK,
    SCRIPT,
    TRIPLE_STORED,
    write_good_articles,
    write_hostile_corpus,
)
from ui.escape import WORD_JOINER

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("route-map", "aid-amounts", "casualty-figures", "diplomats", "evidence", "audit",
         "review-queue?week=all")

# What the page must not hold: elements or attributes that only the article could have put
# there. Streamlit's own scripts are <script src=...> of its bundle; none carries alert(.
INJECTED_JS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = (attr.value || '').toLowerCase();
      const link = name === 'href' || name === 'src';
      if (name.startsWith('on') && value.includes('alert')) found.push(el.outerHTML.slice(0, 200));
      if (link && value.replace(/\\s/g, '').startsWith('javascript:'))
        found.push(el.outerHTML.slice(0, 200));
    }
    if (el.tagName === 'SCRIPT' && (el.textContent || '').includes('alert(')) found.push('script');
    if (el.tagName === 'IMG' && (el.getAttribute('src') || '') === 'x') found.push('img src=x');
    // AUTOLINKS: the article's addresses as links, its :material/...: shortcode as an icon
    if (el.tagName === 'A' && (el.getAttribute('href') || '').includes('ministry.example'))
      found.push(el.outerHTML.slice(0, 200));
    if (el.children.length === 0 && (el.textContent || '').trim() === 'rocket_launch')
      found.push('icon ' + el.outerHTML.slice(0, 200));
  }
  return found;
}"""


# HTML blocks wider than their box: a long unbroken word pushing the layout sideways.
OVERFLOW_JS = """() => [...document.querySelectorAll("[data-testid='stHtml'] div")]
  .filter(e => e.scrollWidth > e.clientWidth + 2).map(e => e.outerHTML.slice(0, 120))"""


@contextlib.contextmanager
def serve(db: Path, log: Path, corrections: Path | None = None):
    """`streamlit run dashboard.py` on a free port reading `db`; yields the base URL."""
    extra = {"SHUTTLE_CORRECTIONS": str(corrections)} if corrections is not None else {}
    yield from start_server(db, log.parent, extra)


def etl_build(articles: Path, db: Path, corrections: Path | None = None,
              ) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "etl", "build", "--articles", str(articles), "--db", str(db)]
    if corrections is not None:
        command += ["--corrections", str(corrections)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(base URL, database) of a dashboard on the hostile database."""
    folder = tmp_path_factory.mktemp("hostile")
    articles, corrections = write_hostile_corpus(folder)
    db = folder / "hostile.duckdb"
    done = etl_build(articles, db, corrections)
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(db, folder / "streamlit.log", corrections) as base:
        yield base, db


def open_page(page, url: str, text: str | None = None) -> None:
    """Load `url` and wait for the app (and `text`); every page opens at its own address
    (tests/browser/test_shared_links.py), so no "Page not found" notice may be over it."""
    page.goto(url)
    wait_for_app(page, text)
    assert page.get_by_text("Page not found").count() == 0, url


def watch(page) -> list[str]:
    """Every dialog the page opens (alert, confirm, prompt), dismissed and recorded, and
    every request to a host other than this machine (the app works offline: an article's
    image or link must not make the browser call out)."""
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_request(request) -> None:
        host = urllib.parse.urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in (
                "127.0.0.1", "localhost"):
            dialogs.append(f"outside request: {request.url}")

    page.on("dialog", on_dialog)
    page.on("request", on_request)
    return dialogs


def body_text(page) -> str:
    """The page's visible text, without the word joiners ui.escape.md puts into article text
    to break links and icons (zero width: a reader sees none)."""
    return page.evaluate("() => document.body.innerText").replace(WORD_JOINER, "")


def assert_clean(page, dialogs: list[str], where: str) -> None:
    assert dialogs == [], f"{where}: a dialog opened or a request went out: {dialogs}"
    assert page.evaluate(INJECTED_JS) == [], f"{where}: injected markup in the DOM"
    assert page.locator("[data-testid='stException']").count() == 0, where
    scripts_errors = [e for e in page.console_errors if "alert" in e or "pageerror" in e]
    assert scripts_errors == [], f"{where}: {scripts_errors}"


def hover_stop(page, spy: DeckSpy, lat: float, lon: float, who: str | None = None) -> str:
    """Move the mouse over the dot of `who` (or the first person) at the place (lat, lon) of
    the map the page was last sent (its opening view, read off the websocket); the
    tooltip's text."""
    box = canvas_box(page)
    x, y = on_canvas(spy.last(), dot_at(spy.last(), lat, lon, who)["position"], box)
    window = page.viewport_size
    # the mouse reaches only what the window shows: a dot below the fold gets no hover
    assert 0 <= box["x"] + x < window["width"] and 0 <= box["y"] + y < window["height"], (
        f"the dot of {who} at ({lat}, {lon}) is drawn at ({box['x'] + x:.0f}, "
        f"{box['y'] + y:.0f}), outside the {window['width']}x{window['height']} window")
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    return tooltip.inner_text()


def test_every_page_shows_hostile_text_as_text(hostile, page):
    base, db = hostile
    dialogs = watch(page)
    for path in PAGES:
        open_page(page, f"{base}/{path}")
        assert_clean(page, dialogs, path)
        text = body_text(page)
        assert "Traceback" not in text and "Error" not in text.split("Shuttle")[0], path
    screenshot(page, "hostile-audit", full=False)

    # Outlet names (the sidebar option) and the aid and casualty pages' own text.
    open_page(page, f"{base}/aid-amounts",
              "Packages, their stages and the sentences behind them")
    page.get_by_text("Source outlet").first.wait_for()
    assert_clean(page, dialogs, "aid")
    open_page(page, f"{base}/casualty-figures", "Reports and the sentences behind them")
    assert_clean(page, dialogs, "casualties")


def test_map_tooltips_show_hostile_names_as_text(hostile, page):
    base, _ = hostile
    dialogs = watch(page)
    spy = DeckSpy(page)
    open_page(page, f"{base}/route-map", "Stops and the sentences behind them")
    legend = page.locator("[data-testid='stHtml']").filter(has_text="took place").first
    assert HOSTILE_ACTOR in legend.inner_text()  # the legend names the diplomat as text
    assert page.evaluate(OVERFLOW_JS) == []  # the 5,000-character name wraps
    # ... and is cut there, whole on hover, so the legend stays short and the map shows
    # without scrolling (a legend holding all 5,000 characters pushed it below the fold)
    assert LONG not in legend.inner_text() and "ZZZZ…" in legend.inner_text()
    assert legend.locator(f"span[title='{LONG}']").count() == 1
    box = canvas_box(page)
    assert box["y"] + box["height"] <= page.viewport_size["height"], box
    lviv = hover_stop(page, spy, 49.8397, 24.0297, HOSTILE_ACTOR)
    assert HOSTILE_ACTOR in lviv and "Lviv" in lviv, lviv
    screenshot(page, "hostile-tooltip", full=False)
    kyiv = hover_stop(page, spy, 50.4501, 30.5234)
    # The evidence of Blinken's stop carries a script tag; the other stop there is named by
    # a 5,000-character word, shown cut, as text, in a tooltip no wider than the map.
    assert SCRIPT in kyiv or "ZZZZZZZZ" in kyiv, kyiv
    tip = page.locator(".deck-tooltip").bounding_box()
    assert tip["width"] < 600 and tip["height"] < 700, tip
    assert_clean(page, dialogs, "routes map")


def test_sources_page_reads_the_hostile_article_as_text(hostile, page):
    base, _ = hostile
    dialogs = watch(page)
    open_page(page, f"{base}/evidence?article={urllib.parse.quote(HOSTILE_ID)}",
              "Facts extracted from this article")
    assert_clean(page, dialogs, "sources")
    text = body_text(page)
    # The title (a heading rendered from Markdown) and the highlighted article (HTML).
    for piece in (SCRIPT, IMG, JS_LINK, ENTITIES_DECODED):
        assert text.count(piece) >= 2, (piece, text[:2000])
    assert AUTOLINKS in text  # as text: no link, no icon (assert_clean)
    assert MD_LINK in text and LONG in text
    # The title's "AT&amp;T" (as stored) reads so in the heading, not as "AT&T".
    heading = page.locator("h3").filter(has_text="Talks in Kyiv").first.inner_text()
    assert TRIPLE_STORED in heading and SCRIPT in heading, heading
    assert page.evaluate(OVERFLOW_JS) == []  # the 5,000-character word wraps
    assert HOSTILE_SOURCE in text  # the outlet in the caption
    # The article's url is javascript:, so no "Open the original page" button.
    assert page.get_by_text("Open the original page").count() == 0
    marks = page.locator("[data-testid='stHtml'] mark")
    assert marks.count() >= 4
    assert SCRIPT in " ".join(marks.all_inner_texts())
    screenshot(page, "hostile-article", full=False)

    # A search for the markup finds the sentences, and the URL carries it back.
    open_page(page, f"{base}/evidence?q={urllib.parse.quote(SCRIPT)}", "Articles holding")
    assert f"Articles holding “{SCRIPT}”" in body_text(page)
    assert_clean(page, dialogs, "evidence search")


def test_hostile_names_in_url_filters_are_values_not_markup(hostile, page):
    base, _ = hostile
    dialogs = watch(page)
    query = urllib.parse.urlencode([("diplomat", HOSTILE_ACTOR), ("outlet", HOSTILE_SOURCE)])
    open_page(page, f"{base}/route-map?{query}", "Stops and the sentences behind them")
    text = body_text(page)
    assert f"Routes of {HOSTILE_ACTOR}" in text
    assert_clean(page, dialogs, "routes filtered by a hostile name")
    open_page(page, f"{base}/diplomats?person={urllib.parse.quote(HOSTILE_ACTOR)}",
              "Counterparts met")
    assert HOSTILE_ACTOR in body_text(page)
    assert_clean(page, dialogs, "people")
    for extra in ("aid-amounts?aid_by=donor", "casualty-figures?place=*"):
        open_page(page, f"{base}/{extra}")
        assert_clean(page, dialogs, extra)
    # The donor and reporter reach the charts' hover labels and the tables as text; the
    # charts are SVG, where markup cannot become elements.
    assert HOSTILE_DONOR and HOSTILE_REPORTER


def test_dashboard_keeps_answering_through_a_rebuild(tmp_path, page):
    """A browser loads the Sources page in a loop while `python -m etl build` replaces the
    database file; every load draws the page, and the added article shows afterwards in the
    same server (no restart)."""
    articles = tmp_path / "articles"
    # 120 articles: the rebuild takes several seconds after its start-up (several page loads
    # at a few seconds each fall inside it, the swap among them); 300 only made it longer
    write_good_articles(articles, 120, seed=11)
    db = tmp_path / "live.duckdb"
    first = etl_build(articles, db)
    assert first.returncode == 0, first.stderr
    # The rebuild: one article more, and every article extracted again (--rebuild) so the
    # build takes a while.
    write_good_articles(articles, 1, seed=12, start=900)
    added = "gen-00900"
    with serve(db, tmp_path / "streamlit.log") as base:
        open_page(page, f"{base}/evidence", "Articles,")
        before = os.stat(db).st_ino
        process = subprocess.Popen(
            [sys.executable, "-m", "etl", "build", "--articles", str(articles), "--db",
             str(db), "--rebuild"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        loads = during = 0
        while process.poll() is None or loads < 3:
            during += process.poll() is None
            open_page(page, f"{base}/evidence?q=arrived", "Articles holding")
            assert page.locator("[data-testid='stException']").count() == 0
            assert page.locator("[data-testid='stAlertContentError']").count() == 0
            loads += 1
        assert process.wait(timeout=120) == 0, process.stderr.read().decode()
        assert os.stat(db).st_ino != before  # the file was swapped, not rewritten in place
        open_page(page, f"{base}/evidence?article={added}", "Facts extracted from this article")
        assert "Report number 900" in body_text(page)
        assert loads >= 3 and during >= 1
