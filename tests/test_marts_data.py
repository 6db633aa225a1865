"""Declared data tests on every mart: unique keys, not-nulls, accepted values, relationships.

The declarations are data (as in dbt's schema.yml); each one becomes a test, run against three
databases: hand-written mentions covering every mart, the real build of the fixture articles
(tests/conftest.py), the real build of the five seed articles and that of the sample
articles with the shared development corpora when ../shared is present.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl import aid_roles, facts
from etl.events import MARTS, build_marts
from etl.load import create_schema

STATUSES = facts.VISIT_STATUSES
PRECISIONS = facts.DATE_PRECISIONS

UNIQUE_KEYS: dict[str, tuple[str, ...]] = {
    "people": ("name",),
    "places": ("place_key",),
    "stops": ("stop_id",),
    "legs": ("trip_id", "seq"),
    "meetings": ("meeting_id",),
    "aid": ("aid_id",),
    "aid_packages": ("package_id",),
    "aid_stages": ("aid_id",),
    "casualty_reports": ("report_id",),
    "casualty_series": ("series_id",),
    "casualty_set_aside": ("mention_id",),
    "event_mentions": ("event_type", "event_id", "mention_id"),
    "evidence_sentences": ("article_id", "evidence_start"),
    "filter_counts": ("facet", "value"),
    "article_events": ("article_id",),
}
# further unique combinations that are not the key
UNIQUE_TOO: list[tuple[str, tuple[str, ...]]] = [
    ("stops", ("actor", "actor_seq")),
    ("casualty_reports", ("metric", "value", "as_of", "reported_by", "where", "population")),
    ("casualty_series", ("metric", "where", "reported_by", "population")),
    ("aid_stages", ("package_id", "seq")),
]

NOT_NULL: dict[str, tuple[str, ...]] = {
    "people": ("name", "aliases", "roles"),
    # country and lat/lon may be null: a city the gazetteer does not know, in no stated country
    "places": ("place_key", "name", "kind"),
    "stops": ("stop_id", "actor", "place", "place_kind", "place_key", "status",
              "date_precision", "sources", "origin", "actor_seq", "co_located"),
    "legs": ("actor", "trip_id", "seq", "from_place", "to_place", "status", "from_stop_id",
             "to_stop_id", "date_precision"),
    "meetings": ("meeting_id", "participants", "status", "date_precision", "sources",
                 "on_map"),
    "aid": ("aid_id", "amount", "currency", "aid_type", "status", "date_precision",
            "is_total", "role", "kind", "sources"),
    "aid_packages": ("package_id", "amount", "currency", "stage", "aid_type",
                     "date_precision", "delivered", "reports", "parts", "sources",
                     "figure_aid_id", "evidence", "article_ids", "outlets"),
    "aid_stages": ("package_id", "aid_id", "seq", "kind", "stage", "amount", "currency",
                   "is_figure", "date_precision", "sources", "evidence"),
    "casualty_reports": ("report_id", "series_id", "metric", "value", "as_of_precision",
                         "population", "reported_as", "where_as", "sources"),
    "casualty_series": ("series_id", "metric", "population", "reports", "sources",
                        "latest_value", "peak_value", "label"),
    "casualty_set_aside": ("mention_id", "article_id", "metric", "value", "reason",
                           "evidence"),
    "event_mentions": ("event_type", "event_id", "mention_id", "mention_type", "article_id",
                       "evidence", "evidence_start", "evidence_end"),
    "evidence_sentences": ("article_id", "evidence_start", "evidence", "facts"),
    "filter_counts": ("facet", "value", "n"),
    "article_events": ("article_id", "stops", "meetings", "aid", "casualties"),
}

# (table, column): accepted values; a null passes unless the column is declared not null
ACCEPTED: dict[tuple[str, str], tuple] = {
    ("places", "kind"): ("city", "country"),
    ("stops", "status"): STATUSES,
    ("stops", "place_kind"): ("city", "country"),
    ("stops", "date_precision"): PRECISIONS,
    ("stops", "origin"): ("visit", "meeting"),
    ("stops", "mode"): facts.VISIT_MODES,
    ("legs", "status"): STATUSES,
    ("legs", "date_precision"): PRECISIONS,
    ("legs", "from_kind"): ("city", "country"),
    ("legs", "to_kind"): ("city", "country"),
    ("meetings", "status"): STATUSES,
    ("meetings", "mode"): facts.MEETING_MODES,
    ("meetings", "place_kind"): ("city", "country"),
    ("meetings", "date_precision"): PRECISIONS,
    ("aid", "status"): facts.AID_STATUSES,
    ("aid", "aid_type"): facts.AID_TYPES,
    ("aid", "date_precision"): PRECISIONS,
    ("aid", "role"): aid_roles.ROLES,
    ("aid", "kind"): ("stage", "part", "restatement", "total", "rate"),
    ("aid_packages", "stage"): facts.AID_STATUSES,
    ("aid_packages", "aid_type"): facts.AID_TYPES,
    ("aid_packages", "date_precision"): PRECISIONS,
    ("aid_stages", "kind"): ("stage", "part", "restatement"),
    ("aid_stages", "stage"): facts.AID_STATUSES,
    ("casualty_reports", "population"): facts.POPULATIONS,
    ("casualty_series", "population"): facts.POPULATIONS,
    ("casualty_series", "metric"): facts.METRICS,
    ("casualty_reports", "metric"): facts.METRICS,
    ("casualty_reports", "qualifier"): facts.QUALIFIERS,
    ("casualty_reports", "as_of_precision"): PRECISIONS,
    ("event_mentions", "event_type"): tuple(t.event for t in facts.FACT_TYPES.values()),
    ("event_mentions", "mention_type"): tuple(facts.FACT_TYPES),
    ("filter_counts", "facet"): ("diplomat", "country", "person"),
}

# (child table, child column, parent table, parent column, condition on the child rows)
RELATIONSHIPS: list[tuple[str, str, str, str, str]] = [
    ("evidence_sentences", "article_id", "articles", "id", "true"),
    ("article_events", "article_id", "articles", "id", "true"),
    ("event_mentions", "mention_id", "mentions_visit", "mention_id", "mention_type = 'visit'"),
    ("event_mentions", "mention_id", "mentions_meeting", "mention_id",
     "mention_type = 'meeting'"),
    ("event_mentions", "mention_id", "mentions_aid", "mention_id", "mention_type = 'aid'"),
    ("event_mentions", "mention_id", "mentions_casualty", "mention_id",
     "mention_type = 'casualty'"),
    ("event_mentions", "article_id", "articles", "id", "true"),
    ("event_mentions", "event_id", "stops", "stop_id", "event_type = 'stop'"),
    ("event_mentions", "event_id", "meetings", "meeting_id", "event_type = 'meeting'"),
    ("event_mentions", "event_id", "aid", "aid_id", "event_type = 'aid'"),
    ("event_mentions", "event_id", "casualty_reports", "report_id", "event_type = 'casualty'"),
    # every event row has its mentions: the reverse direction
    ("stops", "stop_id", "event_mentions", "event_id", "true"),
    ("meetings", "meeting_id", "event_mentions", "event_id", "true"),
    ("aid", "aid_id", "event_mentions", "event_id", "true"),
    ("casualty_reports", "report_id", "event_mentions", "event_id", "true"),
    # every package has its history, every report of it is an aid report with its mentions
    ("aid_stages", "package_id", "aid_packages", "package_id", "true"),
    ("aid_packages", "package_id", "aid_stages", "package_id", "true"),
    ("aid_packages", "figure_aid_id", "aid_stages", "aid_id", "true"),
    ("aid_stages", "aid_id", "aid", "aid_id", "true"),
    ("aid_stages", "aid_id", "event_mentions", "event_id", "true"),
    ("aid", "package_id", "aid_packages", "package_id", "package_id is not null"),
    ("casualty_reports", "series_id", "casualty_series", "series_id", "true"),
    ("casualty_series", "series_id", "casualty_reports", "series_id", "true"),
    ("casualty_set_aside", "mention_id", "mentions_casualty", "mention_id", "true"),
    ("legs", "from_stop_id", "stops", "stop_id", "true"),
    ("legs", "to_stop_id", "stops", "stop_id", "true"),
    ("stops", "place_key", "places", "place_key", "true"),
    ("meetings", "place_key", "places", "place_key", "place_key is not null"),
    ("stops", "actor", "people", "name", "true"),
]

# (table, condition every row must meet)
ROW_CHECKS: list[tuple[str, str]] = [
    ("stops", "sources >= 1 and first_reported <= last_reported"),
    ("stops", "lat is null or (lat between -90 and 90 and lon between -180 and 180)"),
    ("stops", "(lat is null) = (lon is null) and (place_kind = 'city' or country is not null)"),
    ("places", "(lat is null) = (lon is null) and (kind = 'city' or country is not null)"),
    ("stops", "(place_kind = 'country') = starts_with(place_key, 'country:')"),
    ("meetings", "sources >= 1 and len(participants) >= 2"),
    ("meetings", "not on_map or (place_kind = 'city' and lat is not null)"),
    ("stops", "not list_contains(co_located, actor)"),
    ("aid", "sources >= 1 and amount > 0"),
    # dollars need no rate's day (usd_rate): a saved page without its date still converts
    ("aid", "amount_usd is null or (amount_usd > 0 and fx_rate > 0 and "
            "(fx_date is not null or (currency = 'USD' and fx_rate = 1)))"),
    ("aid", "currency <> 'USD' or (fx_rate = 1 and amount_usd = amount)"),
    ("aid", "(package_id is null) = (kind in ('total', 'rate'))"),
    ("aid", "(kind in ('total', 'rate')) = (role in ('total', 'rate')) or role = 'total'"),
    ("aid_packages", "amount > 0 and delivered >= 0 and delivered <= amount"),
    ("aid_packages", "amount_usd is null or (delivered_usd <= amount_usd and fx_rate > 0)"),
    ("aid_packages", "sources >= 1 and reports >= 1 and parts >= 0"),
    ("aid_packages", "(stage = 'delivered') = (delivered > 0)"),
    ("aid_stages", "amount > 0 and seq >= 1"),
    ("casualty_reports", "sources >= 1 and value >= 0"),
    ("casualty_series", "reports >= 1 and latest_value <= peak_value"),
    ("legs", "seq >= 1"),
    ("event_mentions", "evidence_end >= evidence_start and evidence_start >= 0"),
]


# -- the databases ------------------------------------------------------------------------


def _mention_id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _precision(value: str | None) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value or ""), "unknown")


ARTICLES = [("mon", "2024-09-09"), ("wed", "2024-09-11"), ("old", "2014-12-15"),
            ("gaza", "2023-10-23"), ("nodate", None)]
VISITS = [  # article, actor, place, country, date, status, evidence_start
    ("mon", "David Lammy", None, "UA", "2024-09", "planned", 0),
    ("wed", "David Lammy", "Kyiv", "UA", "2024-09-11", "occurred", 0),
    ("wed", "David Lammy", None, "PL", None, "occurred", 0),
    ("wed", "Antony Blinken", "London", "GB", "2024-09-10", "occurred", 40),
    ("wed", "Antony Blinken", "Kyiv", "UA", None, "occurred", 80),
    ("old", "John Kerry", "Rome", "IT", "2014-12-14", "occurred", 0),
    ("old", "John Kerry", "Paris", "FR", None, "planned", 50),
    ("old", "John Kerry", "Nowhereville", "FR", None, "possible", 90),
    ("nodate", "Jane Unlisted", None, "XK", None, "planned", 0),
    ("nodate", "Jane Unlisted", "Qwertyborough", None, None, "possible", 30),
]
MEETINGS = [  # article, participants, place, country, date, status, mode
    ("old", ["John Kerry", "Sergei Lavrov"], "Rome", "IT", "2014-12-14", "occurred",
     "in_person"),
    ("old", ["John Kerry", "Sergei Lavrov"], None, None, "2014-12", "occurred", "phone"),
    ("wed", ["Antony Blinken", "David Lammy", "Volodymyr Zelensky"], "Kyiv", "UA",
     "2024-09-11", "occurred", "in_person"),
    ("nodate", ["Jane Unlisted", "Sergei Lavrov"], None, None, None, "possible", None),
]
AIDS = [  # article, donor, recipient, amount, currency, status, date, evidence
    ("mon", "United Kingdom", "Ukraine", 162e6, "GBP", "announced", None, "Missiles."),
    ("wed", "United Kingdom", "Ukraine", 162e6, "GBP", "delivered", "2024-09", "Sent."),
    ("old", "United States", "Ukraine", 350e6, "USD", "authorized", None, "Up to $350m."),
    ("old", None, "Ukraine", 1e9, "EUR", "pledged", "2014", "Donors gave a total of 1bn."),
    ("nodate", "Japan", "Ukraine", 3e9, "JPY", "pledged", None, "Yen."),
]
CASUALTIES = [  # article, metric, value, as_of, reported_by, where, qualifier
    ("gaza", "killed", 5000, "2023-10-23", "UN", "Gaza", "more than"),
    ("gaza", "killed", 5087, "2023-10-23", "Health Ministry", "Gaza", None),
    ("old", "killed", 4634, "2014-12-15", "UN", "eastern Ukraine", "at least"),
    ("old", "killed", 0, "2014-12-14", None, None, None),
    ("nodate", "displaced", 1_100_000, None, None, None, "more than"),
]


def _hand_written(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    create_schema(con)
    for article_id, published in ARTICLES:
        con.execute(
            "insert into articles (id, title, published, published_precision, sha256, text) "
            "values (?, ?, ?, ?, ?, ?)",
            [article_id, article_id, published and date.fromisoformat(published),
             "day" if published else "unknown", "0" * 64, "Body."],
        )
    for n, (article, actor, place, country, day, status, start) in enumerate(VISITS):
        evidence = f"{actor} went to {place or country}."
        con.execute(
            "insert into mentions_visit (mention_id, article_id, actor, place, country, date, "
            "date_precision, status, evidence, evidence_start, evidence_end) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_mention_id("v", n), article, actor, place, country, day, _precision(day), status,
             evidence, start, start + len(evidence)],
        )
    for n, (article, people, place, country, day, status, mode) in enumerate(MEETINGS):
        con.execute(
            "insert into mentions_meeting (mention_id, article_id, participants, place, "
            "country, date, date_precision, status, mode, evidence, evidence_start, "
            "evidence_end) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_mention_id("m", n), article, sorted(people), place, country, day,
             _precision(day), status, mode, "They met.", 10 * n, 10 * n + 9],
        )
    for n, (article, donor, recipient, amount, currency, status, day, evidence) in enumerate(
            AIDS):
        con.execute(
            "insert into mentions_aid (mention_id, article_id, donor, recipient, amount, "
            "currency, aid_type, status, date, date_precision, evidence, evidence_start, "
            "evidence_end) values (?, ?, ?, ?, ?, ?, 'military', ?, ?, ?, ?, ?, ?)",
            [_mention_id("a", n), article, donor, recipient, amount, currency, status, day,
             _precision(day), evidence, 5 * n, 5 * n + len(evidence)],
        )
    for n, (article, metric, value, as_of, by, where, qualifier) in enumerate(CASUALTIES):
        con.execute(
            "insert into mentions_casualty (mention_id, article_id, metric, value, qualifier, "
            "as_of, as_of_precision, reported_by, \"where\", evidence, evidence_start, "
            "evidence_end) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'A toll.', ?, ?)",
            [_mention_id("c", n), article, metric, value, qualifier, as_of, _precision(as_of),
             by, where, 3 * n, 3 * n + 7],
        )
    build_marts(con)
    return con


@pytest.fixture(scope="module",
                params=["hand-written", "fixture-articles", "seeds", "shared-corpora"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A database with marts: hand-written mentions, or a real build of articles (the
    fixtures, the seeds, the sample with the shared development corpora)."""
    if request.param == "hand-written":
        con = _hand_written(tmp_path_factory.mktemp("marts") / "hand.duckdb")
    elif request.param == "fixture-articles":
        con = duckdb.connect(str(request.getfixturevalue("fixture_db")), read_only=True)
    elif request.param == "shared-corpora":
        con = duckdb.connect(str(request.getfixturevalue("corpora_db")), read_only=True)
    else:  # the seeds built by `python -m etl build` (tests/conftest.py seeds_cli_db)
        con = duckdb.connect(str(request.getfixturevalue("seeds_cli_db")), read_only=True)
    yield con
    con.close()


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# -- the tests the declarations make ----------------------------------------------------


