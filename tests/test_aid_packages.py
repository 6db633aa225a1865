"""Aid reports -> packages (etl/sql/intermediate/int_aid_package_*.sql, marts aid_packages and
aid_stages): one commitment followed through its stages, its parts inside, totals and rates
never added. Each test writes a few mentions in our own words and reads the marts back."""

from __future__ import annotations

import duckdb
import pytest

from etl.events import build_marts
from etl.load import create_schema
from tests.test_events import Corpus, rows

B = 1e9


@pytest.fixture
def con(tmp_path):
    connection = duckdb.connect(str(tmp_path / "aid.duckdb"))
    create_schema(connection)
    yield connection
    connection.close()


@pytest.fixture
def corpus(con) -> Corpus:
    return Corpus(con)


def packages(con, donor: str | None = None) -> list[dict]:
    where = "donor is not distinct from ?" if donor is not None else "true"
    return rows(con, f"select * from aid_packages where {where} order by amount",
                [donor] if donor is not None else [])


def test_a_bill_through_its_stages_is_one_package_at_its_furthest_stage(con, corpus):
    corpus.article("ask", "2023-10-20")
    corpus.article("senate", "2024-02-14")
    corpus.article("house", "2024-04-20")
    corpus.aid("ask", "Freedonia", "Sylvania", 61.4 * B, "USD", "requested", "2023-10-20",
               evidence="Freedonia's leader asked lawmakers for $61.4 billion for Sylvania.")
    corpus.aid("senate", "Freedonia", "Sylvania", 60 * B, "USD", "pledged", "2024-02",
               evidence="The upper house passed about $60 billion for Sylvania in February.")
    corpus.aid("house", "Freedonia", "Sylvania", 61 * B, "USD", "authorized", "2024-04-20",
               evidence="The lower house approved $61 billion for Sylvania on Saturday.")
    corpus.aid("house", "Freedonia", "Sylvania", 60.84 * B, "USD", "announced", "2024-04-20",
               evidence="The bill provides $60.84 billion, mostly for weapons.", start=80)
    build_marts(con)
    (package,) = packages(con)
    # "$61 billion" and "$60.84 billion" the same day are one figure, said two ways
    assert package["stage"] == "authorized" and package["amount"] == pytest.approx(61 * B,
                                                                                  rel=0.025)
    assert package["sources"] == 3 and package["delivered"] == 0
    history = rows(con, "select stage, kind from aid_stages order by seq")
    assert [h["stage"] for h in history] == ["requested", "authorized", "authorized"]
    assert {h["kind"] for h in history} == {"stage"}
    # the Senate's "passed" is an authorization whatever verb told it
    assert rows(con, "select status from aid where amount = ?", [60 * B]) == [
        {"status": "authorized"}]


def test_amounts_further_apart_than_rounding_are_two_packages(con, corpus):
    corpus.article("a", "2014-04-30")
    corpus.article("b", "2015-03-11")
    corpus.aid("a", "Fund", "Sylvania", 17 * B, "USD", "authorized", "2014-04",
               evidence="The fund approved a $17 billion stand-by loan.")
    corpus.aid("b", "Fund", "Sylvania", 17.5 * B, "USD", "authorized", "2015-03-11",
               evidence="The fund approved a new $17.5 billion facility.")
    build_marts(con)
    assert [p["amount"] for p in packages(con)] == [17 * B, 17.5 * B]


def test_two_announcements_of_one_size_months_apart_are_two_packages(con, corpus):
    corpus.article("may", "2024-05-10")
    corpus.article("jul", "2024-07-03")
    corpus.aid("may", "Freedonia", "Sylvania", 0.4 * B, "USD", "announced", "2024-05-10",
               evidence="Freedonia announced a new $400 million package on Friday.")
    corpus.aid("jul", "Freedonia", "Sylvania", 0.4 * B, "USD", "announced", "2024-07-03",
               evidence="Freedonia announced another $400 million package on Wednesday.")
    build_marts(con)
    assert len(packages(con)) == 2


def test_instalments_sit_inside_their_package_and_move_what_was_delivered(con, corpus):
    corpus.article("jan", "2023-01-17")
    corpus.article("jun", "2023-06-22")
    corpus.aid("jan", "Union", "Sylvania", 3 * B, "EUR", "delivered", "2023-01-17",
               evidence="The Union paid EUR 3 billion to Sylvania, the first instalment of a "
               "package of up to EUR 18 billion agreed in December.")
    corpus.aid("jan", "Union", "Sylvania", 18 * B, "EUR", "delivered", "2022-12",
               evidence="The Union paid EUR 3 billion to Sylvania, the first instalment of a "
               "package of up to EUR 18 billion agreed in December.")
    for day, start in (("2023-03", 0), ("2023-05-25", 60), ("2023-06-22", 120)):
        corpus.aid("jun", "Union", "Sylvania", 1.5 * B, "EUR", "delivered", day, start=start,
                   evidence="Another tranche of budget support in the amount of EUR 1.5 "
                   "billion reached Sylvania.")
    corpus.aid("jun", "Union", "Sylvania", 1.5 * B, "EUR", "pledged", "2023", start=200,
               evidence="Further transfers of EUR 1.5 billion a month are planned.")
    corpus.aid("jun", "Union", "Sylvania", 18 * B, "EUR", "pledged", "2023-06-22", start=300,
               evidence="This is the fourth tranche, the total amount of which is EUR 18 "
               "billion.")
    build_marts(con)
    (package,) = packages(con)
    assert package["amount"] == 18 * B and package["stage"] == "delivered"
    assert package["delivered"] == pytest.approx(3 * B + 3 * 1.5 * B) and package["parts"] == 4
    kinds = {r["kind"] for r in rows(con, "select kind from aid_stages")}
    assert kinds == {"stage", "part", "restatement"}
    # the rate is listed, in no package
    assert rows(con, "select kind from aid where package_id is null") == [{"kind": "rate"}]


