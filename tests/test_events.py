"""Mentions -> events: stops, legs, meetings, aid and casualty reports built in a real DuckDB file.

Each test writes a few articles and their mentions (short sentences in our own words) into the
contract's raw tables, runs etl.events.build_marts and reads the marts back.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest
from currency_converter import CurrencyConverter

from etl.events import MARTS, build_marts
from etl.load import create_schema


def _precision(value: str | None) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(value or ""), "unknown")


class Corpus:
    """Writes articles and mentions into the contract's raw tables with bound parameters."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.n = 0

    def _id(self, article_id: str) -> str:
        self.n += 1
        return hashlib.sha1(f"{article_id}|{self.n}".encode()).hexdigest()[:16]

    def article(self, article_id: str, published: str | None, text: str = "Body.",
                title: str | None = None) -> str:
        self.con.execute(
            "insert into articles (id, title, published, published_precision, sha256, text) "
            "values (?, ?, ?, ?, ?, ?)",
            [article_id, title or article_id, published and date.fromisoformat(published),
             "day" if published else "unknown", "0" * 64, text],
        )
        return article_id

    def visit(self, article: str, actor: str, place: str | None = None,
              country: str | None = None, day: str | None = None, status: str = "occurred",
              evidence: str = "A visit.", start: int = 0, mode: str | None = None,
              reasons: list[str] | None = None) -> str:
        mention_id = self._id(article)
        self.con.execute(
            "insert into mentions_visit (mention_id, article_id, actor, place, country, date, "
            "date_precision, status, mode, evidence, evidence_start, evidence_end, "
            "confidence_reasons) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [mention_id, article, actor, place, country, day, _precision(day), status, mode,
             evidence, start, start + len(evidence), reasons],
        )
        return mention_id

    def meeting(self, article: str, participants: list[str], place: str | None = None,
                country: str | None = None, day: str | None = None, status: str = "occurred",
                mode: str | None = "in_person", evidence: str = "They met.",
                start: int = 0) -> str:
        mention_id = self._id(article)
        self.con.execute(
            "insert into mentions_meeting (mention_id, article_id, participants, place, "
            "country, date, date_precision, status, mode, evidence, evidence_start, "
            "evidence_end) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [mention_id, article, sorted(participants), place, country, day, _precision(day),
             status, mode, evidence, start, start + len(evidence)],
        )
        return mention_id

    def aid(self, article: str, donor: str | None, recipient: str | None, amount: float,
            currency: str, status: str = "pledged", day: str | None = None,
            aid_type: str = "military", evidence: str = "Aid was promised.",
            start: int = 0) -> str:
        mention_id = self._id(article)
        self.con.execute(
            "insert into mentions_aid (mention_id, article_id, donor, recipient, amount, "
            "currency, aid_type, status, date, date_precision, evidence, evidence_start, "
            "evidence_end) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [mention_id, article, donor, recipient, amount, currency, aid_type, status, day,
             _precision(day), evidence, start, start + len(evidence)],
        )
        return mention_id

    def casualty(self, article: str, metric: str, value: int, as_of: str | None = None,
                 reported_by: str | None = None, where: str | None = None,
                 qualifier: str | None = None, evidence: str = "People died.",
                 start: int = 0, population: str | None = None) -> str:
        mention_id = self._id(article)
        self.con.execute(
            "insert into mentions_casualty (mention_id, article_id, metric, value, qualifier, "
            "as_of, as_of_precision, reported_by, \"where\", population, evidence, "
            "evidence_start, evidence_end) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [mention_id, article, metric, value, qualifier, as_of, _precision(as_of),
             reported_by, where, population, evidence, start, start + len(evidence)],
        )
        return mention_id


@pytest.fixture
def con(tmp_path: Path):
    connection = duckdb.connect(str(tmp_path / "events.duckdb"))
    create_schema(connection)
    yield connection
    connection.close()


@pytest.fixture
def corpus(con: duckdb.DuckDBPyConnection) -> Corpus:
    return Corpus(con)


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# -- stops -------------------------------------------------------------------------------