def test_every_mart_is_declared():
    assert set(UNIQUE_KEYS) == set(MARTS) == set(NOT_NULL)


@pytest.mark.parametrize(("table", "columns"), [*UNIQUE_KEYS.items(), *UNIQUE_TOO])
def test_unique(db, table, columns):
    cols = ", ".join(_q(c) for c in columns)
    # "is not distinct from" semantics: group by treats nulls as equal
    duplicates = db.execute(
        f"select {cols}, count(*) from {table} group by all having count(*) > 1 limit 5"
    ).fetchall()
    assert duplicates == []


@pytest.mark.parametrize(("table", "column"),
                         [(t, c) for t, cols in NOT_NULL.items() for c in cols])
def test_not_null(db, table, column):
    assert _count(db, f"select count(*) from {table} where {_q(column)} is null") == 0


@pytest.mark.parametrize(("table", "column"), list(ACCEPTED))
def test_accepted_values(db, table, column):
    allowed = ACCEPTED[(table, column)]
    found = {v for (v,) in db.execute(
        f"select distinct {_q(column)} from {table} where {_q(column)} is not null").fetchall()}
    assert found <= set(allowed)


@pytest.mark.parametrize(("child", "column", "parent", "parent_column", "where"), RELATIONSHIPS)
def test_relationship(db, child, column, parent, parent_column, where):
    orphans = db.execute(
        f"select distinct {_q(column)} from {child} where ({where}) and {_q(column)} "
        f"not in (select {_q(parent_column)} from {parent} where {_q(parent_column)} "
        f"is not null) limit 5"
    ).fetchall()
    assert orphans == []


