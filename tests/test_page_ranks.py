"""The columns the build stores so the page queries sort, cut and count cheaply
(etl/sql/post/page_ranks.sql and the article numbers of etl/sql/post/event_columns.sql),
checked on real builds against what they stand for, worked out here another way.

A page query orders by a rank instead of its ORDER BY and counts articles by number instead
of by id: a rank that is not that order, or a number that is not one article, would show
other rows or another count without any error.
"""

from __future__ import annotations

import duckdb
import pytest

# (mart, rank column, the page's ORDER BY the rank stands for, ending in the row's id)
RANKS = [
    ("stops", "map_rank", "sources desc, day_lo, actor, stop_id"),
    ("stops", "route_rank", "coalesce(sort_date, day_lo) nulls last, actor_seq, stop_id"),
    ("legs", "map_rank", "actor, trip_id, seq"),
    ("casualty_reports", "chart_rank", "day_lo desc, metric, reported_by, report_id"),
    ("aid_packages", "size_rank", "amount_usd desc nulls last, day_lo, package_id"),
]

# the marts that carry article_ids and article_nos side by side
NUMBERED = ["stops", "meetings", "aid", "casualty_reports", "aid_packages", "aid_stages"]


@pytest.fixture(scope="module", params=["fixture-articles", "pages"])
def db(request: pytest.FixtureRequest):
    """A real build: the fixture articles, or the fixture and page articles."""
    path = request.getfixturevalue("fixture_db" if request.param == "fixture-articles"
                                   else "pages_db")
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize(("mart", "rank", "order"), RANKS,
                         ids=[f"{m}.{r}" for m, r, _ in RANKS])
def test_each_rank_is_its_pages_order(db, mart, rank, order):
    rows = db.execute(
        f"select {rank}, row_number() over (order by {order}) from {mart}").fetchall()
    assert rows
    assert [r for r, _ in rows if r is None] == []
    assert sorted(r for r, _ in rows) == list(range(1, len(rows) + 1))  # 1..n, unique
    assert [(r, n) for r, n in rows if r != n][:5] == []


def test_a_legs_end_ranks_are_its_stops_map_ranks(db):
    rows = db.execute(
        "select l.trip_id, l.seq, l.from_stop_rank, f.map_rank, l.to_stop_rank, t.map_rank "
        "from legs l left join stops f on f.stop_id = l.from_stop_id "
        "left join stops t on t.stop_id = l.to_stop_id").fetchall()
    assert rows
    assert [r for r in rows if r[2] != r[3] or r[4] != r[5] or r[2] is None][:5] == []


def test_article_numbers_stand_for_one_article_each(db):
    """article_nos holds a number per id of article_ids, the same number for the same
    article in every mart, and no two articles share one."""
    pairs: set[tuple[str, int]] = set()
    for mart in NUMBERED:
        rows = db.execute(f"select article_ids, article_nos from {mart}").fetchall()
        assert rows, mart
        for ids, numbers in rows:
            assert len(ids) == len(numbers), mart
            # both lists sorted; numbers follow the ids' order, so they pair by position
            assert numbers == sorted(numbers)
            pairs |= set(zip(ids, numbers, strict=True))
    ids = [i for i, _ in pairs]
    numbers = [n for _, n in pairs]
    assert len(set(ids)) == len(pairs) == len(set(numbers))
