"""The Review page and the "Verified facts only" filter under streamlit's AppTest, against a
database the real build makes from the fixture articles, with a corrections file of its own:
the queue puts the least sure fact first, each action is a line of the file that the queue
counts before the next build does, a withdrawal brings a fact back, and with the toggle on
the pages show reviewed facts only and say so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build
from tests.readdb import query

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def setup(tmp_path: Path, fixture_articles: Path, monkeypatch):
    corpus = tmp_path / "articles"
    shutil.copytree(fixture_articles, corpus)
    db, path = tmp_path / "shuttle.duckdb", tmp_path / "corrections.jsonl"
    build([corpus], db, corrections=path)
    monkeypatch.setenv("SHUTTLE_DB", str(db))
    monkeypatch.setenv("SHUTTLE_CORRECTIONS", str(path))
    monkeypatch.setenv("SHUTTLE_USER", "queue-user")
    return corpus, db, path


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = [value]
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def progress(at: AppTest) -> str:
    return at.get("progress")[0].proto.text


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def fact_of(db: Path, line: dict) -> tuple:
    """(mention_id, confidence) of the built fact a line names, found by its evidence."""
    target = line["target"]
    rows = query(db, "select mention_id, confidence from review_facts where article_id = ? "
                     "and fact_type = ? and evidence = ?",
                 [target["article_id"], target["type"], target["evidence"]])
    assert rows, target
    return rows[0]


def test_the_queue_goes_least_sure_first_and_counts_what_waits_for_the_build(setup):
    corpus, db, path = setup
    (total,) = query(db, "select count(*) from review_facts")[0]
    confidences = sorted(c for (c,) in query(db, "select confidence from review_facts"))
    at = open_page("views/review.py", week="all")
    assert progress(at) == f"0 of {total} reviewed · {total} to go"

    at.button(key="review_verify").click().run()
    assert progress(at) == f"1 of {total} reviewed · {total - 1} to go"
    [verify] = lines(path)
    assert (verify["action"], verify["user"]) == ("verify", "queue-user")
    assert verify["reason"] == "checked against the evidence sentence"
    assert fact_of(db, verify)[1] == confidences[0]  # the least sure fact came first

    at.text_input(key="review_reason").set_value("a speech, not a visit")
    at.button(key="review_reject").click().run()
    assert progress(at) == f"2 of {total} reviewed · {total - 2} to go"
    reject = lines(path)[1]
    assert (reject["action"], reject["reason"]) == ("reject", "a speech, not a visit")
    assert fact_of(db, reject)[1] == confidences[1]
    assert at.text_input(key="review_reason").value == ""  # ready for the next fact

    # the reject is taken back before any build: the fact is in the queue again
    at.button(key=f"withdraw_{reject['id']}").click().run()
    assert progress(at) == f"1 of {total} reviewed · {total - 1} to go"
    withdrawal = lines(path)[2]
    assert (withdrawal["action"], withdrawal["withdraws"]) == ("withdraw", reject["id"])

    build([corpus], db, corrections=path)
    states = dict(query(db, "select review_state, count(*) from review_facts group by all"))
    assert states == {"verified": 1, "unreviewed": total - 1}
    assert query(db, "select review_state from review_facts where mention_id = ?",
                 [fact_of(db, verify)[0]]) == [("verified",)]
    at = open_page("views/review.py", week="all")
    assert progress(at) == f"1 of {total} reviewed · {total - 1} to go"


def test_skip_and_edit_from_the_queue(setup):
    corpus, db, path = setup
    at = open_page("views/review.py", week="all")
    first = at.markdown[[m.value.startswith("**") for m in at.markdown].index(True)].value
    at.button(key="review_skip").click().run()
    assert at.markdown[[m.value.startswith("**") for m in at.markdown].index(True)].value \
        != first
    assert not path.exists() or path.read_text(encoding="utf-8") == ""  # skipping writes nothing

    at.button(key="review_edit").click().run()
    [status] = [s for s in at.selectbox if (s.key or "").endswith("_status")]
    old = status.value
    new = next(o for o in status.options if o and o != old)
    status.set_value(new)
    at.text_input(key="review_edit_reason").set_value("the article says otherwise")
    at.button(key="review_edit_save").click().run()
    assert not at.exception
    [edit] = lines(path)
    assert (edit["action"], edit["changes"]) == ("edit", {"status": new})
    assert edit["before"]["status"] == old
    build([corpus], db, corrections=path)
    assert query(db, "select review_state, status from review_facts where correction_id = ?",
                 [edit["id"]]) == [("corrected", new)]
