"""A colleague opening a shared link lands on the page and view it names, on a server that
has answered nobody yet: no "Page not found" notice, the filters from the address applied."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_shared_page_link_opens_that_page_on_a_fresh_server(fresh_server, page):
    page.goto(f"{fresh_server}/aid-amounts?years=2023&years=2024")
    page.get_by_text("Aid by donor").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("Aid by donor, 2023-2024").count() >= 1
