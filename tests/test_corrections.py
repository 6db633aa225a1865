"""Analyst corrections: applied by the real build, kept across rebuilds and text changes,
orphaned (never dropped) when their evidence goes, written by the CLI and by extract."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl import corrections as cx
from etl.build import build
from etl.model import Article
from ui.escape import md

ROOT = Path(__file__).resolve().parent.parent
DERNA = "2023-09-16-derna-flood-toll-figures-differ"
PARIS = "2024-04-15-paris-conference-pledges-for-sudan"
TOKYO = "2023-11-06-blinken-heads-to-g7-in-tokyo"
REJECTED_VALUE = 3166  # the lower of the Derna article's two death tolls


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def one_mention(db: Path, table: str, article_id: str) -> str:
    """The mention_id of the first fact of `table` in the article (by text order)."""
    rows = query(db, f"select mention_id from {table} where article_id = ? "
                 "order by evidence_start, mention_id", [article_id])
    assert rows, f"the extractor finds no {table} fact in {article_id} any more"
    return rows[0][0]


def correct(db: Path, path: Path, action: str, mention_id: str, **changes) -> cx.Correction:
    con = duckdb.connect(str(db), read_only=True)
    try:
        correction = cx.correction_of_mention(con, action, mention_id, f"test {action}",
                                              "tester", changes or None)
    finally:
        con.close()
    cx.append_correction(correction, path)
    return correction


def add(db: Path, path: Path, article_id: str, kind: str, evidence: str,
        **fact) -> cx.Correction:
    con = duckdb.connect(str(db), read_only=True)
    try:
        correction = cx.correction_of_addition(con, article_id, kind, evidence, fact,
                                               "the extractor missed it", "tester")
    finally:
        con.close()
    cx.append_correction(correction, path)
    return correction


def sentence_of(db: Path, article_id: str, containing: str) -> str:
    rows = query(db, "select text from sentences where article_id = ? and contains(text, ?) "
                 "order by n", [article_id, containing])
    assert rows, f"no sentence of {article_id} contains {containing!r}"
    return rows[0][0]


@pytest.fixture
def corpus(tmp_path: Path, fixture_articles: Path) -> Path:
    """A copy of the fixture articles that a test may change."""
    target = tmp_path / "articles"
    shutil.copytree(fixture_articles, target)
    return target


@pytest.fixture
def setup(tmp_path: Path, corpus: Path):
    """A first build without corrections, and an empty corrections file beside it."""
    db = tmp_path / "shuttle.duckdb"
    path = tmp_path / "corrections.jsonl"
    build([corpus], db, corrections=path)
    return corpus, db, path


@pytest.fixture
def corrected(setup):
    """Three corrections made against the first build and a build that applies them:
    a rejected casualty figure, an edited aid recipient, a visit added in Tokyo."""
    corpus, db, path = setup
    single = query(db, """
        select mention_id from event_mentions join casualty_reports
            on event_id = report_id and event_type = 'casualty'
        where sources = 1 and article_id = ? and metric = 'killed' and value = ?""",
        [DERNA, REJECTED_VALUE])
    assert single, "no single-source casualty figure in the Derna fixture"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert cx.mention_target(con, single[0][0])[2]["value"] == REJECTED_VALUE
    finally:
        con.close()
    rejected = correct(db, path, "reject", single[0][0])
    edited = correct(db, path, "edit", one_mention(db, "mentions_aid", PARIS),
                     recipient="Chad", status="delivered")
    evidence = sentence_of(db, TOKYO, "Tokyo")
    added = add(db, path, TOKYO, "visit", evidence, actor="Rahm Emanuel", place="Tokyo",
                country="JP", date="2023-11-07", status="occurred")
    report = build([corpus], db, corrections=path)
    return corpus, db, path, report, (rejected, edited, added)


def state(db: Path) -> dict:
    """What the corrections of `corrected` did, read back from the database; `rejected`
    counts the facts of the Derna article that the reject names (by its stored target)."""
    return {
        "rejected": query(db, "select count(*) from mentions_casualty "
                              "where article_id = ? and metric = 'killed' and value = ?",
                          [DERNA, REJECTED_VALUE])[0][0],
        "edited": query(db, "select recipient, status, corrected, correction_id "
                            "from mentions_aid where corrected"),
        "added": query(db, "select actor, place, evidence_start, evidence_end, evidence "
                           "from mentions_visit where actor = 'Rahm Emanuel'"),
        "orphaned": query(db, "select id, why from corrections_orphaned order by id"),
    }


def test_reject_removes_the_fact_from_mentions_and_marts(corrected):
    _, db, _, report, (rejected, _, _) = corrected
    metric, value = rejected.target["metric"], rejected.target["value"]
    assert state(db)["rejected"] == 0
    assert query(db, "select count(*) from casualty_reports where metric = ? and value = ?",
                 [metric, value]) == [(0,)]
    assert query(db, "select status, mentions from corrections where id = ?",
                 [rejected.id]) == [("applied", 1)]
    assert "Corrections: 3 applied, 0 orphaned." in report.summary()


def test_edit_changes_fields_and_flags_the_event(corrected):
    _, db, _, _, (_, edited, _) = corrected
    assert state(db)["edited"] == [("Chad", "delivered", True, edited.id)]
    aid = query(db, "select recipient, status, corrected from aid where recipient = 'Chad'")
    assert aid == [("Chad", "delivered", True)]
    assert query(db, "select count(*) from aid where corrected") == [(1,)]
    links = query(db, "select corrected, correction_id from event_mentions "
                      "where event_type = 'aid' and corrected")
    assert links == [(True, edited.id)]


def test_add_creates_a_fact_at_the_offsets_of_its_evidence(corrected):
    _, db, _, _, (_, _, added) = corrected
    [(actor, place, start, end, evidence)] = state(db)["added"]
    assert (actor, place, evidence) == ("Rahm Emanuel", "Tokyo", added.evidence)
    (text,) = query(db, "select text from articles where id = ?", [TOKYO])[0]
    assert text[start:end] == added.evidence
    stops = query(db, "select place, status, corrected from stops where actor = 'Rahm Emanuel'")
    assert stops == [("Tokyo", "occurred", True)]


def test_uncorrected_events_are_not_flagged(corrected):
    _, db, _, _, _ = corrected
    for table in ("stops", "meetings", "aid", "casualty_reports"):
        flags = dict(query(db, f"select corrected, count(*) from {table} group by all"))
        assert flags.get(False, 0) > 0, table
    assert query(db, "select count(*) from stops where corrected") == [(1,)]


def test_corrections_survive_a_rebuild_and_follow_the_file(corrected):
    corpus, db, path, _, _ = corrected
    before = state(db)
    again = build([corpus], db, corrections=path)
    assert state(db) == before
    # the corrected articles are extracted again, the others reused
    assert (again.extracted, again.reused) == (3, again.articles_read - 3)
    # with the corrections gone, the next build restores what the extractor says
    path.write_text("", encoding="utf-8")
    build([corpus], db, corrections=path)
    after = state(db)
    assert after["edited"] == [] and after["added"] == [] and after["rejected"] == 1


def test_corrections_survive_a_paragraph_added_above_the_evidence(corrected):
    corpus, db, path, _, _ = corrected
    before = state(db)
    for article_id in (DERNA, PARIS, TOKYO):
        file = corpus / f"{article_id}.md"
        head, sep, body = file.read_text(encoding="utf-8").partition("\n---\n")
        file.write_text(head + sep + "Updated with a correction notice.\n\n" + body,
                        encoding="utf-8")
    report = build([corpus], db, corrections=path)
    assert "3 applied, 0 orphaned" in report.summary()
    after = state(db)
    assert after["rejected"] == 0 and after["orphaned"] == []
    assert after["edited"] == before["edited"]
    [(_, _, start, end, evidence)] = after["added"]
    shift = len("Updated with a correction notice.\n\n")
    assert (start, end) == (before["added"][0][2] + shift, before["added"][0][3] + shift)
    (text,) = query(db, "select text from articles where id = ?", [TOKYO])[0]
    assert text[start:end] == evidence


def test_a_correction_whose_evidence_is_gone_is_listed_as_orphaned(corrected):
    corpus, db, path, _, (_, _, added) = corrected
    file = corpus / f"{TOKYO}.md"
    text = file.read_text(encoding="utf-8")
    assert added.evidence in text
    file.write_text(text.replace(added.evidence, "The trip was postponed."),
                    encoding="utf-8")
    report = build([corpus], db, corrections=path)
    assert state(db)["orphaned"] == [(added.id, "the evidence is no longer in the article")]
    assert state(db)["added"] == []
    summary = report.summary()
    assert "2 applied, 1 orphaned" in summary and f"  {added.id} add visit" in summary
    assert query(db, "select status from corrections where id = ?", [added.id]) == \
        [("orphaned",)]
    # an article that is gone orphans its corrections too
    (corpus / f"{PARIS}.md").unlink()
    build([corpus], db, corrections=path)
    why = dict(query(db, "select action, why from corrections_orphaned"))
    assert why == {"add": "the evidence is no longer in the article",
                   "edit": "the article was not in this build"}


def test_a_correction_whose_fact_is_gone_is_orphaned_with_its_reason(setup, corpus):
    _, db, path = setup
    evidence = sentence_of(db, TOKYO, "Tokyo")
    target = {"article_id": TOKYO, "type": "visit", "actor": "Nobody Known", "place": "Tokyo",
              "country": "JP", "evidence": evidence}
    cx.append_correction(cx.new_correction("reject", target, "not a visit", "tester"), path)
    build([corpus], db, corrections=path)
    assert query(db, "select why from corrections_orphaned") == \
        [("no visit fact with these fields rests on that evidence",)]


def test_extract_with_corrections_writes_the_corrected_facts(corrected, tmp_path):
    corpus, _, path, _, (rejected, edited, added) = corrected
    env = {**os.environ, "SHUTTLE_CORRECTIONS": str(path)}

    def extract(*extra: str) -> tuple[list[dict], str]:
        out = tmp_path / "facts.jsonl"
        result = subprocess.run([sys.executable, "-m", "etl", "extract", str(corpus),
                                 "--out", str(out), *extra], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return [json.loads(line) for line in out.read_text().splitlines()], result.stderr

    plain, _ = extract()
    fixed, stderr = extract("--with-corrections")
    assert "Corrections: 3 applied, 0 orphaned." in stderr
    assert len(fixed) == len(plain)  # one rejected, one added
    removed = [f for f in plain if f not in fixed]
    new = [f for f in fixed if f not in plain]
    assert {(f["type"], f["article"]) for f in removed} == {("casualty", DERNA),
                                                            ("aid", PARIS)}
    assert {(f["type"], f["article"]) for f in new} == {("aid", PARIS), ("visit", TOKYO)}
    [aid] = [f for f in new if f["type"] == "aid"]
    assert (aid["recipient"], aid["status"]) == ("Chad", "delivered")
    [visit] = [f for f in new if f["type"] == "visit"]
    assert (visit["actor"], visit["evidence"]) == ("Rahm Emanuel", added.evidence)
    assert not any("corrected" in f for f in fixed)  # the FACTS.md format, nothing more
    # an explicit file wins; an empty one changes nothing
    empty = tmp_path / "none.jsonl"
    empty.write_text("", encoding="utf-8")
    assert extract("--with-corrections", str(empty))[0] == plain


def test_cli_correct_writes_a_line_and_refuses_bad_values(setup):
    _, db, path = setup
    mention = one_mention(db, "mentions_visit", TOKYO)

    def run(*args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "SHUTTLE_USER": "cli-user"}
        return subprocess.run([sys.executable, "-m", "etl", "correct", *args, "--db", str(db),
                               "--corrections", str(path)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)

    done = run("edit", mention, "--set", "status=cancelled", "--reason", "called off")
    assert done.returncode == 0, done.stderr
    refused = run("edit", mention, "--set", "status=maybe", "--reason", "x")
    assert refused.returncode == 1 and "not one of" in refused.stderr
    no_reason = run("reject", mention, "--reason", " ")
    assert no_reason.returncode == 1 and "needs a reason" in no_reason.stderr
    [line] = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert (record["action"], record["changes"], record["user"], record["reason"]) == \
        ("edit", {"status": "cancelled"}, "cli-user", "called off")
    assert record["target"]["article_id"] == TOKYO and "mention_id" not in record["target"]
    listing = subprocess.run([sys.executable, "-m", "etl", "correct", "list", "--corrections",
                              str(path), "--db", str(db)], cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
    assert "pending" in listing.stdout and "1 correction in" in listing.stdout


def test_append_is_whole_lines_and_bad_lines_are_named(tmp_path):
    path = tmp_path / "deep" / "corrections.jsonl"
    target = {"article_id": "a1", "type": "casualty", "metric": "killed", "value": 3,
              "evidence": "Three people died."}
    first = cx.new_correction("reject", target, "a rumour", "ana")
    cx.append_correction(first, path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "x", "action": "delete"}')  # a hand edit, no newline
    second = cx.new_correction("edit", target, "a typo", "ben", changes={"value": "4"})
    cx.append_correction(second, path)
    read, problems = cx.read_corrections(path)
    assert [c.id for c in read] == [first.id, second.id]
    assert read[1].changes == {"value": 4}
    assert problems == [f"{path}:2: correction not read: missing target, reason, user, "
                        "created_at"]
    assert [p.name for p in path.parent.iterdir()] == ["corrections.jsonl"]  # no temp left


def test_apply_to_facts_in_file_order():
    text = "Intro line. Ana Diaz flew to Lima on Monday. Nobody was hurt."
    article = Article(id="a1", title="t", text=text)
    evidence = "Ana Diaz flew to Lima on Monday."
    fact = {"type": "visit", "actor": "Ana Diaz", "place": "Lima", "country": "PE",
            "date": "2024-01-01", "status": "planned", "evidence": evidence,
            "evidence_start": 12, "evidence_end": 44, "date_precision": "day"}
    target = cx.target_of("visit", "a1", fact)
    edit = cx.new_correction("edit", target, "it happened", "ana",
                             changes={"status": "occurred", "date": "2024-01"})
    add = cx.new_correction("add", {"article_id": "a1", "type": "casualty",
                                    "evidence": "Nobody  was hurt."},
                            "a zero is a fact", "ana", fact={"metric": "wounded", "value": 0})
    facts, results = cx.apply_to_facts(article, [fact], [edit, add])
    assert [r.status for r in results] == ["applied", "applied"]
    assert facts[0]["status"] == "occurred" and "date_precision" not in facts[0]
    assert (facts[1]["evidence_start"], facts[1]["evidence_end"]) == (45, 61)
    assert facts[1]["value"] == 0 and facts[1]["correction_id"] == add.id
    reject = cx.new_correction("reject", target, "not a visit", "ana")
    facts, results = cx.apply_to_facts(article, [fact], [edit, reject])
    assert [f["type"] for f in facts] == [] and [r.status for r in results] == ["applied"] * 2


# -- the dashboard: the audit page and the forms on the Sources page, under AppTest ---------


def page(db: Path, path: Path, monkeypatch, name: str, **params: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SHUTTLE_DB", str(db))
    monkeypatch.setenv("SHUTTLE_CORRECTIONS", str(path))
    monkeypatch.setenv("SHUTTLE_USER", "page-user")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = [value]
    at.run()
    at.switch_page(name).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def table_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_audit_page_lists_who_changed_what_and_the_orphans(corrected, monkeypatch):
    corpus, db, path, _, (rejected, edited, added) = corrected
    late = cx.new_correction("reject", {**rejected.target, "evidence": "No such sentence."},
                             "checked the wire copy", "late-user")
    cx.append_correction(late, path)  # made after the build: pending
    at = page(db, path, monkeypatch, "views/corrections.py")
    rows = table_with(at, "Who")
    assert list(rows["Id"]) == [late.id, added.id, edited.id, rejected.id]  # newest first
    assert list(rows["Status"]) == ["pending", "applied", "applied", "applied"]
    assert list(rows["Who"]) == ["late-user", "tester", "tester", "tester"]
    assert rows.loc[rows["Id"] == edited.id, "After"].item() == \
        "recipient: Chad; status: delivered"
    assert rows.loc[rows["Id"] == edited.id, "Before"].item() == (
        f"recipient: {edited.before['recipient'] or '(none)'}; "
        f"status: {edited.before['status']}")
    assert rows.loc[rows["Id"] == rejected.id, "After"].item() == "removed"
    assert f"value: {REJECTED_VALUE:,}" in rows.loc[rows["Id"] == rejected.id, "Before"].item()
    assert rows.loc[rows["Id"] == rejected.id, "Why"].item() == "test reject"
    assert any(c.value.startswith("None: every correction found its fact") for c in at.caption)
    build([corpus], db, corrections=path)
    at = page(db, path, monkeypatch, "views/corrections.py")
    orphans = table_with(at, "Why orphaned")
    assert list(orphans["Id"]) == [late.id]
    assert list(orphans["Why orphaned"]) == ["the evidence is no longer in the article"]


def test_an_edit_through_the_sources_page_writes_a_correction_line(setup, monkeypatch):
    corpus, db, path = setup
    mention = one_mention(db, "mentions_aid", PARIS)
    at = page(db, path, monkeypatch, "views/sources.py", article=PARIS)
    assert at.sidebar.text_input(key="correction_user").value == "page-user"
    # no fact is picked for the analyst: no form until a fact's own button is clicked
    assert [b.key for b in at.button if b.key == "correction_save"] == []
    assert [t.key for t in at.text_input if (t.key or "").startswith("fix_")] == []
    at.button(key=f"pick_edit_{mention}").click().run()
    at.text_input(key=f"fix_{mention}_recipient").set_value("Chad")
    at.selectbox(key=f"fix_{mention}_status").set_value("delivered")
    at.button(key="correction_save").click().run()
    assert [e.value for e in at.error] == [md("Not saved: every correction needs a reason")]
    assert not path.exists() or path.read_text(encoding="utf-8") == ""
    at.text_input(key="correction_reason").set_value("the money went to Chad's camps")
    at.button(key="correction_save").click().run()
    assert not at.exception and len(at.success) == 1
    [line] = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert (record["action"], record["changes"], record["user"]) == \
        ("edit", {"recipient": "Chad", "status": "delivered"}, "page-user")
    build([corpus], db, corrections=path)
    assert query(db, "select recipient, status from aid where corrected") == \
        [("Chad", "delivered")]


def test_an_added_fact_through_the_sources_page(setup, monkeypatch):
    corpus, db, path = setup
    evidence = sentence_of(db, TOKYO, "Tokyo")
    at = page(db, path, monkeypatch, "views/sources.py", article=TOKYO)
    at.toggle(key="correction_adding").set_value(True).run()
    at.selectbox(key="correction_add_type").set_value("meeting").run()
    at.text_area(key="correction_evidence").set_value(evidence)
    at.text_input(key="fix_add_meeting_participants").set_value("Antony Blinken; Kamikawa Yoko")
    at.text_input(key="fix_add_meeting_place").set_value("Tokyo")
    at.text_input(key="fix_add_meeting_country").set_value("jp")
    at.selectbox(key="fix_add_meeting_status").set_value("planned")
    at.text_input(key="correction_add_reason").set_value("the G7 host meets him")
    at.button(key="correction_add_save").click().run()
    assert not at.error and len(at.success) == 1
    build([corpus], db, corrections=path)
    assert query(db, "select participants, country, corrected from meetings where corrected") \
        == [(["Antony Blinken", "Kamikawa Yoko"], "JP", True)]
