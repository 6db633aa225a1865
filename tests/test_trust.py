"""Event confidence and review state (etl/trust.py, etl/sql/post/event_trust.sql): written
mentions with the outlets and confidences they came with, the marts built, and the trust
columns read back. The tests check the rules (agreeing outlets raise it, reprints do not,
conflicting statuses lower it, a report of an earlier stage is no conflict) rather than the
weights, which the extraction engine's calibration will move."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.events import build_marts
from etl.load import create_schema


class Facts:
    """Articles and visit, aid and casualty mentions with a confidence, in the raw tables."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.n = 0

    def article(self, article_id: str, published: str, source: str | None) -> str:
        self.con.execute(
            "insert into articles (id, title, source, published, published_precision, "
            "sha256, text) values (?, ?, ?, ?, 'day', ?, 'Body.')",
            [article_id, article_id, source, date.fromisoformat(published), "0" * 64])
        return article_id

    def _id(self) -> str:
        self.n += 1
        return hashlib.sha1(str(self.n).encode()).hexdigest()[:16]

    def visit(self, article: str, actor: str, place: str, country: str, status: str,
              confidence: float | None, day: str = "2024-09-11",
              reasons: tuple[str, ...] = ("place: dest of 'arrived'",)) -> str:
        mention = self._id()
        self.con.execute(
            "insert into mentions_visit (mention_id, article_id, actor, place, country, date, "
            "date_precision, status, evidence, evidence_start, evidence_end, confidence, "
            "confidence_reasons) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 10, ?, ?)",
            [mention, article, actor, place, country, day,
             {10: "day", 7: "month"}[len(day)], status, f"{actor} visit.", confidence,
             list(reasons)])
        return mention

    def aid(self, article: str, status: str, confidence: float) -> str:
        mention = self._id()
        self.con.execute(
            "insert into mentions_aid (mention_id, article_id, donor, recipient, amount, "
            "currency, aid_type, status, date, date_precision, evidence, evidence_start, "
            "evidence_end, confidence, confidence_reasons) values (?, ?, 'Japan', 'Ukraine', "
            "1e9, 'JPY', 'financial', ?, '2024-06', 'month', 'Aid.', 0, 4, ?, ['donor named'])",
            [mention, article, status, confidence])
        return mention

    def casualty(self, article: str, confidence: float) -> str:
        mention = self._id()
        self.con.execute(
            "insert into mentions_casualty (mention_id, article_id, metric, value, as_of, "
            "as_of_precision, evidence, evidence_start, evidence_end, confidence) "
            "values (?, ?, 'killed', 12, '2024-06-01', 'day', 'Twelve died.', 0, 12, ?)",
            [mention, article, confidence])
        return mention


@pytest.fixture
def con(tmp_path: Path):
    connection = duckdb.connect(str(tmp_path / "trust.duckdb"))
    create_schema(connection)
    yield connection
    connection.close()


@pytest.fixture
def facts(con) -> Facts:
    return Facts(con)


def stop(con, actor: str) -> dict:
    cursor = con.execute("select status, confidence, confidence_reasons, review_state, "
                         "reviewed_by from stops where actor = ?", [actor])
    (row,) = cursor.fetchall()
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def test_independent_outlets_agreeing_raise_it_and_a_reprint_does_not(con, facts):
    one = facts.article("one", "2024-09-11", "Wire A")
    facts.visit(one, "Ana Alone", "Kyiv", "UA", "occurred", 0.7)
    facts.visit(one, "Ana Twice", "Kyiv", "UA", "occurred", 0.7)
    facts.visit(one, "Ana Reprinted", "Kyiv", "UA", "occurred", 0.7)
    other = facts.article("other", "2024-09-11", "Paper B")
    facts.visit(other, "Ana Twice", "Kyiv", "UA", "occurred", 0.6)
    reprint = facts.article("reprint", "2024-09-11", "Wire A via Paper C")
    facts.visit(reprint, "Ana Reprinted", "Kyiv", "UA", "occurred", 0.6)
    build_marts(con)

    alone, twice, reprinted = (stop(con, n) for n in ("Ana Alone", "Ana Twice",
                                                       "Ana Reprinted"))
    assert alone["confidence"] == 0.7  # one report: its own confidence
    assert twice["confidence"] > alone["confidence"]
    assert reprinted["confidence"] == alone["confidence"]
    assert "2 independent outlets agree (also Paper B)" in twice["confidence_reasons"]
    assert "one outlet only" in reprinted["confidence_reasons"]
    assert twice["confidence_reasons"][0].startswith("best report 0.70 from Wire A: place")