@pytest.mark.parametrize(("table", "condition"), ROW_CHECKS)
def test_row_check(db, table, condition):
    assert _count(db, f"select count(*) from {table} where not ({condition})") == 0


@pytest.mark.parametrize(("mart", "key", "event_type"), [
    ("stops", "stop_id", "stop"), ("meetings", "meeting_id", "meeting"),
    ("aid", "aid_id", "aid"), ("casualty_reports", "report_id", "casualty"),
])
def test_sources_count_the_linked_articles(db, mart, key, event_type):
    mismatched = db.execute(
        f"select m.{key}, m.sources, count(distinct e.article_id) from {mart} m "
        f"join event_mentions e on e.event_type = ? and e.event_id = m.{key} "
        f"group by m.{key}, m.sources having m.sources <> count(distinct e.article_id) limit 5",
        [event_type],
    ).fetchall()
    assert mismatched == []


EVENT_MARTS = [("stops", "stop_id", "stop", "date"), ("meetings", "meeting_id", "meeting", "date"),
               ("aid", "aid_id", "aid", "date"),
               ("casualty_reports", "report_id", "casualty", "as_of")]


@pytest.mark.parametrize(("mart", "key", "event_type", "_"), EVENT_MARTS)
def test_event_columns_summarise_the_linked_sentences(db, mart, key, event_type, _):
    """evidence, evidence_count, article_ids and outlets (etl/sql/post/event_columns.sql)
    against the same facts worked out here another way: a window over the links."""
    rows = db.execute(
        f"""
        with links as (
            select e.event_id, e.article_id, e.evidence, a.source,
                row_number() over (partition by e.event_id order by a.published desc,
                    e.article_id desc, e.evidence_start) as newest
            from event_mentions e join articles a on a.id = e.article_id
            where e.event_type = ?
        )
        select m.{key}, m.evidence, m.evidence_count, m.article_ids, m.outlets,
            max(links.evidence) filter (where newest = 1), count(links.event_id),
            list_sort(list(distinct links.article_id)),
            list_sort(list(distinct links.source) filter (where links.source is not null))
        from {mart} m left join links on links.event_id = m.{key}
        group by all
        """,
        [event_type],
    ).fetchall()
    assert rows
    for key_value, evidence, count, article_ids, outlets, *expected in rows:
        got = (evidence, count, article_ids, outlets)
        assert got == (expected[0], expected[1], expected[2], expected[3] or []), key_value


