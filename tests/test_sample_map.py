"""The map a new user sees on the bundled sample: no stop the articles do not support.

Each test names a false stop an earlier engine drew from the sample (read from a place
phrase near a name instead of from the grammar) and checks the real build of data/articles
no longer has it, while the true stops of the same sentences are there.
"""

from __future__ import annotations

import duckdb
import pytest


@pytest.fixture(scope="module")
def sample(sample_db):
    """The real build of data/articles (tests/conftest.py sample_db), read-only."""
    con = duckdb.connect(str(sample_db), read_only=True)
    yield con
    con.close()


def stops(con, actor: str, country: str) -> list[tuple]:
    return con.execute("select place, status, date from stops where actor = ? and country = ? "
                       "order by date", [actor, country]).fetchall()


def test_arms_deliveries_to_russia_put_no_diplomat_in_russia(sample):
    assert stops(sample, "Antony Blinken", "RU") == []
    assert stops(sample, "David Lammy", "RU") == []


def test_a_sentence_about_pelosi_puts_biden_nowhere(sample):
    assert stops(sample, "Joe Biden", "TW") == []
    assert [s[1] for s in stops(sample, "Nancy Pelosi", "TW")] == ["occurred"]


def test_was_to_leave_for_israel_is_a_plan(sample):
    skopje_day = [s for s in stops(sample, "Antony Blinken", "IL") if s[2] == "2023-11-29"]
    assert skopje_day and all(status == "planned" for _, status, _ in skopje_day)


def test_a_clock_in_beijing_is_no_stop_there(sample):
    rows = sample.execute(
        "select count(*) from mentions_visit where actor = 'Joe Biden' and country = 'CN' "
        "and evidence like '%morning in Beijing%'").fetchone()
    assert rows == (0,)


def test_a_leader_at_home_is_no_stop(sample):
    # Xi in China is at home: a stop there would be a sentence about where he stayed or
    # spoke ("Xi has not left China since ...", tests/extract_examples.py).
    assert [s for s in stops(sample, "Xi Jinping", "CN") if s[1] == "occurred"] == []