def test_a_conflicting_status_lowers_it_and_an_earlier_stage_does_not(con, facts):
    early = facts.article("early", "2024-09-09", "Paper B")
    late = facts.article("late", "2024-09-11", "Wire A")
    # planned on Monday, done on Wednesday: the same story told later
    facts.visit(early, "Ben Progress", "Kyiv", "UA", "planned", 0.6, day="2024-09")
    facts.visit(late, "Ben Progress", "Kyiv", "UA", "occurred", 0.7)
    # called off in one outlet, done in another: a conflict
    facts.visit(early, "Ben Conflict", "Kyiv", "UA", "cancelled", 0.6)
    facts.visit(late, "Ben Conflict", "Kyiv", "UA", "occurred", 0.7)
    facts.visit(late, "Ben Alone", "Kyiv", "UA", "occurred", 0.7)
    build_marts(con)

    progress, conflict, alone = (stop(con, n) for n in ("Ben Progress", "Ben Conflict",
                                                        "Ben Alone"))
    assert progress["status"] == "occurred"
    assert progress["confidence"] > alone["confidence"]
    assert not any("another status" in r for r in progress["confidence_reasons"])
    assert conflict["confidence"] < alone["confidence"]
    other = conflict["status"] == "occurred" and "Paper B: cancelled" or "Wire A: occurred"
    assert f"1 outlet reports another status: {other}" in conflict["confidence_reasons"]


def test_aid_stages_and_casualty_figures_and_added_facts(con, facts):
    may = facts.article("may", "2024-05-01", "Paper B")
    june = facts.article("june", "2024-06-20", "Wire A")
    facts.aid(may, "pledged", 0.6)
    facts.aid(june, "delivered", 0.7)
    facts.casualty(may, 0.74)
    facts.casualty(june, 0.74)
    facts.visit(june, "Cleo Added", "Lima", "PE", "occurred", None)
    build_marts(con)

    (aid,) = con.execute("select status, confidence, confidence_reasons from aid").fetchall()
    assert aid[0] == "delivered" and aid[1] > 0.7
    assert not any("another status" in r for r in aid[2])
    (casualty,) = con.execute("select confidence, confidence_reasons from casualty_reports"
                              ).fetchall()
    assert casualty[0] > 0.74 and "2 independent outlets agree (also Wire A)" in casualty[1]
    added = stop(con, "Cleo Added")
    assert added["confidence"] == 0.5
    assert any("no extractor confidence" in r for r in added["confidence_reasons"])


def test_every_event_and_leg_is_unreviewed_without_corrections(con, facts):
    first = facts.article("first", "2024-09-10", "Wire A")
    facts.visit(first, "Dan Route", "Warsaw", "PL", "occurred", 0.8, day="2024-09-10")
    facts.visit(first, "Dan Route", "Kyiv", "UA", "occurred", 0.6, day="2024-09-11")
    build_marts(con)

    for table in ("stops", "meetings", "aid", "casualty_reports", "legs"):
        states = con.execute(f"select distinct review_state from {table}").fetchall()
        assert set(states) <= {("unreviewed",)}, table
    (leg,) = con.execute("select confidence, review_state, reviewed_by from legs").fetchall()
    assert leg == (0.6, "unreviewed", [])  # as sure as its weaker end
    facts_rows = con.execute("select fact_type, review_state, confidence, title, source "
                             "from review_facts order by confidence").fetchall()
    assert facts_rows == [("visit", "unreviewed", 0.6, "first", "Wire A"),
                          ("visit", "unreviewed", 0.8, "first", "Wire A")]
