"""SQL safety: every query of ui/queries.py with hostile filter values, through the dashboard's
own read-only connection, and hostile URL query parameters on every page.

A query must return correct or empty results and never raise; the database must be byte-for-
byte the same afterwards (a checksum over every row of every table); and the connection
must refuse writes, file access and setting changes.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build
from tests.test_reliability_corpus import (
    HOSTILE_ACTOR,
    HOSTILE_DONOR,
    HOSTILE_ID,
    LONG,
    SCRIPT,
    checksum,
    write_hostile_corpus,
)
from ui import db as ui_db
from ui import queries
from ui.scope import Filters

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(ROOT / "dashboard.py")

HOSTILE_VALUES = [
    "'", "''", '"', "';", "' OR 1=1 --", "' OR '1'='1", "1; DROP TABLE articles; --",
    "Robert'); DELETE FROM stops; --", "\\", "%", "_", "%_%", "$actors", "?", "$1",
    "Київ 北京 🇺🇦 \u202e", "\u0000", "x" * 10_000, "' UNION SELECT * FROM articles --",
    "*/ select 1 /*", SCRIPT,
]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sql")
    articles, corrections = write_hostile_corpus(folder)
    fixture_articles = ROOT / "tests" / "fixtures" / "articles"
    report = build([articles, fixture_articles], folder / "shuttle.duckdb",
                   corrections=corrections)
    assert report.articles_read == 8 and not report.skipped
    return report.db


@pytest.fixture(scope="module")
def con(hostile_db):
    """The dashboard's connection: ui.db's read-only attach, with the query macros."""
    handle = ui_db.open_handle(hostile_db)
    yield ui_db.cursor(handle)
    handle.con.close()


def every_query(con, f: Filters, value: str) -> dict[str, pd.DataFrame | object]:
    """Every public query function of ui/queries.py, each with `value` wherever it takes
    text of its own. A query added to ui/queries.py without a line here fails the test."""
    out = {
        "diplomat_counts": queries.diplomat_counts(con),
        "year_bounds": queries.year_bounds(con),
        "country_counts": queries.country_counts(con),
        "outlet_counts": queries.outlet_counts(con),
        "route_stops": queries.route_stops(con, f),
        "route_legs": queries.route_legs(con, f),
        "route_months": queries.route_months(con, f),
        "route_meetings": queries.route_meetings(con, f),
        "aid_rows": queries.aid_rows(con, f, statuses=[value], by=value),
        "aid_page": queries.aid_page(con, f, statuses=[value], by=value),
        "aid_by_party": queries.aid_by_party(con, f, statuses=[value]),
        "aid_apart": queries.aid_apart(con, f, statuses=[value]),
        "package_reports": queries.package_reports(con, [value]),
        "casualty_rows": queries.casualty_rows(con, f, metrics=[value], places=[value]),
        "casualty_page": queries.casualty_page(con, f, metrics=[value], places=[value]),
        "casualty_places": queries.casualty_places(con, f, metrics=[value]),
        "person_list": queries.person_list(con),
        "person_stops": queries.person_stops(con, f, value),
        "person_legs": queries.person_legs(con, f, value),
        "person_counterparts": queries.person_counterparts(con, f, value),
        "person_roles": queries.person_roles(con, value),
        "person_offices": queries.person_offices(con, value),
        "people_names": queries.people_names(con),
        "evidence_search": queries.evidence_search(con, f, value),
        "text_search": queries.text_search(con, f, value),
        "article_sentence": queries.article_sentence(con, value, 0),
        "article_list": queries.article_list(con, f, title=value),
        "article_one": queries.article_one(con, value),
        "article_facts": queries.article_facts(con, value),
        "missing_tables": queries.missing_tables(con, (value, "articles")),
        "missing_columns": queries.missing_columns(con, (value, "articles.id")),
        "articles_behind": queries.articles_behind(con, value, [value]),
        "correction_outcomes": queries.correction_outcomes(con),
        "corrections_orphaned": queries.corrections_orphaned(con),
    }
    public = {name for name, fn in inspect.getmembers(queries, inspect.isfunction)
              if fn.__module__ == queries.__name__ and not name.startswith("_")}
    helpers = {"sql_text", "run", "like_pattern"}
    assert public - helpers <= set(out), sorted(public - helpers - set(out))
    return out


def hostile_filters(value: str) -> Filters:
    return Filters(diplomats=(value,), countries=(value,), statuses=(value,),
                   outlets=(value,), years=(1, 9999))


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=lambda v: repr(v[:20]))
def test_hostile_values_return_empty_and_change_nothing(con, hostile_db, value):
    before = checksum(hostile_db, con)
    results = every_query(con, hostile_filters(value), value)
    # Nothing in the database is named by these values: every filtered result is empty.
    for name in ("route_stops", "route_legs", "route_meetings", "aid_rows", "aid_page",
                 "aid_apart", "package_reports", "casualty_rows", "casualty_page",
                 "person_stops", "person_legs",
                 "person_counterparts", "article_facts", "casualty_places", "text_search",
                 "person_offices"):
        assert results[name].empty, (name, results[name].head())
    assert results["route_months"] == []
    assert results["article_one"] is None and results["article_sentence"] is None
    assert results["missing_tables"] == [value]
    assert results["missing_columns"] == [value]
    for name in ("evidence_search", "article_list"):
        frame = results[name]
        # The text is matched literally: a hit must contain it, whatever its characters.
        column = "evidence" if name == "evidence_search" else "title"
        assert all(value.lower() in str(text).lower() for text in frame[column]), name
    # The unfiltered sidebar options are the same as always.
    assert len(results["diplomat_counts"]) >= 3
    assert results["year_bounds"] == (2023, 2024)
    assert checksum(hostile_db, con) == before


def test_hostile_values_in_the_data_are_found_literally(con):
    f = Filters()
    hits = queries.evidence_search(con, f, SCRIPT)
    assert set(hits["article_id"]) == {HOSTILE_ID} and len(hits) >= 1
    assert queries.evidence_search(con, f, "' OR 1=1 --").empty
    assert not queries.evidence_search(con, f, LONG[:9000]).empty
    stops = queries.route_stops(con, Filters(diplomats=(HOSTILE_ACTOR,)))
    assert list(stops["actor"]) == [HOSTILE_ACTOR]
    assert list(queries.person_stops(con, f, HOSTILE_ACTOR)["place"]) == ["Lviv"]
    donors = queries.aid_by_party(con, f, statuses=[], by="donor")
    assert HOSTILE_DONOR in set(donors["party"])
    article = queries.article_one(con, HOSTILE_ID)
    assert article is not None and SCRIPT in article["title"]
    # A LIKE wildcard in the search is a literal character, not "anything".
    assert queries.evidence_search(con, f, "%").empty
    assert queries.evidence_search(con, f, "_").empty


def test_huge_and_odd_years_never_raise(con):
    for years in ((1, 1), (9999, 9999), (1, 9999), (2024, 2023)):
        f = Filters(years=years)
        for name, result in every_query(con, f, "x").items():
            assert result is not None or name in ("article_one", "article_sentence", "year_bounds")
    # `by` picks a column: it is checked against two names, never spliced into the SQL.
    for by in ("donor; drop table aid", "party", "' OR 1=1 --"):
        with pytest.raises(ValueError):
            queries.aid_by_party(con, Filters(), statuses=[], by=by)


def test_the_app_connection_cannot_write_read_files_or_change_settings(con, hostile_db,
                                                                        tmp_path):
    before = checksum(hostile_db, con)
    statements = [
        "insert into articles (id) values ('x')",
        "delete from stops",
        "update aid set donor = 'x'",
        "drop table articles",
        "create table shuttle.t (x int)",
        "alter table articles add column x int",
        f"copy (select * from articles) to '{tmp_path / 'out.csv'}'",
        "select * from read_csv('/etc/passwd')",
        f"attach '{tmp_path / 'other.duckdb'}' as other",
        "set enable_external_access = true",
        "detach shuttle",
    ]
    for sql in statements:
        with pytest.raises(duckdb.Error):
            con.execute(sql)
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()
    assert checksum(hostile_db, con) == before
    assert con.execute("select count(*) from articles").fetchone()[0] == 8


# -- URL query parameters ------------------------------------------------------------------

PAGES = ["views/routes.py", "views/aid.py", "views/casualties.py", "views/people.py",
         "views/sources.py", "views/corrections.py"]
PARAMS = ["diplomat", "years", "country", "status", "outlet", "cancelled", "months",
          "aid_status", "aid_by", "metric", "place", "person", "q", "article"]
URL_VALUES = ["' OR 1=1 --", "1; DROP TABLE articles; --", "²", "99999999999999999999999",
              "9" * 5000,
              "-5", "x" * 10_000, "Київ 🇺🇦", SCRIPT, "%", "\u0000"]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_url_parameters_show_no_error_page(hostile_db, monkeypatch, page):
    monkeypatch.setenv("SHUTTLE_DB", str(hostile_db))
    before = checksum(hostile_db)
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key in PARAMS:
        at.query_params[key] = URL_VALUES
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert checksum(hostile_db) == before
    if page == "views/sources.py":
        # The search box holds the last value given (Streamlit's rule), cut to 200 characters.
        assert at.text_input(key="q").value == URL_VALUES[-1][:200]


def test_year_parameters_are_clamped_to_the_database(hostile_db, monkeypatch):
    monkeypatch.setenv("SHUTTLE_DB", str(hostile_db))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["years"] = ["0", "99999999999999999999999"]
    at.run()
    assert not at.exception
    assert at.slider(key="years").value == (2023, 2024)
    # Not numbers: ignored. Too long for int(): very large, so the last year.
    for odd, expected in ((["²"], (2023, 2024)), (["-2023"], (2023, 2024)),
                          (["9" * 5000], (2024, 2024)), (["2024", "²"], (2024, 2024))):
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        at.query_params["years"] = odd
        at.run()
        assert not at.exception, (odd, [e.message for e in at.exception])
        assert at.slider(key="years").value == expected, odd
