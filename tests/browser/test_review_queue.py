"""The review queue in a real browser on the sample database (data/articles): verify two facts,
reject one, withdraw the rejection, rebuild with `python -m etl build`, and the states are as
left. Then the time the queue takes per fact, keypress to the next fact on screen, printed
as a measurement (never asserted: the machine is shared).

Runs its own `streamlit run` with a corrections file of its own.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl import settings
from tests.browser.conftest import screenshot, start_server, wait_for_app
from tests.conftest import sample_copy
from tests.readdb import query

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CARD = ".st-key-review_card"
TIMED_FACTS = 8


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory, sample_db):
    """(base URL, database, corrections file) of a server reading a copy of the sample
    database (tests/conftest.py sample_db: every article read), with a corrections file of
    its own that does not exist yet."""
    folder = tmp_path_factory.mktemp("review-browser")
    db, path = sample_copy(sample_db, folder / "shuttle.duckdb"), folder / "corrections.jsonl"
    assert not path.exists()
    for base in start_server(db, folder, {"SHUTTLE_CORRECTIONS": str(path),
                                          "SHUTTLE_USER": "queue-browser"}):
        yield base, db, path


def lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def state_of(db: Path, line: dict) -> list[str]:
    """The review states of the built facts a line names (by article, type, evidence and
    identifying fields: one sentence may hold several facts of a type)."""
    from etl.corrections import identity
    from etl.facts import FACT_TYPES

    target = line["target"]
    fields = list(FACT_TYPES[target["type"]].identity)
    rows = query(db, "select review_state, " + ", ".join(fields) + " from review_facts "
                 "where article_id = ? and fact_type = ? and evidence = ?",
                 [target["article_id"], target["type"], target["evidence"]])
    wanted = identity(target["type"], target)
    return [row[0] for row in rows
            if identity(target["type"], dict(zip(fields, [list(v) if isinstance(v, tuple)
                                                         else v for v in row[1:]],
                                                 strict=True))) == wanted]


def fact_state(db: Path, mention_id: str) -> str:
    """The review state the build gave the fact of one mention id."""
    [(found,)] = query(db, "select review_state from review_facts where mention_id = ?",
                       [mention_id])
    return found


def card_fact(page) -> str:
    """The mention id of the fact on the card ("Fact 0123456789abcdef. How it was found")."""
    text = page.locator(CARD).first.inner_text()
    found = re.search(r"Fact ([0-9a-f]{16})\.", text)
    assert found, text
    return found.group(1)


def wait_reviewed(page, n: int, total: int) -> None:
    page.get_by_text(f"{n} of {total} reviewed", exact=False).first.wait_for(
        state="visible", timeout=30_000)
    wait_for_app(page)


def test_verify_reject_withdraw_rebuild_and_the_states_stay(sample_server, page):
    base, db, path = sample_server
    (total,) = query(db, "select count(*) from review_facts")[0]
    page.goto(f"{base}/")
    wait_for_app(page, "Routes")
    page.goto(f"{base}/review-queue?week=all")
    wait_for_app(page, f"0 of {total} reviewed")
    screenshot(page, "review-queue")

    first = card_fact(page)
    page.get_by_role("button", name="Verify").click()
    wait_reviewed(page, 1, total)
    second = card_fact(page)
    assert second != first
    page.locator("h1").click()  # the page has the focus: keys go to the shortcuts
    page.keyboard.press("v")
    wait_reviewed(page, 2, total)
    third = card_fact(page)
    page.get_by_role("textbox", name="Reason (optional)").fill("a forecast, not a fact")
    page.get_by_role("button", name="Reject").click()
    wait_reviewed(page, 3, total)
    assert card_fact(page) != third
    verified_a, verified_b, rejected = lines(path)
    assert [x["action"] for x in (verified_a, verified_b, rejected)] == \
        ["verify", "verify", "reject"]
    assert rejected["reason"] == "a forecast, not a fact"
    screenshot(page, "review-queue-acted")

    page.locator(f".st-key-withdraw_{rejected['id']}").get_by_role(
        "button", name="Withdraw").click()
    wait_reviewed(page, 2, total)
    assert card_fact(page) == third  # the withdrawn rejection's fact is back in the queue
    withdrawal = lines(path)[3]
    assert (withdrawal["action"], withdrawal["withdraws"]) == ("withdraw", rejected["id"])
    assert page.console_errors == [], page.console_errors

    done = subprocess.run([sys.executable, "-m", "etl", "build", "--articles",
                           str(settings.ARTICLES_DIR), "--db", str(db), "--corrections",
                           str(path)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Corrections: 3 applied, 0 orphaned, 1 withdrawn." in done.stderr + done.stdout
    # each fact acted on, by its id (one sentence can hold several facts)
    assert [fact_state(db, m) for m in (first, second, third)] == \
        ["verified", "verified", "unreviewed"]
    assert "verified" in state_of(db, verified_a) and "verified" in state_of(db, verified_b)
    assert "rejected" not in state_of(db, rejected)
    assert dict(query(db, "select id, status from corrections")) == {
        verified_a["id"]: "applied", verified_b["id"]: "applied",
        rejected["id"]: "withdrawn", withdrawal["id"]: "applied"}

    page.goto(f"{base}/review-queue?week=all")
    wait_for_app(page, f"2 of {total} reviewed")
    assert card_fact(page) == third
    assert page.get_by_text("None: the last build applied every correction.").is_visible()
    page.goto(f"{base}/audit")
    wait_for_app(page, "4 corrections, newest first")
    screenshot(page, "review-corrections-audit")
    assert page.console_errors == [], page.console_errors


def test_seconds_per_fact_in_the_queue(sample_server, page):
    """Keypress to the next fact on screen, over TIMED_FACTS facts: the app's share of an
    analyst's time per fact (reading the sentence is the analyst's own)."""
    base, db, path = sample_server
    (total,) = query(db, "select count(*) from review_facts")[0]
    page.goto(f"{base}/")
    wait_for_app(page, "Routes")
    page.goto(f"{base}/review-queue?week=all")
    wait_for_app(page, "reviewed")
    page.locator("h1").click()
    start = int(page.get_by_text(f"of {total} reviewed", exact=False).first.inner_text()
                .split(" of ")[0])
    seen = card_fact(page)
    began = time.monotonic()
    for n in range(1, TIMED_FACTS + 1):
        page.keyboard.press("v")
        page.get_by_text(f"{start + n} of {total} reviewed", exact=False).first.wait_for(
            state="visible", timeout=30_000)
        page.wait_for_function(
            "([sel, old]) => { const e = document.querySelector(sel);"
            " return e && /Fact [0-9a-f]{16}\\./.test(e.innerText)"
            " && !e.innerText.includes('Fact ' + old + '.'); }",
            arg=[CARD, seen], timeout=30_000)  # the next fact drawn, not a card mid-redraw
        seen = card_fact(page)
    seconds = (time.monotonic() - began) / TIMED_FACTS
    print(f"\nreview queue: {seconds:.2f} s per fact from keypress to the next fact shown, "
          f"over {TIMED_FACTS} facts of {total} (sample database, verify by key V)")
    assert len([x for x in lines(path) if x["action"] == "verify"]) >= TIMED_FACTS
    assert page.console_errors == [], page.console_errors