def test_planned_then_occurred_is_one_occurred_stop_with_two_sources(con, corpus):
    monday = corpus.article("mon", "2024-09-09")
    wednesday = corpus.article("wed", "2024-09-11")
    corpus.visit(monday, "David Lammy", "Kyiv", "UA", "2024-09", "planned",
                 "Lammy is due in Kyiv this week.")
    corpus.visit(wednesday, "David Lammy", "Kyiv", "UA", "2024-09-11", "occurred",
                 "Lammy arrived in Kyiv on Wednesday.")
    build_marts(con)

    (stop,) = rows(con, "select * from stops where actor = 'David Lammy'")
    assert stop["status"] == "occurred"
    assert stop["sources"] == 2
    assert stop["date"] == "2024-09-11" and stop["date_precision"] == "day"
    assert (stop["first_reported"], stop["last_reported"]) == (date(2024, 9, 9),
                                                               date(2024, 9, 11))
    assert (stop["place"], stop["place_kind"]) == ("Kyiv", "city")
    history = rows(con, "select status, published from event_mentions "
                        "where event_id = ? order by published", [stop["stop_id"]])
    assert [h["status"] for h in history] == ["planned", "occurred"]


def test_planned_then_cancelled_is_cancelled(con, corpus):
    first = corpus.article("plan", "2023-10-16")
    later = corpus.article("off", "2023-10-17")
    corpus.visit(first, "Joe Biden", "Amman", "JO", "2023-10-18", "planned",
                 "Biden will fly on to Amman on Wednesday.")
    corpus.visit(later, "Joe Biden", "Amman", "JO", "2023-10-18", "cancelled",
                 "The Amman leg of the trip was called off.")
    build_marts(con)

    (stop,) = rows(con, "select * from stops where actor = 'Joe Biden'")
    assert stop["status"] == "cancelled"
    assert stop["sources"] == 2


def test_undated_report_merges_with_a_dated_one_of_the_same_week(con, corpus):
    early = corpus.article("early", "2024-09-09")
    late = corpus.article("late", "2024-09-12")
    corpus.visit(early, "Antony Blinken", "Kyiv", "UA", None, "planned",
                 "Blinken is expected in Kyiv.")
    corpus.visit(late, "Antony Blinken", "Kyiv", "UA", "2024-09-11", "occurred",
                 "Blinken was in Kyiv on Wednesday.")
    # a visit to the same city months later is another stop
    corpus.visit(corpus.article("spring", "2025-04-02"), "Antony Blinken", "Kyiv", "UA",
                 None, "planned", "Blinken may return to Kyiv.")
    build_marts(con)

    stops = rows(con, "select date, status, sources from stops order by sort_date")
    assert stops == [
        {"date": "2024-09-11", "status": "occurred", "sources": 2},
        {"date": None, "status": "planned", "sources": 1},
    ]


def test_a_month_holding_two_visits_joins_the_nearest(con, corpus):
    a = corpus.article("a", "2024-09-01")
    b = corpus.article("b", "2024-09-28")
    c = corpus.article("c", "2024-09-26")
    corpus.visit(a, "Antony Blinken", "Kyiv", "UA", "2024-09-02", evidence="In Kyiv.")
    corpus.visit(b, "Antony Blinken", "Kyiv", "UA", "2024-09-27", evidence="Back in Kyiv.")
    corpus.visit(c, "Antony Blinken", "Kyiv", "UA", "2024-09", "planned",
                 evidence="Blinken will go to Kyiv again this month.")
    build_marts(con)

    stops = rows(con, "select date, sources from stops order by date")
    assert stops == [{"date": "2024-09-02", "sources": 1}, {"date": "2024-09-27", "sources": 2}]