@pytest.mark.parametrize(("mart", "key", "_", "date_column"), EVENT_MARTS)
def test_day_window_spans_the_stated_period(db, mart, key, _, date_column):
    rows = db.execute(f"select {date_column}, day_lo, day_hi from {mart}").fetchall()
    for text, lo, hi in rows:
        if text is None:
            continue  # undated: placed at a fallback day (stops, aid) or left out
        year, month, day = (text.split("-") + [None, None])[:3]
        first = date(int(year), int(month or 1), int(day or 1))
        assert lo == first, text
        if day is None:
            after = date(int(year) + 1, 1, 1) if not month or month == "12" else date(
                int(year), int(month) + 1, 1)
            assert (after - hi).days == 1, text
        else:
            assert hi == lo


def test_evidence_sentences_are_the_distinct_sentences_with_their_kinds(db):
    """One row per (article, offset) of event_mentions, labelled with every kind behind it."""
    expected = {}
    for article, start, kind in db.execute(
            "select article_id, evidence_start, event_type from event_mentions").fetchall():
        expected.setdefault((article, start), []).append(kind)
    got = {(a, s): facts for a, s, facts in db.execute(
        "select article_id, evidence_start, facts from evidence_sentences").fetchall()}
    assert got.keys() == expected.keys()
    for key, kinds in expected.items():
        labels = sorted(k if kinds.count(k) == 1 else f"{k} ×{kinds.count(k)}"
                        for k in set(kinds))
        assert got[key] == ", ".join(labels), key


