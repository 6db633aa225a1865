"""Analysts fixing who is who: merge, split, alias, office and end_office corrections, made
through etl.corrections, applied by real builds of short articles written for these tests,
surviving a rebuild and undone by a withdrawal."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from etl import corrections as cx
from etl.build import build
from etl.extract.registry import use_observed


def write(folder: Path, name: str, published: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(
        f"---\nid: {name}\ntitle: {name}\nsource: Test Wire\npublished: {published}\n---\n"
        f"{body}\n", encoding="utf-8")


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    write(folder, "a-lima", "2026-04-02",
          "Guatemala's Foreign Minister Ana Lucia Ordonez flew to Lima on Thursday.")
    write(folder, "b-quito", "2026-04-16",
          "Guatemalan Foreign Minister Ana Ordonez flew to Quito on Thursday.")
    write(folder, "c-herrera", "2026-05-04",
          "The envoy Tomas Herrera Ibarra flew to Montevideo on Monday for talks.")
    write(folder, "d-herrera", "2026-05-11",
          "The envoy Tomas Herrera flew to Asuncion on Monday for talks.")
    yield folder
    use_observed([])


def _build(articles: Path, db: Path, fixes: Path) -> tuple[list, dict]:
    report = build([articles], db, corrections=fixes)
    con = duckdb.connect(str(report.db), read_only=True)
    try:
        actors = con.execute("select article_id, actor from mentions_visit order by 1"
                             ).fetchall()
        people = {n: (list(a), r) for n, a, r in
                  con.execute("select name, aliases, roles from people").fetchall()}
        outcomes = {i: (s, d) for i, s, d in con.execute(
            "select id, status, detail from corrections").fetchall()}
    finally:
        con.close()
    return actors, {"people": people, "outcomes": outcomes}


def _add(fixes: Path, action: str, name: str, reason: str = "checked", **details) -> str:
    line = cx.new_person_correction(action, name, details, reason, "ana")
    cx.append_correction(line, fixes)
    return line.id


def test_a_merge_makes_one_person_and_a_withdrawal_makes_two_again(articles: Path,
                                                                     tmp_path: Path) -> None:
    db, fixes = tmp_path / "p.duckdb", tmp_path / "corrections.jsonl"
    actors, _ = _build(articles, db, fixes)
    assert ("d-herrera", "Tomas Herrera") in actors  # two people before the merge

    merge = _add(fixes, "merge", "Tomas Herrera", into="Tomas Herrera Ibarra")
    actors, built = _build(articles, db, fixes)
    assert ("c-herrera", "Tomas Herrera Ibarra") in actors
    assert ("d-herrera", "Tomas Herrera Ibarra") in actors
    assert "Tomas Herrera" not in built["people"]
    assert "Tomas Herrera" in built["people"]["Tomas Herrera Ibarra"][0]
    assert built["outcomes"][merge][0] == "applied"

    cx.append_correction(cx.withdrawal_of(merge, "two envoys after all", "ben", fixes), fixes)
    actors, built = _build(articles, db, fixes)  # the same database, built on in place
    assert ("d-herrera", "Tomas Herrera") in actors
    assert "Tomas Herrera" in built["people"]
    assert built["outcomes"][merge][0] == "withdrawn"


def test_a_split_keeps_apart_what_a_rule_folded(articles: Path, tmp_path: Path) -> None:
    db, fixes = tmp_path / "p.duckdb", tmp_path / "corrections.jsonl"
    actors, _ = _build(articles, db, fixes)
    # the same-office rule read the two spellings as one foreign minister
    assert ("b-quito", "Ana Lucia Ordonez") in actors
    _add(fixes, "split", "Ana Lucia Ordonez", apart="Ana Ordonez")
    actors, built = _build(articles, db, fixes)
    assert ("a-lima", "Ana Lucia Ordonez") in actors
    assert ("b-quito", "Ana Ordonez") in actors
    assert {"Ana Lucia Ordonez", "Ana Ordonez"} <= set(built["people"])


def test_an_alias_renames_the_spelling_and_is_listed(articles: Path, tmp_path: Path) -> None:
    db, fixes = tmp_path / "p.duckdb", tmp_path / "corrections.jsonl"
    _add(fixes, "alias", "Tomas Herrera Ibarra", alias="Tomas Herrera")
    actors, built = _build(articles, db, fixes)
    assert ("d-herrera", "Tomas Herrera Ibarra") in actors
    assert built["people"]["Tomas Herrera Ibarra"][0] == ["Tomas Herrera"]


def test_offices_added_and_ended_are_the_persons_roles(articles: Path, tmp_path: Path) -> None:
    db, fixes = tmp_path / "p.duckdb", tmp_path / "corrections.jsonl"
    _add(fixes, "office", "Tomas Herrera Ibarra", title="Special Envoy", country="UY",
         start="2026-03-01")
    _add(fixes, "end_office", "Yvette Cooper", title="Foreign Secretary", country="GB",
         end="2026-06-30")
    _, built = _build(articles, db, fixes)
    roles = built["people"]["Tomas Herrera Ibarra"][1]
    assert [(r["title"], r["country"], str(r["from"]), r["to"], r["source"]) for r in roles] \
        == [("Special Envoy", "UY", "2026-03-01", None, "analyst")]
    cooper = [r for r in built["people"]["Yvette Cooper"][1] if r["country"] == "GB"
              and r["title"] == "Foreign Secretary"]
    assert [str(r["to"]) for r in cooper] == ["2026-06-30"]


@pytest.mark.parametrize("action,name,details,problem", [
    ("merge", "Ana Diaz", {"into": "Ana  Díaz"}, "one spelling already"),
    ("merge", "Ana Diaz", {}, "merge needs the name to keep"),
    ("office", "Ana Diaz", {"title": "Envoy", "country": "XX", "start": "2026-01-01"},
     "'XX' is neither"),
    ("office", "Ana Diaz", {"title": "Envoy", "country": "PE", "start": "2026-13-01"},
     "is not a day"),
    ("end_office", "", {"title": "Envoy", "country": "PE", "end": "2026-01-01"},
     "name is empty"),
])
def test_a_bad_person_correction_is_refused_saying_why(action, name, details,
                                                       problem) -> None:
    with pytest.raises(cx.CorrectionError, match=problem):
        cx.new_person_correction(action, name, details, "because", "ana")


def test_a_bad_person_line_in_the_file_is_named_and_the_rest_apply(tmp_path: Path) -> None:
    fixes = tmp_path / "corrections.jsonl"
    good = cx.new_person_correction("alias", "Ana Diaz", {"alias": "A. Diaz"}, "seen", "ana")
    bad = json.loads(good.to_json()) | {"id": "0badline0000", "person": {"alias": ""}}
    fixes.write_text(good.to_json() + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    lines, problems = cx.read_corrections(fixes)
    assert [c.id for c in lines] == [good.id]
    assert len(problems) == 1 and ":2: correction not read: alias needs" in problems[0]


def test_the_command_line_writes_refuses_and_lists_person_corrections(tmp_path: Path) -> None:
    import subprocess
    import sys

    from etl.settings import ROOT

    fixes = tmp_path / "corrections.jsonl"

    def etl(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "etl", "correct", *args,
                               "--corrections", str(fixes)], cwd=ROOT, capture_output=True,
                              text=True)

    assert etl("merge", "Tomas Herrera", "--into", "Tomas Herrera Ibarra", "--reason",
               "same envoy", "--user", "ana").returncode == 0
    refused = etl("office", "Ana Diaz", "--title", "Envoy", "--country", "XX", "--start",
                  "2026-01-01", "--reason", "appointed")
    assert refused.returncode == 1 and "'XX' is neither" in refused.stderr
    assert etl("end-office", "Yvette Cooper", "--title", "Foreign Secretary", "--country",
               "GB", "--end", "2026-06-30", "--reason", "left").returncode == 0
    out = etl("list", "--db", str(tmp_path / "none.duckdb")).stdout
    assert "merge person Tomas Herrera is Tomas Herrera Ibarra (ana: same envoy)" in out
    assert "end_office person Yvette Cooper: Foreign Secretary, GB, ended 2026-06-30" in out
    assert "2 corrections in" in out


def test_an_office_an_analyst_adds_answers_a_title_until_withdrawn(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    # the registry knows no Guatemalan foreign minister, and no article names one
    write(folder, "e-title", "2026-04-20",
          "The Guatemalan foreign minister flew to Mexico City on Monday for talks.")
    db, fixes = tmp_path / "p.duckdb", tmp_path / "corrections.jsonl"
    try:
        actors, _ = _build(folder, db, fixes)
        assert actors == []
        office = _add(fixes, "office", "Ana Lucia Ordonez", title="Foreign Minister",
                      country="GT", start="2026-01-14")
        actors, built = _build(folder, db, fixes)
        assert actors == [("e-title", "Ana Lucia Ordonez")]
        assert [r["source"] for r in built["people"]["Ana Lucia Ordonez"][1]] == ["analyst"]
        cx.append_correction(cx.withdrawal_of(office, "wrong country", "ben", fixes), fixes)
        actors, built = _build(folder, db, fixes)
        assert actors == []
        assert "Ana Lucia Ordonez" not in built["people"]
    finally:
        use_observed([])
