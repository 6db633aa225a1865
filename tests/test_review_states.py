"""Review states through the real build: a verification is a correction like the others
(stored, audited, applied again on every build), it lapses when the sentence or the fact it
vouched for changes, and every correction can be withdrawn by a line of its own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl import corrections as cx
from etl.build import build
from etl.model import Article
from tests.readdb import query

ROOT = Path(__file__).resolve().parent.parent
TOKYO = "2023-11-06-blinken-heads-to-g7-in-tokyo"
PARIS = "2024-04-15-paris-conference-pledges-for-sudan"


def cli(db: Path, path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SHUTTLE_USER": "cli-user"}
    return subprocess.run([sys.executable, "-m", "etl", "correct", *args, "--db", str(db),
                           "--corrections", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def state_of(db: Path, mention_ids: list[str]) -> dict[str, str]:
    rows = query(db, "select mention_id, review_state from review_facts "
                     "where list_contains(?, mention_id)", [mention_ids])
    return dict(rows)


@pytest.fixture
def built(tmp_path: Path, fixture_articles: Path):
    corpus = tmp_path / "articles"
    shutil.copytree(fixture_articles, corpus)
    db, path = tmp_path / "shuttle.duckdb", tmp_path / "corrections.jsonl"
    build([corpus], db, corrections=path)
    return corpus, db, path


def test_verify_from_the_cli_is_kept_across_builds_and_marks_the_event(built):
    corpus, db, path = built
    [(mention, stop_id)] = query(db, """
        select m.mention_id, e.event_id from mentions_visit m
        join event_mentions e on e.mention_id = m.mention_id and e.event_type = 'stop'
        where m.article_id = ? and m.place = 'Tokyo'""", [TOKYO])
    done = cli(db, path, "verify", mention)
    assert done.returncode == 0, done.stderr
    [line] = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert (record["action"], record["user"]) == ("verify", "cli-user")
    assert record["reason"] == "checked against the evidence sentence"
    assert record["before"]["place"] == "Tokyo" and "mention_id" not in record["target"]

    report = build([corpus], db, corrections=path)
    assert "Corrections: 1 applied, 0 orphaned." in report.summary()
    assert query(db, "select review_state, reviewed_by, corrected from review_facts "
                     "join mentions_visit using (mention_id) where mention_id = ?",
                 [mention]) == [("verified", "cli-user", False)]
    assert query(db, "select review_state, reviewed_by, corrected from stops "
                     "where stop_id = ?", [stop_id]) == [("verified", ["cli-user"], False)]
    unreviewed = query(db, "select count(*) from stops where review_state = 'unreviewed'")
    assert unreviewed[0][0] > 0
    # a leg is verified only when both its ends are
    assert query(db, "select count(*) from legs where review_state <> 'unreviewed'") == [(0,)]
    build([corpus], db, corrections=path)
    assert state_of(db, [mention]) == {mention: "verified"}


def test_a_verification_lapses_when_its_sentence_changes(built):
    corpus, db, path = built
    [(mention, evidence)] = query(db, "select mention_id, evidence from mentions_visit "
                                      "where article_id = ? and place = 'Tokyo'", [TOKYO])
    assert cli(db, path, "verify", mention).returncode == 0
    build([corpus], db, corrections=path)
    assert state_of(db, [mention]) == {mention: "verified"}

    file = corpus / f"{TOKYO}.md"
    file.write_text(file.read_text(encoding="utf-8").replace(
        evidence, evidence.replace("on Tuesday", "on Tuesday, officials said privately")),
        encoding="utf-8")
    report = build([corpus], db, corrections=path)
    [(now, again)] = query(db, "select review_state, mention_id from review_facts "
                               "where article_id = ? and place = 'Tokyo'", [TOKYO])
    assert now == "unreviewed"
    assert query(db, "select status, detail from corrections") == [
        ("lapsed", "the evidence sentence changed since it was verified")]
    summary = report.summary()
    assert "Corrections: 0 applied, 0 orphaned, 1 lapsed." in summary
    assert "Verifications that lapsed, their facts unreviewed again (1):" in summary
    # verified again, it holds
    assert cli(db, path, "verify", again).returncode == 0
    build([corpus], db, corrections=path)
    assert state_of(db, [again]) == {again: "verified"}


def test_a_verification_lapses_when_the_fact_it_vouched_for_changes():
    text = "Ana Diaz will fly to Lima on Monday."
    article = Article(id="a1", title="t", text=text)
    fact = {"type": "visit", "actor": "Ana Diaz", "place": "Lima", "country": "PE",
            "date": "2024-01-01", "status": "planned", "evidence": text,
            "evidence_start": 0, "evidence_end": len(text)}
    target = cx.target_of("visit", "a1", fact)
    verify = cx.new_correction("verify", target, "checked", "ana",
                               before={k: fact.get(k) for k in ("actor", "place", "country",
                                                                "date", "status")})
    facts, [result] = cx.apply_to_facts(article, [fact], [verify])
    assert result.status == "applied" and facts[0]["correction_id"] == verify.id
    assert facts[0]["corrected"] is False
    # a new extractor reads the status otherwise: nobody has checked that
    facts, [result] = cx.apply_to_facts(article, [{**fact, "status": "occurred"}], [verify])
    assert (result.status, result.detail) == (
        "lapsed", "the fact changed since it was verified: status planned → occurred")
    assert facts[0]["correction_id"] is None


def test_withdrawing_a_reject_brings_the_fact_back_and_deletes_nothing(built):
    corpus, db, path = built
    [(mention, amount)] = query(db, "select mention_id, amount from mentions_aid "
                                    "where article_id = ? order by evidence_start limit 1",
                                [PARIS])
    assert cli(db, path, "reject", mention, "--reason", "a conference total").returncode == 0
    build([corpus], db, corrections=path)
    assert query(db, "select count(*) from mentions_aid where mention_id = ?",
                 [mention]) == [(0,)]
    [reject] = cx.read_corrections(path)[0]

    done = cli(db, path, "withdraw", reject.id, "--reason", "it was one donor's pledge")
    assert done.returncode == 0, done.stderr
    assert f"withdraw {reject.id} of aid" in done.stdout
    again = cli(db, path, "withdraw", reject.id, "--reason", "twice")
    assert again.returncode == 1 and "already withdrawn" in again.stderr
    unknown = cli(db, path, "withdraw", "0123456789ab", "--reason", "x")
    assert unknown.returncode == 1 and "no correction 0123456789ab" in unknown.stderr
    listing = subprocess.run([sys.executable, "-m", "etl", "correct", "list", "--corrections",
                              str(path), "--db", str(db)], cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
    assert "[withdrawn: by" in listing.stdout and "2 corrections in" in listing.stdout

    report = build([corpus], db, corrections=path)
    assert "1 applied, 0 orphaned, 1 withdrawn" in report.summary()
    assert query(db, "select review_state from review_facts where mention_id = ?",
                 [mention]) == [("unreviewed",)]
    assert query(db, "select amount from mentions_aid where mention_id = ?",
                 [mention]) == [(amount,)]
    [withdrawal] = [c for c in cx.read_corrections(path)[0] if c.action == "withdraw"]
    assert dict(query(db, "select id, status from corrections")) == {
        reject.id: "withdrawn", withdrawal.id: "applied"}
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2  # nothing deleted

    # withdrawing the withdrawal puts the reject back in force
    assert cli(db, path, "withdraw", withdrawal.id, "--reason", "it was a total after all"
               ).returncode == 0
    build([corpus], db, corrections=path)
    assert query(db, "select count(*) from mentions_aid where mention_id = ?",
                 [mention]) == [(0,)]
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3


def test_withdrawal_lines_are_read_in_force_from_the_last_line():
    target = {"article_id": "a1", "type": "casualty", "metric": "killed", "value": 3,
              "evidence": "Three people died."}
    reject = cx.new_correction("reject", target, "a rumour", "ana")
    back = cx.new_correction("withdraw", target, "not a rumour", "ben", withdraws=reject.id)
    stray = cx.new_correction("withdraw", target, "typo", "ben", withdraws="ffffffffffff")
    assert cx.in_force([reject, back, stray]) == []
    fixes = cx.CorrectionSet([reject, back, stray])
    assert [(r.status, r.detail.split(" (")[0]) for r in fixes.results.values()] == [
        ("withdrawn", f"withdrawn by {back.id}"), ("applied", f"withdrew {reject.id}"),
        ("orphaned", "no earlier correction ffffffffffff in the file")]
    assert fixes.article_ids == {"a1"}  # extracted again, so the fact comes back
    with pytest.raises(cx.CorrectionError, match="names no correction"):
        cx.Correction.from_record({**json.loads(back.to_json()), "withdraws": ""})