def test_legs_carry_the_filter_columns_of_their_end_stops(db):
    mismatched = db.execute(
        """
        select legs.trip_id, legs.seq from legs
        join stops f on f.stop_id = legs.from_stop_id
        join stops t on t.stop_id = legs.to_stop_id
        where legs.from_status is distinct from f.status
            or legs.to_status is distinct from t.status
            or legs.from_day_lo is distinct from f.day_lo
            or legs.to_day_hi is distinct from t.day_hi
            or legs.from_outlets is distinct from f.outlets
            or legs.to_outlets is distinct from t.outlets
        limit 5
        """
    ).fetchall()
    assert mismatched == []


@pytest.mark.parametrize(("table", "where", "mention_type"), [
    ("mentions_visit", "place is not null or country is not null", "visit"),
    ("mentions_meeting", "true", "meeting"),
    ("mentions_aid", "true", "aid"),
    # a figure that counts no people is set aside with its reason, in no report
    ("mentions_casualty", "mention_id not in (select mention_id from casualty_set_aside)",
     "casualty"),
])
def test_every_mention_is_behind_an_event(db, table, where, mention_type):
    missing = db.execute(
        f"select mention_id from {table} where ({where}) and mention_id not in "
        f"(select mention_id from event_mentions where mention_type = ?) limit 5",
        [mention_type],
    ).fetchall()
    assert missing == []


