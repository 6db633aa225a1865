"""The events issue's figures on real builds: the aid packages and casualty series a policy
officer reads, from the sample articles (data/articles) and, when ../shared is here, with the
development corpora and the seed stories (tests/conftest.py: corpora_db, seeds_sample_db;
skipped cleanly without them). Every expected value is what the articles state plainly: a
better extractor finds the same packages and series."""

from __future__ import annotations

import re
from datetime import date

import duckdb
import pytest

from ui import builders, db, export, queries
from ui.scope import Filters

B = 1e9
TOLERANCE = 0.025  # restatements of one package round (int_aid_package_commitments.sql)


def rows(con, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


@pytest.fixture(scope="module")
def corpora(corpora_db):
    con = duckdb.connect(str(corpora_db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def pages(corpora_db):
    """The read side's cursor (the dashboard's macros) on the same database."""
    con = db.cursor(db.open_handle(corpora_db))
    yield con
    con.close()


def packages_near(con, donor: str, recipient: str, amount: float, currency: str,
                  first: str, last: str) -> list[dict]:
    """The packages of donor to recipient whose committed figure is within the tolerance of
    `amount` and whose reports fall between `first` and `last`."""
    return rows(con, "select * from aid_packages where donor = ? and recipient = ? and "
                     "currency = ? and abs(amount - ?) <= ? * ? and day_hi >= ? and day_lo <= ?",
                [donor, recipient, currency, amount, amount, TOLERANCE, date.fromisoformat(first),
                 date.fromisoformat(last)])


# -- aid ------------------------------------------------------------------------------------

def test_the_us_ukraine_package_of_2023_2024_is_one_authorized_package(corpora):
    # "The US House of Representatives on Saturday approved about $61 billion in aid for
    # Ukraine" (April 2024); "A package of about $60 billion for Ukraine passed by the Senate
    # in February"; "It provides $60.84 billion"
    (package,) = packages_near(corpora, "United States", "Ukraine", 61 * B, "USD",
                               "2023-10-01", "2024-06-30")
    assert package["stage"] == "authorized"
    assert package["amount_usd"] == pytest.approx(61 * B, rel=TOLERANCE)
    stages = rows(corpora, "select * from aid_stages where package_id = ? order by seq",
                  [package["package_id"]])
    assert len(stages) >= 2 and package["sources"] >= 2
    assert {s["stage"] for s in stages} >= {"authorized"}
    assert all(s["evidence"] for s in stages)
    # no second package of the same bill beside it, and the $95 billion bill for several
    # allies is a total, not Ukraine's
    assert not packages_near(corpora, "United States", "Ukraine", 95 * B, "USD",
                             "2024-01-01", "2024-12-31")


def test_the_eu_18_billion_package_holds_its_paid_tranches(corpora):
    # "disbursed €3 billion to Ukraine, the first instalment of an assistance package of up
    # to €18 billion"; later tranches of €1.5 billion
    (package,) = packages_near(corpora, "European Union", "Ukraine", 18 * B, "EUR",
                               "2022-12-01", "2023-12-31")
    parts = rows(corpora, "select * from aid_stages where package_id = ? and kind = 'part'",
                 [package["package_id"]])
    paid = [p for p in parts if p["stage"] == "delivered"]
    assert paid and 3 * B in {p["amount"] for p in paid}
    assert package["stage"] == "delivered"
    assert package["delivered"] == pytest.approx(sum(p["amount"] for p in paid))
    assert 0 < package["delivered"] <= package["amount"]
    # no tranche is a package beside it
    assert not rows(corpora, "select * from aid_packages where donor = 'European Union' and "
                             "recipient = 'Ukraine' and amount in (1.5e9, 3e9) and "
                             "day_lo >= '2023-01-01'")


def test_the_imf_17_5_billion_programme_holds_its_first_disbursement(corpora):
    # "approved a four-year Extended Fund Facility worth about $17.5 billion for Ukraine,
    # clearing the way for an immediate disbursement of about $5 billion"
    (package,) = packages_near(corpora, "IMF", "Ukraine", 17.5 * B, "USD", "2015-01-01",
                               "2015-12-31")
    parts = rows(corpora, "select amount from aid_stages where package_id = ? and "
                          "kind = 'part'", [package["package_id"]])
    assert 5 * B in {p["amount"] for p in parts}
    assert not packages_near(corpora, "IMF", "Ukraine", 5 * B, "USD", "2015-01-01",
                             "2015-12-31")
    # the 2014 stand-by loan of about $17 billion is another programme
    assert package["amount"] == pytest.approx(17.5 * B, rel=0.001)


@pytest.mark.parametrize("donor", ["United States", "European Union"])
def test_a_donors_bar_is_the_sum_of_its_packages(pages, corpora, donor):
    view = builders.aid_view(pages, Filters())
    bar = float(view.frame[view.frame["party"] == donor]["usd"].sum())
    packages = corpora.execute("select sum(amount_usd) from aid_packages where donor = ?",
                               [donor]).fetchone()[0]
    assert bar == pytest.approx(packages)


def _money(text: str) -> float:
    number, scale = re.match(r"USD ([\d,.]+) (bn|m)", text).groups()
    return float(number.replace(",", "")) * (1e9 if scale == "bn" else 1e6)


def test_the_deck_headline_is_the_sum_of_the_packages(pages, corpora):
    view = builders.aid_view(pages, Filters())
    slide = export.slide_of(view)
    named = corpora.execute("select sum(amount_usd), count(amount_usd) from aid_packages "
                            "where donor is not null").fetchone()
    assert slide.headline == f"Aid: {view.headline}"
    assert _money(view.headline) == pytest.approx(named[0], rel=0.001)  # 'USD 243.1 bn'
    assert f"{named[1]:,} packages, counted once at their furthest stage" in view.headline
    # the bars, all of them (not only the largest drawn), add up to the headline
    bars = queries.aid_by_party(pages, Filters(), statuses=[])
    assert _money(view.headline) == pytest.approx(
        float(bars[bars["named"]]["usd"].sum()), rel=0.001)


# -- casualties -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    yield con
    con.close()


def series_values(con, reporter: str, where: str, population: str) -> list[int]:
    return [r["value"] for r in rows(
        con, "select value from casualty_reports where metric = 'killed' and reported_by = ? "
             "and \"where\" = ? and population = ? order by as_of_date, value",
        [reporter, where, population])]


def test_the_gaza_toll_of_the_sample_is_one_line_and_its_children_another(sample):
    # "More than 5,000 Palestinians have been killed in Israeli strikes on the Gaza Strip"
    # ... "the toll at 10,022, including 4,104 children", from "the health ministry in the
    # Hamas-run territory", "the health ministry in Gaza"
    toll = series_values(sample, "Gaza health ministry", "Gaza Strip", "all")
    children = series_values(sample, "Gaza health ministry", "Gaza Strip", "children")
    assert {5000, 10022} <= set(toll)
    assert toll == sorted(toll)  # a toll that only rises: no sub-count on its line
    assert {2055, 4104} <= set(children) and not set(children) & set(toll)


def test_reporting_source_and_place_aliases_are_merged(sample):
    (series,) = rows(sample, "select * from casualty_series where metric = 'killed' and "
                             "reported_by = 'Gaza health ministry' and \"where\" = 'Gaza Strip' "
                             "and population = 'all'")
    forms = {f for (f,) in sample.execute(
        "select distinct unnest(reported_as) from casualty_reports where series_id = ?",
        [series["series_id"]]).fetchall()}
    places = {p for (p,) in sample.execute(
        "select distinct unnest(where_as) from casualty_reports where series_id = ?",
        [series["series_id"]]).fetchall()}
    assert {"health ministry in Gaza", "health ministry in the Hamas-run territory"} <= forms
    assert {"Gaza", "Gaza Strip"} <= places
    # one name per source: no series is still under an alias
    names = {r for (r,) in sample.execute("select distinct reported_by from casualty_series "
                                          "where reported_by is not null").fetchall()}
    assert not names & {"health ministry in Gaza", "UN", "Gaza"}


def test_the_casualties_page_opens_on_the_most_reported_series(pages, corpora):
    view = builders.casualties_view(pages, Filters())
    top = corpora.execute("select \"where\", reported_by from casualty_series "
                          "order by reports desc, last_as_of desc limit 1").fetchone()
    assert view.options["place"] == top[0]
    assert view.headline.startswith(f"{top[1]}, {top[0]}:")


def test_a_population_figure_is_no_casualty(corpora):
    # "about 1.4 million of Gaza's 2.3 million people were now internally displaced"
    (kept,) = rows(corpora, "select * from casualty_set_aside where value = 2300000")
    assert kept["reason"].startswith("a population")
    assert not rows(corpora, "select * from casualty_reports where value = 2300000")


# -- trips ----------------------------------------------------------------------------------

KERRY_2013 = ["Washington", "London", "Berlin", "Paris", "Rome", "Ankara", "Cairo", "Riyadh",
              "Abu Dhabi", "Doha"]


def test_kerrys_first_tour_reads_in_the_order_travelled(seeds_sample_db):
    # "will leave Washington on Sunday"; "The itinerary takes Kerry first to London, then to
    # Berlin, Paris and Rome, before he heads to Ankara, Cairo, Riyadh, Abu Dhabi and finally
    # Doha"; "met in Berlin on Tuesday, 26 February 2013"
    con = duckdb.connect(str(seeds_sample_db), read_only=True)
    legs = rows(con, "select trip_id, seq, from_place, to_place from legs "
                     "where actor = 'John Kerry' and sort_date between '2013-02-15' and "
                     "'2013-03-15' order by trip_id, seq")
    berlin = rows(con, "select status, sources from stops where actor = 'John Kerry' and "
                       "place = 'Berlin' and sort_date between '2013-02-15' and '2013-03-15'")
    con.close()
    assert len({leg["trip_id"] for leg in legs}) == 1
    assert [legs[0]["from_place"]] + [leg["to_place"] for leg in legs] == KERRY_2013
    # once, reported as done, by the itinerary and the report of the Berlin talks (and the
    # seed story's "Germany" when it names the country)
    (stop,) = berlin
    assert stop["status"] == "occurred" and stop["sources"] >= 2
