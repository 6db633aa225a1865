"""A colleague opening a shared link lands on the page and view it names, on a server that
has answered nobody yet: no "Page not found" notice, the filters from the address applied."""

from __future__ import annotations

import pytest

from tests.browser.conftest import RunSpy

pytestmark = pytest.mark.browser


def test_a_shared_page_link_opens_that_page_on_a_fresh_server(fresh_server, page):
    runs = RunSpy(page)
    page.goto(f"{fresh_server}/aid-amounts?years=2023&years=2024")
    page.get_by_text("Aid by donor").first.wait_for(timeout=60_000)
    runs.idle(page)  # every run of the page has ended: a notice would be up by now
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("Aid by donor, 2023-2024").count() >= 1


# Every page of the menu at its own address, with filters in it: (address, text the page
# shows once it has applied them).
PAGE_LINKS = [
    ("route-map?diplomat=John+Kerry&years=2014&years=2014", "Routes of John Kerry, 2014"),
    ("aid-amounts?years=2023&years=2024", "Aid by donor, 2023-2024"),
    ("casualty-figures?years=2014&years=2014", "by reporting source, 2014"),
    ("diplomats?person=John+Kerry&years=2014&years=2014", "Itinerary of John Kerry, 2014"),
    ("briefing-slides?diplomat=John+Kerry&brief_views=routes", "Routes: "),
    ("evidence?q=Lavrov%27s", "Articles holding “Lavrov's”"),
    ("audit", "Corrections"),
]


def test_every_page_opens_at_its_own_address_with_its_filters(fresh_server, page):
    """Opened as a shared link would be, each page shows itself with the address's filters,
    never the "Page not found" notice (the Routes page's own address, /route-map, once
    raised it: the menu's default page lives at / only)."""
    runs = RunSpy(page)
    for address, text in PAGE_LINKS:
        page.goto(f"{fresh_server}/{address}")
        page.get_by_text(text, exact=False).first.wait_for(timeout=90_000)
        runs.idle(page)  # every run of the page has ended: a notice would be up by now
        assert page.get_by_text("Page not found").count() == 0, address
        assert not [e for e in page.console_errors if "does not seem to exist" in e], address
        assert f"/{address.split('?')[0]}" in page.url, (address, page.url)
    page.goto(f"{fresh_server}/")
    page.get_by_text("Routes of all diplomats").first.wait_for(timeout=90_000)
    assert page.get_by_text("Page not found").count() == 0