def test_parts_never_exceed_their_package(db):
    """The parts of each kind (delivered, or not yet) add up to at most the committed figure,
    within the 2.5 % a restatement may differ by (int_aid_package_commitments)."""
    over = db.execute(
        "select p.package_id, s.stage = 'delivered', sum(s.amount), p.amount "
        "from aid_packages p join aid_stages s using (package_id) where s.kind = 'part' "
        "group by all having sum(s.amount) > p.amount * 1.025 limit 5").fetchall()
    assert over == []


def test_each_package_has_one_figure_at_its_furthest_stage(db):
    broken = db.execute(
        "select package_id from aid_stages group by package_id "
        "having count(*) filter (where is_figure) <> 1 limit 5").fetchall()
    assert broken == []
    # the committed figure is the figure report's own amount, in its currency
    mismatched = db.execute(
        "select p.package_id from aid_packages p join aid_stages s "
        "on s.aid_id = p.figure_aid_id where s.amount <> p.amount "
        "or s.currency <> p.currency limit 5").fetchall()
    assert mismatched == []


def test_package_sources_count_the_articles_of_all_its_reports(db):
    mismatched = db.execute(
        "select p.package_id from aid_packages p join aid_stages s using (package_id) "
        "join event_mentions e on e.event_type = 'aid' and e.event_id = s.aid_id "
        "group by p.package_id, p.sources having p.sources <> count(distinct e.article_id) "
        "limit 5").fetchall()
    assert mismatched == []


def test_legs_are_numbered_from_one_without_gaps(db):
    broken = db.execute(
        "select trip_id from legs group by trip_id "
        "having min(seq) <> 1 or max(seq) <> count(*) limit 5"
    ).fetchall()
    assert broken == []


def test_each_leg_starts_where_the_one_before_ended(db):
    broken = db.execute(
        "select a.trip_id, a.seq from legs a join legs b "
        "on a.trip_id = b.trip_id and b.seq = a.seq + 1 "
        "where a.to_stop_id <> b.from_stop_id limit 5"
    ).fetchall()
    assert broken == []
