"""The dashboard in a real browser: every page draws its content at 1920x1080, no errors."""

from __future__ import annotations

import duckdb
import pytest

from tests.browser.conftest import screenshot, wait_for_app
from tests.browser.maptools import DeckSpy, canvas_box, dot_at, on_canvas

pytestmark = pytest.mark.browser

DECK = "[data-testid='stDeckGlJsonChart']"


def assert_no_console_errors(page) -> None:
    assert page.console_errors == [], page.console_errors


def test_routes_map_legend_and_tooltip(server, page, browser_db):
    spy = DeckSpy(page)
    page.goto(f"{server}/")
    wait_for_app(page, "Stops and the sentences behind them")
    assert page.get_by_role("heading", name="Routes", exact=True).is_visible()
    assert page.get_by_text("Routes of all diplomats, 2014-2024").is_visible()
    for name in ("Antony Blinken", "David Lammy", "John Kerry"):
        assert page.locator("[data-testid='stHtml']").get_by_text(name).first.is_visible()
    box = canvas_box(page)
    screenshot(page, "routes")

    # Hover a dot at Kyiv, where it is drawn in the view the page was sent.
    kyiv = dot_at(spy.last(), 50.4501, 30.5234)
    x, y = on_canvas(spy.last(), kyiv["position"], box)
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.inner_text()
    assert "Kyiv, Ukraine" in text
    assert "occurred" in text
    assert "sources" in text or "source" in text
    screenshot(page, "routes-tooltip")
    assert_no_console_errors(page)


def test_routes_url_reproduces_the_view(server, page):
    page.goto(f"{server}/?diplomat=John+Kerry&years=2014&years=2014")
    wait_for_app(page, "Stops and the sentences behind them")
    assert page.get_by_text("Routes of John Kerry, 2014").is_visible()
    legend = page.locator("[data-testid='stHtml']").first
    assert "John Kerry" in legend.inner_text()
    assert "Antony Blinken" not in legend.inner_text()
    screenshot(page, "routes-kerry-2014")
    assert_no_console_errors(page)


def test_routes_empty_view_says_why(server, page):
    page.goto(f"{server}/?diplomat=Olaf+Scholz&years=2014&years=2015")
    wait_for_app(page, "No stops for Olaf Scholz")
    assert page.get_by_text("widen the year range").is_visible()
    screenshot(page, "routes-empty")
    assert_no_console_errors(page)


def test_aid_page(server, page, browser_db):
    page.goto(f"{server}/aid-amounts")
    wait_for_app(page, "Packages, their stages and the sentences behind them")
    assert page.get_by_role("heading", name="Aid", exact=True).is_visible()
    assert page.get_by_text("counted once at their furthest stage").first.is_visible()
    chart = page.locator("[data-testid='stPlotlyChart']").first
    assert "United Kingdom" in chart.inner_text()
    assert "Aid by donor" in chart.inner_text()
    assert "Delivered so far" in chart.inner_text()
    # the Trust entries of the legend, in the map legend's words (ui/trust.LEGEND)
    assert "hatched: unreviewed, confidence below 0.7" in chart.inner_text()
    assert "dark outline: verified by an analyst" in chart.inner_text()
    con = duckdb.connect(str(browser_db), read_only=True)
    (articles,) = con.execute("select count(distinct article_id) from event_mentions e "
                              "join aid on aid.aid_id = e.event_id where e.event_type = 'aid' "
                              "and aid.package_id is not null").fetchone()
    con.close()
    assert f"Source: {articles} articles, Shuttle" in chart.inner_text()
    screenshot(page, "aid")
    assert_no_console_errors(page)


def test_casualties_page(server, page):
    page.goto(f"{server}/casualty-figures")
    wait_for_app(page, "Reports and the sentences behind them")
    chart = page.locator("[data-testid='stPlotlyChart']").first
    text = chart.inner_text()
    assert "Casualty figures, eastern Ukraine, by reporting source" in text
    # "The UN says the conflict ... has killed at least 4,634 people": under the UN's name
    assert "United Nations" in text and "≥4,634" in text
    assert "ring: verified by an analyst" in text
    assert "hollow: unreviewed, confidence below 0.7" in text
    screenshot(page, "casualties")
    assert_no_console_errors(page)


def test_people_page(server, page):
    page.goto(f"{server}/diplomats?person=Antony+Blinken")
    wait_for_app(page, "Counterparts met")
    assert page.get_by_role("heading", name="Antony Blinken", exact=True).is_visible()
    assert page.locator(f"{DECK} canvas").first.is_visible()
    assert "Offices held by Antony Blinken" in page.locator(
        "[data-testid='stPlotlyChart']").first.inner_text()
    screenshot(page, "people")
    assert_no_console_errors(page)


def test_sources_page_highlights_evidence(server, page):
    page.goto(f"{server}/evidence?q=Kyiv&article=2024-09-11-blinken-and-lammy-in-kyiv")
    wait_for_app(page, "Facts extracted from this article")
    marks = page.locator("[data-testid='stHtml'] mark")
    assert marks.count() >= 2
    assert any("arrived in Kyiv on Wednesday" in marks.nth(i).inner_text()
               for i in range(marks.count()))
    screenshot(page, "sources")
    assert_no_console_errors(page)