def test_country_only_visit_is_drawn_at_the_capital_as_country_level(con, corpus):
    article = corpus.article("osce", "2023-11-27")
    corpus.visit(article, "Antony Blinken", None, "MK", "2023-11-29", "planned",
                 "Blinken is then expected in North Macedonia on Wednesday.")
    build_marts(con)

    (stop,) = rows(con, "select * from stops")
    assert stop["place_kind"] == "country"
    assert stop["country"] == "MK"
    assert stop["place"] == "North Macedonia"
    # Skopje: 42.00 N, 21.43 E
    assert stop["lat"] == pytest.approx(42.0, abs=0.1)
    assert stop["lon"] == pytest.approx(21.43, abs=0.1)
    (place,) = rows(con, "select * from places")
    assert (place["name"], place["country"], place["kind"]) == ("North Macedonia", "MK",
                                                                 "country")


def test_country_report_takes_the_city_of_the_same_trip(con, corpus):
    before = corpus.article("before", "2024-09-10")
    after = corpus.article("after", "2024-09-11")
    corpus.visit(before, "David Lammy", None, "UA", "2024-09", "planned",
                 "Lammy and Blinken are set to visit Ukraine this week.")
    corpus.visit(after, "David Lammy", "Kyiv", "UA", "2024-09-11", "occurred",
                 "Lammy reached Kyiv by train on Wednesday.")
    build_marts(con)

    (stop,) = rows(con, "select * from stops")
    assert (stop["place"], stop["place_kind"], stop["status"], stop["sources"]) == (
        "Kyiv", "city", "occurred", 2)


def test_a_city_the_gazetteer_does_not_know_is_listed_without_a_point(con, corpus):
    article = corpus.article("a", "2024-01-05")
    corpus.visit(article, "Jane Unlisted", "Qwertyborough", None, "2024-01-04",
                 evidence="She stopped in Qwertyborough.")
    corpus.visit(article, "Jane Unlisted", "Nowhereville", "FR", "2024-01-05",
                 evidence="Then in Nowhereville.", start=30)
    build_marts(con)

    stops = rows(con, "select place, country, place_kind, lat from stops order by actor_seq")
    assert stops[0] == {"place": "Qwertyborough", "country": None, "place_kind": "city",
                        "lat": None}
    # a stated country is still known: drawn at its capital, marked country-level
    assert (stops[1]["place"], stops[1]["place_kind"]) == ("France", "country")
    assert stops[1]["lat"] == pytest.approx(48.86, abs=0.1)


def test_alias_places_merge_into_one_city(con, corpus):
    corpus.visit(corpus.article("old", "2014-12-15"), "John Kerry", "Kiev", "UA",
                 "2014-12-14", evidence="Kerry was in Kiev on Sunday.")
    corpus.visit(corpus.article("new", "2014-12-16"), "John Kerry", "Kyiv", "UA",
                 "2014-12-14", evidence="Kerry visited Kyiv on Sunday.")
    build_marts(con)

    assert rows(con, "select place, sources from stops") == [{"place": "Kyiv", "sources": 2}]


# -- legs --------------------------------------------------------------------------------


def test_legs_follow_date_then_text_order_with_the_departure_first(con, corpus):
    text = ("Blinken left Washington on Monday. He then heads to Brussels. "
            "He is expected in North Macedonia on Wednesday.")
    article = corpus.article("tour", "2023-11-27", text)
    # inserted out of order on purpose: the marts must not rely on insertion order
    corpus.visit(article, "Antony Blinken", None, "MK", "2023-11-29", "planned",
                 "He is expected in North Macedonia on Wednesday.", start=63)
    corpus.visit(article, "Antony Blinken", "Brussels", "BE", None, "planned",
                 "He then heads to Brussels.", start=36)
    corpus.visit(article, "Antony Blinken", "Washington", "US", "2023-11-27", "occurred",
                 "Blinken left Washington on Monday.", start=0)
    build_marts(con)

    legs = rows(con, "select * from legs order by seq")
    assert [(leg["seq"], leg["from_place"], leg["to_place"]) for leg in legs] == [
        (1, "Washington", "Brussels"),
        (2, "Brussels", "North Macedonia"),
    ]
    assert len({leg["trip_id"] for leg in legs}) == 1
    # the weaker end: occurred -> planned is planned
    assert [leg["status"] for leg in legs] == ["planned", "planned"]
    assert legs[0]["from_lat"] == pytest.approx(38.9, abs=0.2)
    assert legs[1]["to_kind"] == "country"