def test_a_running_total_is_never_a_package(con, corpus):
    corpus.article("a", "2013-11-10")
    corpus.article("b", "2013-11-15")
    corpus.aid("a", "Kingdom", "Islands", 6e6, "GBP", "pledged", "2013-11-10",
               evidence="The Kingdom pledged £6 million to the Islands.")
    corpus.aid("b", "Kingdom", "Islands", 30e6, "GBP", "pledged", "2013-11-15",
               evidence="It pledged another £30 million.")
    corpus.aid("b", "Kingdom", "Islands", 50e6, "GBP", "pledged", "2013-11-15", start=40,
               evidence="That brings the total pledged to the Islands to £50 million.")
    build_marts(con)
    assert sorted(p["amount"] for p in packages(con)) == [6e6, 30e6]
    assert rows(con, "select amount, kind from aid where package_id is null") == [
        {"amount": 50e6, "kind": "total"}]


def test_a_piece_of_a_wider_bill_is_the_package_and_the_bill_a_total(con, corpus):
    corpus.article("a", "2024-04-20")
    text = ("Lawmakers approved about $48 billion for Sylvania, part of a $90 billion bill for "
            "several allies.")
    corpus.aid("a", "Freedonia", "Sylvania", 48 * B, "USD", "authorized", "2024-04-20",
               evidence=text)
    corpus.aid("a", "Freedonia", "Sylvania", 90 * B, "USD", "authorized", "2024-04-20",
               evidence=text)
    build_marts(con)
    assert [p["amount"] for p in packages(con)] == [48 * B]


def test_an_unnamed_donor_joins_the_one_named_package_it_matches(con, corpus):
    corpus.article("a", "2024-02-14")
    corpus.article("b", "2024-04-20")
    corpus.aid("a", None, "Sylvania", 60 * B, "USD", "pledged", "2024-02",
               evidence="A package of about $60 billion for Sylvania is stalled.")
    corpus.aid("b", "Freedonia", "Sylvania", 61 * B, "USD", "authorized", "2024-04-20",
               evidence="Freedonia's lower house approved $61 billion for Sylvania.")
    corpus.aid("b", None, "Sylvania", 2 * B, "USD", "pledged", "2024-04-20", start=90,
               evidence="Donors pledged $2 billion more for Sylvania.")
    build_marts(con)
    named, = packages(con, "Freedonia")
    assert named["sources"] == 2 and named["reports"] == 2
    # the $2 billion matches no named package: it stays apart, unnamed
    assert [p["amount"] for p in rows(con, "select amount from aid_packages "
                                           "where donor is null")] == [2 * B]


def test_a_delivery_past_its_package_is_not_inside_it(con, corpus):
    corpus.article("a", "2023-01-10")
    corpus.aid("a", "Union", "Sylvania", 2 * B, "EUR", "pledged", "2023-01-10",
               evidence="The Union pledged EUR 2 billion to Sylvania.")
    for day, start in (("2023-02-01", 30), ("2023-03-01", 60), ("2023-04-01", 90)):
        corpus.aid("a", "Union", "Sylvania", 1 * B, "EUR", "delivered", day, start=start,
                   evidence="A tranche of EUR 1 billion was paid.")
    build_marts(con)
    two = rows(con, "select delivered, parts from aid_packages where amount = ?", [2 * B])
    assert two == [{"delivered": 2 * B, "parts": 2}]
    assert len(packages(con)) == 2  # the third billion paid is money of its own


def test_dollars_of_an_undated_page_are_dollars_and_other_money_waits_for_a_day(con, corpus):
    corpus.article("saved", None)  # a saved page without its date
    corpus.aid("saved", "Freedonia", "Sylvania", 791e6, "USD", "requested",
               evidence="The agencies asked donors for $791 million for Sylvania.")
    corpus.aid("saved", "Freedonia", "Sylvania", 50e6, "EUR", "pledged", start=60,
               evidence="Freedonia pledged 50 million euros to Sylvania.")
    build_marts(con)
    by_currency = {p["currency"]: p for p in packages(con)}
    assert by_currency["USD"]["amount_usd"] == pytest.approx(791e6)
    assert by_currency["USD"]["fx_rate"] == 1.0
    # no day, no ECB rate: the euros keep their amount and are left out of the sums
    assert by_currency["EUR"]["amount_usd"] is None
    assert rows(con, "select amount_usd from aid where currency = 'USD'") == [
        {"amount_usd": pytest.approx(791e6)}]
