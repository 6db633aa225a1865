"""Who is who: offices resolved on the story's date, offices learned from the articles,
one person under one name, and two people who share a surname kept apart.

The articles here are short texts written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.extract import extract_article
from etl.extract.registry import holder, use_observed
from etl.read import parse_article_text


def visits(text: str, published: date) -> set[tuple]:
    article = parse_article_text(text, id="t", title="t", published=published)
    return {(f["actor"], f["place"]) for f in extract_article(article) if f["type"] == "visit"}


def write(folder: Path, name: str, published: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(
        f"---\nid: {name}\ntitle: {name}\nsource: Test Wire\npublished: {published}\n---\n"
        f"{body}\n", encoding="utf-8")


@pytest.mark.parametrize("published,foreign_secretary,foreign_minister", [
    (date(2026, 3, 4), "Yvette Cooper", "Johann Wadephul"),
    (date(2019, 3, 4), "Jeremy Hunt", "Heiko Maas"),
])
def test_titles_resolve_to_whoever_held_the_office_on_the_day(
        published: date, foreign_secretary: str, foreign_minister: str) -> None:
    text = ("The British foreign secretary flew to Warsaw on Monday.\n\n"
            "Germany's foreign minister arrived in Vilnius on Tuesday.")
    assert visits(text, published) == {(foreign_secretary, "Warsaw"),
                                       (foreign_minister, "Vilnius")}


def test_the_registry_covers_the_offices_of_2026() -> None:
    day = date(2026, 3, 1)
    for country in ("GB", "DE", "FR", "JP", "CA", "PK", "IL", "EG", "KR"):
        assert holder("foreign", country, day), country


def test_an_office_one_article_gives_answers_a_title_in_another(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    # The registry knows no Guatemalan foreign minister; the first article says who it is.
    write(articles, "a-2026-04-02-guatemala-minister", "2026-04-02",
          "Guatemala's Foreign Minister Ana Lucia Ordonez opened the regional forum in "
          "Antigua on Thursday.")
    write(articles, "b-2026-04-20-guatemala-minister-travels", "2026-04-20",
          "The Guatemalan foreign minister flew to Mexico City on Monday for talks on "
          "migration.")
    report = build([articles], tmp_path / "people.duckdb")
    con = duckdb.connect(str(report.db), read_only=True)
    try:
        rows = con.execute(
            "select actor, place from mentions_visit where article_id = "
            "'b-2026-04-20-guatemala-minister-travels'").fetchall()
        roles = con.execute(
            "select r.title, r.country, r.source, r.evidence from "
            "(select unnest(roles) as r from people where name = 'Ana Lucia Ordonez')"
        ).fetchall()
    finally:
        con.close()
    assert rows == [("Ana Lucia Ordonez", "Mexico City")]
    assert roles == [("Foreign Minister", "GT", "observed",
                      "Guatemala's Foreign Minister Ana Lucia Ordonez opened the regional "
                      "forum in Antigua on Thursday.")]
    assert any("read again" in note for note in report.notes)
    use_observed([])


def test_the_extract_command_learns_offices_across_its_articles(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    from etl.settings import ROOT

    articles = tmp_path / "articles"
    write(articles, "b-later", "2026-04-20",
          "The Guatemalan foreign minister flew to Mexico City on Monday.")
    write(articles, "a-earlier", "2026-04-02",
          "Guatemala's Foreign Minister Ana Lucia Ordonez met reporters in Antigua.")
    out = tmp_path / "facts.jsonl"
    subprocess.run([sys.executable, "-m", "etl", "extract", str(articles), "--out", str(out)],
                   cwd=ROOT, check=True, capture_output=True)
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert ("b-later", "Ana Lucia Ordonez", "Mexico City") in {
        (f["article"], f["actor"], f["place"]) for f in facts if f["type"] == "visit"}


def test_spellings_of_one_person_fold_to_one_name() -> None:
    text = ("President Volodimir Zelenski flew to Rome on Monday.\n\n"
            "Zelenskyy then travelled to Madrid.\n\n"
            "Luiz Inácio Lula da Silva arrived in Lisbon on Tuesday.")
    assert visits(text, date(2024, 6, 10)) == {
        ("Volodymyr Zelensky", "Rome"), ("Volodymyr Zelensky", "Madrid"),
        ("Luiz Inacio Lula da Silva", "Lisbon")}


def test_two_people_who_share_a_surname_are_never_merged() -> None:
    text = ("Former Prime Minister Boris Johnson flew to Kyiv on Monday.\n\n"
            "House Speaker Mike Johnson travelled to Jerusalem on Tuesday.\n\n"
            "Johnson later arrived in Tel Aviv.")
    assert visits(text, date(2024, 5, 1)) == {
        ("Boris Johnson", "Kyiv"), ("Mike Johnson", "Jerusalem"), ("Mike Johnson", "Tel Aviv")}


def test_a_full_name_the_registry_lacks_keeps_its_longest_form() -> None:
    text = ("Kenyan Foreign Minister Musalia Mudavadi said the talks would resume.\n\n"
            "Mudavadi later flew to Kampala.")
    assert visits(text, date(2025, 3, 4)) == {("Musalia Mudavadi", "Kampala")}