def test_stops_in_one_sentence_keep_the_order_the_sentence_tells(con, corpus):
    sentence = "Both ministers took the night train from Poland to Kyiv."
    article = corpus.article("train", "2024-09-11", sentence)
    corpus.visit(article, "David Lammy", "Kyiv", "UA", None, "occurred", sentence)
    corpus.visit(article, "David Lammy", None, "PL", None, "occurred", sentence)
    build_marts(con)

    legs = rows(con, "select from_place, to_place, status from legs")
    assert legs == [{"from_place": "Poland", "to_place": "Kyiv", "status": "occurred"}]


STORY_DAY = ["date: the story's own day"]  # the extractor's reason for a date it gave


def test_an_itinerary_and_the_stops_reported_later_are_one_route_in_its_order(con, corpus):
    plan = corpus.article("plan", "2013-02-19")
    later = corpus.article("later", None)  # a saved page without its date
    corpus.visit(plan, "John Kerry", "Washington", "US", "2013-02-24", "planned",
                 evidence="Kerry will leave Washington on Sunday.")
    itinerary = ("The itinerary takes Kerry first to London, then to Berlin and Paris, before "
                 "he heads to Ankara.")
    # the extractor dated the first three to the story's day, for want of a date
    for place, country, status in (("London", "GB", "occurred"), ("Berlin", "DE", "occurred"),
                                   ("Paris", "FR", "occurred"), ("Ankara", "TR", "planned")):
        corpus.visit(plan, "John Kerry", place, country,
                     "2013-02-19" if status == "occurred" else None, status,
                     evidence=itinerary, start=60,
                     reasons=STORY_DAY if status == "occurred" else None)
    corpus.visit(later, "John Kerry", "Berlin", "DE", "2013-02-26",
                 evidence="Kerry met Lavrov in Berlin on Tuesday, 26 February 2013.")
    corpus.visit(later, "John Kerry", "London", "GB",
                 evidence="He came to Berlin from London.", start=200)
    build_marts(con)

    stops = rows(con, "select place, status, sources, date from stops order by actor_seq")
    assert [s["place"] for s in stops] == ["Washington", "London", "Berlin", "Paris", "Ankara"]
    berlin = next(s for s in stops if s["place"] == "Berlin")
    assert berlin == {"place": "Berlin", "status": "occurred", "sources": 2,
                      "date": "2013-02-26"}
    # London's only day was the one it was dated to for want of a date: the route puts it
    # after it, so it is undated, placed between Washington and Berlin
    assert next(s for s in stops if s["place"] == "London")["date"] is None
    legs = rows(con, "select distinct trip_id from legs")
    assert len(legs) == 1


def test_a_stop_a_report_dates_to_a_month_stays_in_that_month(con, corpus):
    art = corpus.article("a", "2023-11-27")
    corpus.visit(art, "Antony Blinken", "Brussels", "BE", "2023-11-28", "planned",
                 evidence="Blinken flies to Brussels on Tuesday.")
    corpus.visit(art, "Antony Blinken", None, "IN", "2023-03", "occurred", start=100,
                 evidence="He last met Lavrov briefly in India in March.")
    build_marts(con)
    stops = rows(con, "select country, sort_date from stops order by actor_seq")
    assert [s["country"] for s in stops] == ["IN", "BE"]
    assert stops[0]["sort_date"].month == 3


def test_a_leg_is_cancelled_if_either_end_is(con, corpus):
    article = corpus.article("trip", "2023-10-17")
    corpus.visit(article, "Joe Biden", "Tel Aviv", "IL", "2023-10-18", "occurred",
                 "Biden landed in Tel Aviv.", start=0)
    corpus.visit(article, "Joe Biden", "Amman", "JO", "2023-10-18", "cancelled",
                 "The stop in Amman was called off.", start=30)
    build_marts(con)

    assert rows(con, "select from_place, to_place, status from legs") == [
        {"from_place": "Tel Aviv", "to_place": "Amman", "status": "cancelled"}]


