"""Corrections in a real browser: reject a fact on the Sources page, see it on the audit page.

Runs its own `streamlit run` against a database built by the real ETL from the fixture
articles, with a corrections file of its own (the shared server's database is read by every
other browser test).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from tests.browser.conftest import screenshot, start_server, wait_for_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PARIS = "2024-04-15-paris-conference-pledges-for-sudan"


@pytest.fixture(scope="module")
def corrections_server(tmp_path_factory, fixture_articles):
    """(base URL, corrections file) of a server reading a freshly built fixture database."""
    folder = tmp_path_factory.mktemp("corrections-browser")
    db, path = folder / "shuttle.duckdb", folder / "corrections.jsonl"
    build([fixture_articles], db, corrections=path)
    for base in start_server(db, folder, {"SHUTTLE_CORRECTIONS": str(path),
                                          "SHUTTLE_USER": "browser-user"}):
        yield base, path, db


def test_reject_on_the_sources_page_then_the_audit_page(corrections_server, page):
    base, path, db = corrections_server
    # A fresh server answers its very first request for a page path with "Page not found"
    # (st.navigation has not run yet): open the main page first.
    page.goto(f"{base}/")
    wait_for_app(page, "Routes")
    page.goto(f"{base}/evidence?article={PARIS}")
    wait_for_app(page, "Correct the facts of this article")
    page.get_by_text("Correct the facts of this article").click()
    # no fact is picked until the analyst clicks the row of the one to correct
    page.get_by_text("Pick the fact").first.wait_for(state="visible")
    assert page.get_by_role("button", name="Save the correction").count() == 0
    con = duckdb.connect(str(db), read_only=True)
    [(mention,)] = con.execute("select mention_id from mentions_aid where article_id = ? "
                               "order by evidence_start limit 1", [PARIS]).fetchall()
    con.close()
    page.locator(f".st-key-pick_reject_{mention}").get_by_role("button", name="Reject").click()
    reason = page.get_by_role("textbox", name="Reason")
    reason.wait_for(state="visible")
    reason.fill("a conference total, not one donor's pledge")
    reason.press("Enter")
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Save the correction").click()
    page.get_by_text("Saved correction").first.wait_for(state="visible", timeout=20_000)
    screenshot(page, "correction-saved", full=False)
    [line] = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert (record["action"], record["user"], record["target"]["article_id"]) == \
        ("reject", "browser-user", PARIS)
    assert record["before"]["amount"] == record["target"]["amount"]  # the fact clicked
    assert record["reason"] == "a conference total, not one donor's pledge"

    page.goto(f"{base}/audit")
    wait_for_app(page, "1 correction, newest first")
    assert page.get_by_text("0 applied, 0 orphaned, 0 lapsed, 0 withdrawn, 1 waiting for the "
                            "next build.", exact=False).is_visible()
    screenshot(page, "corrections-audit", full=False)
    assert page.console_errors == [], page.console_errors
