"""Casualty mentions -> series (etl/sql/intermediate/int_casualty_members.sql, marts
casualty_reports, casualty_series, casualty_set_aside): one line per source, place and
population, the names folded through data/reference/reporters.csv and areas.csv. Each test
writes a few mentions in our own words and reads the marts back."""

from __future__ import annotations

import duckdb
import pytest

from etl.casualty_terms import not_a_count
from etl.events import build_marts
from etl.load import create_schema
from tests.test_events import Corpus, rows


@pytest.fixture
def con(tmp_path):
    connection = duckdb.connect(str(tmp_path / "casualties.duckdb"))
    create_schema(connection)
    yield connection
    connection.close()


@pytest.fixture
def corpus(con) -> Corpus:
    return Corpus(con)


def series(con) -> list[dict]:
    return rows(con, "select label, \"where\", area_country, reports from casualty_series "
                     "order by label, \"where\"")


def test_one_source_under_its_names_is_one_line(con, corpus):
    corpus.article("a", "2023-10-18")
    corpus.article("b", "2023-10-23")
    corpus.casualty("a", "killed", 3400, "2023-10-18", "the health ministry in Gaza", "Gaza")
    corpus.casualty("b", "killed", 5100, "2023-10-23",
                    "health ministry in the Hamas-run territory", "the Gaza Strip")
    build_marts(con)
    assert series(con) == [{"label": "Gaza health ministry · killed", "where": "Gaza Strip",
                            "area_country": "PS", "reports": 2}]


def test_a_sub_count_is_a_series_of_its_own(con, corpus):
    corpus.article("a", "2023-10-23")
    corpus.casualty("a", "killed", 5100, "2023-10-23", "Gaza health ministry", "Gaza Strip")
    corpus.casualty("a", "killed", 2100, "2023-10-23", "Gaza health ministry", "Gaza Strip",
                    population="children", start=40)
    build_marts(con)
    assert [s["label"] for s in series(con)] == ["Gaza health ministry · killed",
                                                "Gaza health ministry · killed · children"]


def test_a_name_only_clear_with_its_place_takes_that_places_reporter(con, corpus):
    corpus.article("a", "2023-10-31")
    corpus.article("b", "2015-05-04")
    corpus.casualty("a", "killed", 8300, "2023-10-31", "The Ministry", "Gaza Strip")
    corpus.casualty("a", "killed", 120, "2023-10-31", "the ministry", "West Bank", start=50)
    corpus.casualty("b", "killed", 7300, "2015-05-04", "the country's Home Ministry", "Nepal")
    build_marts(con)
    assert [s["label"] for s in series(con)] == [
        "Gaza health ministry · killed", "Nepal home ministry · killed",
        "Palestinian health ministry · killed"]


def test_a_report_naming_no_place_takes_its_headlines(con, corpus):
    corpus.article("a", "2023-10-29", title="Gaza toll rises past 8,000 as Israel presses on")
    corpus.casualty("a", "killed", 8000, "2023-10-29", "the ministry", None)
    build_marts(con)
    assert series(con) == [{"label": "Gaza health ministry · killed", "where": "Gaza Strip",
                            "area_country": "PS", "reports": 1}]


def test_unknown_names_stay_as_written_and_a_pronoun_is_no_source(con, corpus):
    corpus.article("a", "2024-01-08")
    corpus.casualty("a", "killed", 18, "2024-01-08", "They", "Deir al-Balah")
    corpus.casualty("a", "killed", 40, "2024-01-08", "Local rescuers", "Deir al-Balah",
                    start=30)
    build_marts(con)
    assert [s["label"] for s in series(con)] == ["Local rescuers · killed",
                                                "unattributed · killed"]


def test_a_population_is_set_aside_with_its_reason(con, corpus):
    corpus.article("a", "2023-10-23")
    text = "About 1.4 million of the territory's 2.3 million people have fled their homes."
    corpus.casualty("a", "displaced", 1_400_000, "2023-10-23", evidence=text)
    corpus.casualty("a", "displaced", 2_300_000, "2023-10-23", evidence=text)
    build_marts(con)
    assert [r["value"] for r in rows(con, "select value from casualty_reports")] == [1_400_000]
    (aside,) = rows(con, "select value, reason from casualty_set_aside")
    assert aside["value"] == 2_300_000 and aside["reason"].startswith("a population")


@pytest.mark.parametrize(("text", "value", "counted"), [
    ("Fifty ambulances were damaged and 12 hospitals closed.", 50, False),
    ("Two border crossings reopened on Monday.", 2, False),
    ("The strike killed 12 people near two crossings.", 12, True),
    ("The town's 40,000 residents went to the polls on Sunday.", 40_000, False),
    ("At least 40,000 residents have fled the town.", 40_000, True),
])
def test_figures_that_count_no_people(text, value, counted):
    assert (not_a_count(text, value) is None) is counted