def test_a_trip_ends_at_home_and_after_a_long_gap(con, corpus):
    article = corpus.article("year", "2023-12-01")
    for n, (place, country, day) in enumerate([
        ("Washington", "US", "2023-11-01"),  # departure
        ("Paris", "FR", "2023-11-02"),
        ("Washington", "US", "2023-11-04"),  # home again: the trip ends here
        ("Tokyo", "JP", "2023-11-07"),  # a new trip, leaving from home again
        ("Seoul", "KR", "2023-11-08"),
        ("Cairo", "EG", "2023-11-25"),  # 17 days later: another trip
        ("Amman", "JO", "2023-11-26"),
    ]):
        corpus.visit(article, "Antony Blinken", place, country, day, "occurred",
                     f"Blinken was in {place}.", start=n * 40)
    build_marts(con)

    trips = rows(con, "select trip_id, list(from_place || '>' || to_place order by seq) as legs "
                      "from legs group by trip_id order by min(sort_date)")
    assert [t["legs"] for t in trips] == [
        ["Washington>Paris", "Paris>Washington"],
        ["Washington>Tokyo", "Tokyo>Seoul"],
        ["Cairo>Amman"],
    ]


# -- meetings ----------------------------------------------------------------------------


def test_meeting_reported_twice_is_one_meeting_and_phone_calls_stay_apart(con, corpus):
    sunday = corpus.article("sun", "2014-12-14")
    monday = corpus.article("mon", "2014-12-15")
    pair = ["Sergei Lavrov", "John Kerry"]
    corpus.meeting(sunday, pair, "Rome", "IT", "2014-12-14", "occurred",
                   evidence="Kerry and Lavrov met in Rome on Sunday.")
    corpus.meeting(monday, pair, None, "IT", "2014-12", "occurred",
                   evidence="The two ministers talked in Italy this month.")
    corpus.meeting(monday, pair, None, None, "2014-12-14", "occurred", mode="phone",
                   evidence="They also spoke by phone.", start=50)
    build_marts(con)

    meetings = rows(con, "select * from meetings order by mode")
    assert [(m["mode"], m["place"], m["date"], m["sources"]) for m in meetings] == [
        ("in_person", "Rome", "2014-12-14", 2),
        ("phone", None, "2014-12-14", 1),
    ]
    assert meetings[0]["participants"] == ["John Kerry", "Sergei Lavrov"]
    assert meetings[0]["lat"] == pytest.approx(41.9, abs=0.1)


def test_meeting_in_a_city_gives_a_stop_to_each_visitor_once(con, corpus):
    article = corpus.article("rome", "2014-12-15")
    corpus.visit(article, "John Kerry", "Rome", "IT", "2014-12-14", "occurred",
                 "Kerry flew to Rome.")
    corpus.meeting(article, ["John Kerry", "Sergei Lavrov"], "Rome", "IT", "2014-12-14",
                   evidence="Kerry and Lavrov met in Rome on Sunday.", start=30)
    build_marts(con)

    stops = rows(con, "select actor, place, origin from stops order by actor")
    assert stops == [
        {"actor": "John Kerry", "place": "Rome", "origin": "visit"},
        {"actor": "Sergei Lavrov", "place": "Rome", "origin": "meeting"},
    ]
    lavrov = rows(con, "select e.mention_type from stops s join event_mentions e "
                       "on e.event_type = 'stop' and e.event_id = s.stop_id "
                       "where s.actor = 'Sergei Lavrov'")
    assert lavrov == [{"mention_type": "meeting"}]


def test_a_person_meeting_at_home_gets_no_stop(con, corpus):
    article = corpus.article("kyiv", "2024-09-11")
    corpus.meeting(article, ["Antony Blinken", "Volodymyr Zelensky"], "Kyiv", "UA",
                   "2024-09-11", evidence="Zelensky received Blinken in Kyiv.")
    build_marts(con)

    assert rows(con, "select actor from stops") == [{"actor": "Antony Blinken"}]


