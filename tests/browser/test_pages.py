"""The dashboard in a real browser: every page draws its content at 1920x1080, no errors."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_routes(server, page):
    page.goto(f"{server}/")
    wait_for_app(page)
    screenshot(page, "routes")