# -- aid ---------------------------------------------------------------------------------


def test_known_ecb_rate_converts_euros_on_the_fact_date(con, corpus):
    article = corpus.article("eu", "2023-06-23")
    corpus.aid(article, "European Union", "Ukraine", 1_500_000_000, "EUR", "delivered",
               "2023-06-22", "financial", "The EU paid EUR 1.5 billion on Thursday.")
    build_marts(con)

    (row,) = rows(con, "select * from aid")
    expected = CurrencyConverter(fallback_on_missing_rate=True,
                                 fallback_on_wrong_date=True).convert(
        1, "EUR", "USD", date=date(2023, 6, 22))
    assert 1.05 < row["fx_rate"] < 1.15
    assert row["fx_rate"] == pytest.approx(expected)
    assert row["fx_date"] == date(2023, 6, 22)
    assert row["amount"] == 1_500_000_000 and row["currency"] == "EUR"
    assert row["amount_usd"] == pytest.approx(1_500_000_000 * expected)


def test_undated_aid_converts_at_the_publication_date(con, corpus):
    article = corpus.article("uk", "2024-09-10")
    corpus.aid(article, "United Kingdom", "Ukraine", 162_000_000, "GBP", "announced",
               evidence="Britain announced missiles worth £162 million.")
    corpus.aid(article, "United States", "Ukraine", 1_000_000, "USD", "announced",
               evidence="The US added $1 million.", start=60)
    corpus.aid(article, "Japan", "Ukraine", 5, "XYZ", evidence="Five units of something.",
               start=90)
    build_marts(con)

    by_currency = {r["currency"]: r for r in rows(con, "select * from aid")}
    gbp = by_currency["GBP"]
    assert gbp["fx_date"] == date(2024, 9, 10)
    assert 1.2 < gbp["fx_rate"] < 1.4
    assert by_currency["USD"]["fx_rate"] == 1.0
    assert by_currency["USD"]["amount_usd"] == 1_000_000
    assert by_currency["XYZ"]["amount_usd"] is None  # no ECB rate: original amount only


def test_aid_restated_by_two_articles_is_one_commitment(con, corpus):
    october = corpus.article("oct", "2023-10-20")
    april = corpus.article("apr", "2024-04-24")
    corpus.aid(october, "United States", "Ukraine", 61_000_000_000, "USD", "proposed",
               evidence="The White House asked Congress for another $61 billion.")
    corpus.aid(april, "United States", "Ukraine", 60_800_000_000, "USD", "authorized",
               "2024-04-23", evidence="Congress passed the $60.8 billion package.")
    corpus.aid(april, "United States", "Ukraine", 1_000_000_000, "USD", "announced",
               "2024-04-24", evidence="A first $1 billion package followed.", start=60)
    build_marts(con)

    rows_ = rows(con, "select amount, status, sources, date from aid order by amount desc")
    assert rows_ == [
        {"amount": 60_800_000_000, "status": "authorized", "sources": 2, "date": "2024-04-23"},
        {"amount": 1_000_000_000, "status": "announced", "sources": 1, "date": "2024-04-24"},
    ]


def test_a_running_total_is_marked_and_its_part_is_not(con, corpus):
    article = corpus.article("haiyan", "2013-11-15")
    sentence = "Cameron pledged another £30m, bringing the total to £50m."
    corpus.aid(article, "United Kingdom", "Philippines", 30_000_000, "GBP", "pledged",
               evidence=sentence, aid_type="humanitarian")
    corpus.aid(article, "United Kingdom", "Philippines", 50_000_000, "GBP", "pledged",
               evidence=sentence, aid_type="humanitarian")
    build_marts(con)

    assert rows(con, "select amount, is_total from aid order by amount") == [
        {"amount": 30_000_000, "is_total": False},
        {"amount": 50_000_000, "is_total": True},
    ]


def test_a_package_that_contains_another_figure_is_the_total(con, corpus):
    article = corpus.article("house-vote", "2024-04-20")
    sentence = "The House approved $61 billion for Ukraine, part of a $95 billion package."
    corpus.aid(article, "United States", "Ukraine", 61_000_000_000, "USD", "authorized",
               evidence=sentence)
    corpus.aid(article, "United States", None, 95_000_000_000, "USD", "authorized",
               evidence=sentence)
    build_marts(con)

    assert rows(con, "select amount, is_total from aid order by amount") == [
        {"amount": 61_000_000_000, "is_total": False},
        {"amount": 95_000_000_000, "is_total": True},
    ]


# -- casualties --------------------------------------------------------------------------


def test_competing_casualty_figures_for_the_same_day_both_survive(con, corpus):
    un = corpus.article("un", "2023-10-23")
    ministry = corpus.article("ministry", "2023-10-23")
    again = corpus.article("again", "2023-10-24")
    corpus.casualty(un, "killed", 5000, "2023-10-23", "UN", "Gaza", "more than")
    corpus.casualty(ministry, "killed", 5087, "2023-10-23", "Health Ministry", "Gaza")
    corpus.casualty(again, "killed", 5000, "2023-10-23", "UN", "Gaza")
    build_marts(con)

    reports = rows(con, "select value, reported_by, sources, qualifier from casualty_reports "
                        "order by value")
    # under their canonical names (data/reference/reporters.csv): the ministry of a Gaza
    # figure is the Gaza health ministry
    assert reports == [
        {"value": 5000, "reported_by": "United Nations", "sources": 2, "qualifier": None},
        {"value": 5087, "reported_by": "Gaza health ministry", "sources": 1, "qualifier": None},
    ]
    # never averaged or summed: both values are there as given
    assert sum(r["value"] for r in reports) == 10087


# -- people, links, rebuilds -------------------------------------------------------------


def test_people_have_reference_roles_and_unknown_names_are_kept(con, corpus):
    article = corpus.article("a", "2024-01-01")
    corpus.visit(article, "Jane Unlisted", "Paris", "FR", "2024-01-01")
    build_marts(con)

    people = {p["name"]: p for p in rows(con, "select * from people")}
    assert people["Jane Unlisted"]["aliases"] == []
    assert people["Jane Unlisted"]["roles"] == []
    blinken = people["Antony Blinken"]
    assert "Blinken" in blinken["aliases"]
    assert {"title": "Secretary of State", "country": "US", "from": date(2021, 1, 26),
            "to": date(2025, 1, 20), "source": "curated", "evidence": None,
            "article_id": None} in blinken["roles"]


def test_every_event_links_to_its_mentions(con, corpus):
    article = corpus.article("a", "2024-09-11")
    mentions = {
        corpus.visit(article, "David Lammy", "Kyiv", "UA", "2024-09-11"),
        corpus.meeting(article, ["David Lammy", "Antony Blinken"], "Kyiv", "UA", "2024-09-11"),
        corpus.aid(article, "United Kingdom", "Ukraine", 1e6, "GBP"),
        corpus.casualty(article, "wounded", 12, "2024-09-11"),
    }
    build_marts(con)

    linked = {m for (m,) in con.execute("select mention_id from event_mentions").fetchall()}
    assert mentions <= linked
    assert rows(con, "select distinct evidence_start, evidence_end from event_mentions "
                     "where event_type = 'aid'") == [
        {"evidence_start": 0, "evidence_end": len("Aid was promised.")}]


def test_build_marts_is_idempotent(con, corpus):
    article = corpus.article("a", "2024-09-11")
    corpus.visit(article, "David Lammy", "Kyiv", "UA", "2024-09-11")
    corpus.visit(article, "David Lammy", None, "PL", None, start=20)
    corpus.aid(article, "United Kingdom", "Ukraine", 1e6, "GBP")
    build_marts(con)
    first = {t: sorted(con.execute(f"select * from {t}").fetchall(), key=repr) for t in MARTS}
    build_marts(con)
    second = {t: sorted(con.execute(f"select * from {t}").fetchall(), key=repr) for t in MARTS}
    assert first == second
    leftovers = con.execute("select table_name from information_schema.tables "
                            "where table_name like 'int_%' or table_name like 'stg_%'").fetchall()
    assert leftovers == []


def test_no_mentions_build_empty_marts_and_the_reference_people(con):
    build_marts(con)
    for table in MARTS:
        if table != "people":
            assert con.execute(f"select count(*) from {table}").fetchone() == (0,)
    assert con.execute("select count(*) from people").fetchone()[0] > 10


# -- the seeds, through the real pipeline --------------------------------------------------


@pytest.fixture(scope="module")
def seed_db(seeds_cli_db: Path):
    """The seeds built by `python -m etl build` (tests/conftest.py seeds_cli_db)."""
    connection = duckdb.connect(str(seeds_cli_db), read_only=True)
    yield connection
    connection.close()


def test_seeds_blinken_november_2023_route(seed_db):
    legs = rows(seed_db, "select from_place, to_place, to_kind, to_lat, to_lon from legs "
                         "where actor = 'Antony Blinken' and sort_date between "
                         "'2023-11-20' and '2023-12-05' order by trip_id, seq")
    assert [(leg["from_place"], leg["to_place"]) for leg in legs] == [
        ("Washington", "Brussels"), ("Brussels", "North Macedonia")]
    assert legs[-1]["to_kind"] == "country"
    assert (round(legs[-1]["to_lat"]), round(legs[-1]["to_lon"])) == (42, 21)  # Skopje


def test_seeds_kyiv_september_2024_is_one_occurred_stop_per_person(seed_db):
    stops = rows(seed_db, "select actor, status, sources from stops where place = 'Kyiv' "
                          "and sort_date between '2024-09-01' and '2024-09-30' order by actor")
    assert stops == [
        {"actor": "Antony Blinken", "status": "occurred", "sources": 2},
        {"actor": "David Lammy", "status": "occurred", "sources": 2},
    ]


def test_seeds_kerry_lavrov_rome_meeting_is_one_meeting(seed_db):
    meetings = rows(seed_db, "select date, sources from meetings where place = 'Rome' and "
                             "participants = ['John Kerry', 'Sergei Lavrov']")
    assert len(meetings) == 1
    assert meetings[0]["date"].startswith("2014-12")


def test_seeds_kerry_lavrov_rome_meeting_is_dated_sunday(seed_db):
    meetings = rows(seed_db, "select date from meetings where place = 'Rome' and "
                             "participants = ['John Kerry', 'Sergei Lavrov']")
    assert meetings == [{"date": "2014-12-14"}]


def test_seeds_macron_scholz_draghi_trip_is_dated_2022(seed_db):
    stops = rows(seed_db, "select actor, date from stops where place = 'Kyiv' and actor in "
                          "('Emmanuel Macron', 'Olaf Scholz', 'Mario Draghi')")
    assert {s["actor"] for s in stops} == {"Emmanuel Macron", "Olaf Scholz", "Mario Draghi"}
    assert all(s["date"] and s["date"].startswith("2022") for s in stops)


def test_seeds_macron_scholz_draghi_in_kyiv_are_each_told_of_the_others(seed_db):
    stops = rows(seed_db, "select actor, co_located from stops where place = 'Kyiv' and "
                          "actor in ('Emmanuel Macron', 'Olaf Scholz', 'Mario Draghi')")
    trio = {"Emmanuel Macron", "Olaf Scholz", "Mario Draghi"}
    assert {s["actor"] for s in stops} == trio
    for s in stops:
        assert trio - {s["actor"]} <= set(s["co_located"])


def test_seeds_phone_calls_are_listed_not_placed(seed_db):
    assert rows(seed_db, "select meeting_id from meetings where mode in ('phone', 'video') "
                         "and on_map") == []
    assert rows(seed_db, "select on_map from meetings where place = 'Rome' and "
                         "participants = ['John Kerry', 'Sergei Lavrov']") == [{"on_map": True}]
