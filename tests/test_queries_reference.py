"""The page queries against straightforward reference queries, on real builds.

Each page query of ui/queries.py is shaped for speed: it reads counts, summaries, outlets and
day windows the build stored beside the rows (etl/sql/post/), caps before it looks anything
up, and states its filters so DuckDB can skip row groups. Here the same answers are worked
out the plain way, from the marts' own columns, event_mentions and articles, for filter sets
drawn from each database (as benchmarks/bench_queries.py draws them) and with caps small
enough to cut. A faster query that returns other rows, in another order, or other totals
fails here. The values are bound; the only text put into SQL is these constant conditions.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ui import queries
from ui.handle import cursor, open_handle
from ui.scope import Filters


@pytest.fixture(scope="module", params=["sample", "pages"])
def con(request: pytest.FixtureRequest):
    """A dashboard connection (read-only attach, the query macros) to a real build: the
    bundled sample articles, or the fixture and page articles."""
    path = request.getfixturevalue("sample_db" if request.param == "sample" else "pages_db")
    return cursor(open_handle(path))


def filter_sets(con) -> list[Filters]:
    bounds = queries.year_bounds(con)
    first, last = bounds or (2013, 2024)
    people = [r[0] for r in con.execute(
        "select actor from stops group by actor order by count(*) desc, actor").fetchall()]
    countries = [r[0] for r in con.execute(
        "select country from stops where country is not null group by country "
        "order by count(*) desc, country").fetchall()]
    outlets = [r[0] for r in con.execute(
        "select source from articles where source is not null group by source "
        "order by count(*) desc, source").fetchall()]
    assert people and countries and outlets
    mid = (first + last) // 2
    return [
        Filters(year_bounds=bounds),
        Filters(diplomats=(people[0],), year_bounds=bounds),
        Filters(diplomats=tuple(people[1:3]), year_bounds=bounds),
        Filters(countries=tuple(countries[:2]), year_bounds=bounds),
        Filters(years=(mid, mid + 1), statuses=("occurred",), year_bounds=bounds),
        Filters(years=(first, first), year_bounds=bounds),
        Filters(outlets=(outlets[0],), year_bounds=bounds),
        Filters(outlets=tuple(outlets[:2]), statuses=("planned", "occurred"),
                year_bounds=bounds),
        Filters(diplomats=(people[0],), years=(first, last), countries=(countries[0],),
                outlets=tuple(outlets[:3]), year_bounds=bounds),
        Filters(verified_only=True, year_bounds=bounds),
    ]


def _params(f: Filters) -> dict:
    return {"actors": list(f.diplomats), "countries": list(f.countries),
            "statuses": list(f.statuses), "outlets": list(f.outlets),
            "date_from": f.date_from, "date_to": f.date_to, "verified": f.verified_only,
            "names": queries._country_names(f)}


def _rows(con, sql: str, params: dict) -> pd.DataFrame:
    wanted = set(queries._PARAM.findall(sql))
    return con.execute(sql, {k: params[k] for k in wanted}).df()


# Plain conditions on one row of a mart `m`, each written out: an empty choice keeps all.
PICKED = "(len({choices}) = 0 or {value} in (select unnest({choices})))"
IN_WINDOW = ("(($date_from is null and $date_to is null) or "
             "({hi} >= $date_from and {lo} <= $date_to))")
VERIFIED = "(not $verified or {state} in ('verified', 'corrected'))"
# an event passes the outlet filter when an article behind it (event_mentions) is from one
FROM_OUTLET = ("(len($outlets) = 0 or exists (select 1 from event_mentions em join articles a "
               "on a.id = em.article_id where em.event_type = '{kind}' and em.event_id = {id} "
               "and a.source in (select unnest($outlets))))")


def _articles_behind(con, kind: str, ids: list) -> int:
    """Distinct articles behind the events `ids`, counted from event_mentions."""
    return con.execute(
        "select count(distinct article_id) from event_mentions where event_type = ? "
        "and event_id in (select unnest(?))", [kind, [str(i) for i in ids]]).fetchone()[0]


# -- the sidebar and People lists -------------------------------------------------------------

def test_sidebar_and_people_counts_are_the_whole_database_grouped(con):
    diplomats = con.execute("select actor, count(*) as stops from stops where actor is not null "
                            "group by actor order by stops desc, actor").df()
    pd.testing.assert_frame_equal(queries.diplomat_counts(con), diplomats)
    countries = con.execute(
        "select country, count(*) as events from (select country from stops union all "
        "select country from meetings) where country is not null group by country "
        "order by events desc, country").df()
    pd.testing.assert_frame_equal(queries.country_counts(con), countries)
    people = con.execute(
        "select name, count(*) as events from (select actor as name from stops union all "
        "select unnest(participants) from meetings) where name is not null group by name "
        "order by events desc, name").df()
    pd.testing.assert_frame_equal(queries.person_list(con), people)
    assert len(diplomats) and len(countries) and len(people) >= len(diplomats)


# -- the Sources page -------------------------------------------------------------------------

ARTICLE_FACTS = """
select
    event_mentions.event_type as fact,
    case event_mentions.event_type
        when 'stop' then concat_ws(', ', stops.actor, coalesce(stops.place, stops.country),
                                   cast(stops.date as varchar))
        when 'meeting' then concat_ws(', ', array_to_string(meetings.participants, ' & '),
                                      coalesce(meetings.place, meetings.country),
                                      cast(meetings.date as varchar))
        when 'aid' then concat_ws(', ', coalesce(aid.donor, 'unnamed donor') || ' → '
                                  || coalesce(aid.recipient, 'unnamed recipient'),
                                  aid.currency || ' ' || format('{:,.0f}', aid.amount),
                                  cast(aid.date as varchar))
        when 'casualty' then concat_ws(', ', concat_ws(' ', casualty_reports.qualifier,
                                       format('{:,}', casualty_reports.value),
                                       casualty_reports.metric),
                                       casualty_reports.reported_by,
                                       casualty_reports."where",
                                       cast(casualty_reports.as_of as varchar))
    end as summary,
    coalesce(stops.status, meetings.status, aid.status) as status,
    event_mentions.evidence,
    event_mentions.evidence_start,
    event_mentions.evidence_end
from event_mentions
left join stops on event_mentions.event_type = 'stop' and stops.stop_id = event_mentions.event_id
left join meetings
    on event_mentions.event_type = 'meeting' and meetings.meeting_id = event_mentions.event_id
left join aid on event_mentions.event_type = 'aid' and aid.aid_id = event_mentions.event_id
left join casualty_reports
    on event_mentions.event_type = 'casualty'
    and casualty_reports.report_id = event_mentions.event_id
where event_mentions.article_id = ?
order by evidence_start, fact, evidence_end, summary
"""


def test_article_facts_are_the_mentions_joined_with_their_events(con):
    ids = [r[0] for r in con.execute("select id from articles order by id").fetchall()]
    kinds = set()
    for article_id in ids:
        got = queries.article_facts(con, article_id)
        expected = con.execute(ARTICLE_FACTS, [article_id]).df()
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
        kinds |= set(got["fact"])
    assert kinds == {"stop", "meeting", "aid", "casualty"}


def test_article_list_and_evidence_search_keep_their_rows(con):
    for f in filter_sets(con):
        p = {"outlets": list(f.outlets), "date_from": f.date_from, "date_to": f.date_to}
        for title in ("", "kyiv", "a"):
            p["pattern"] = queries.like_pattern(title)
            expected = _rows(con, f"""
                select a.id, (select count(*) from event_mentions em
                              where em.article_id = a.id and em.event_type = 'stop') as stops,
                    (select count(*) from event_mentions em
                     where em.article_id = a.id and em.event_type = 'casualty') as casualties,
                    count(*) over () as total_rows
                from articles a
                where {PICKED.format(choices='$outlets', value='a.source')}
                    and {IN_WINDOW.format(lo='a.published', hi='a.published')}
                    and a.title ilike $pattern escape '\\'
                order by a.published desc nulls last, a.id""", p)
            # page after page: the rows after the last page's, the total of the filter
            for offset in (0, 3, 6, len(expected)):
                got = queries.article_list(con, f, title=title, limit=3, offset=offset)
                pd.testing.assert_frame_equal(
                    got[["id", "stops", "casualties", "total_rows"]].reset_index(drop=True),
                    expected[offset:offset + 3].reset_index(drop=True), check_dtype=False)
        for word in ("kyiv", "the", "million"):
            p["pattern"] = queries.like_pattern(word)
            expected = _rows(con, f"""
                select em.article_id, em.evidence_start, count(*) over () as total_rows
                from (select distinct article_id, evidence_start, evidence
                      from event_mentions) em
                join articles a on a.id = em.article_id
                where em.evidence ilike $pattern escape '\\'
                    and {PICKED.format(choices='$outlets', value='a.source')}
                    and {IN_WINDOW.format(lo='a.published', hi='a.published')}
                order by a.published desc nulls last, em.article_id, em.evidence_start""", p)
            for offset in (0, 4):
                got = queries.evidence_search(con, f, word, cap=4, offset=offset)
                pd.testing.assert_frame_equal(
                    got[["article_id", "evidence_start", "total_rows"]].reset_index(drop=True),
                    expected[offset:offset + 4].reset_index(drop=True), check_dtype=False)


# -- routes and people ------------------------------------------------------------------------

STOPS_KEPT = " and ".join([
    PICKED.format(choices="$countries", value="s.country"),
    PICKED.format(choices="$statuses", value="s.status"),
    IN_WINDOW.format(lo="s.day_lo", hi="s.day_hi"),
    FROM_OUTLET.format(kind="stop", id="s.stop_id"),
    VERIFIED.format(state="s.review_state"),
])


def _stops(con, f: Filters, *, person: str | None = None) -> pd.DataFrame:
    who = "s.actor = $person" if person else PICKED.format(choices="$actors", value="s.actor")
    where = "" if person else " and s.lat is not null and s.lon is not null"
    return _rows(con, f"""
        select s.stop_id, s.sources, s.day_lo, s.actor, coalesce(s.sort_date, s.day_lo)
            as sort_day, s.actor_seq, s.evidence, s.evidence_count
        from stops s where {who} and {STOPS_KEPT}{where}""",
        {**_params(f), "person": person})


def test_route_stops_are_the_filtered_stops_best_sourced_first(con):
    for f in filter_sets(con):
        kept = _stops(con, f).sort_values(["sources", "day_lo", "actor", "stop_id"],
                                          ascending=[False, True, True, True],
                                          na_position="last", kind="stable")
        for cap in (len(kept) + 1, 3):
            got = queries.route_stops(con, f, cap=cap)
            shown = kept.head(cap)
            assert list(got["stop_id"]) == list(shown["stop_id"]), f
            assert list(got["evidence"]) == list(shown["evidence"])
            if len(got):
                assert int(got["total_rows"].iloc[0]) == len(kept)
                assert int(got["articles_total"].iloc[0]) == _articles_behind(
                    con, "stop", list(shown["stop_id"]))


def test_route_months_span_the_filtered_stops(con):
    for f in filter_sets(con):
        p = _params(f)
        days = _rows(con, f"""select min(s.day_lo) as lo, max(s.day_lo) as hi from stops s
                              where {PICKED.format(choices='$actors', value='s.actor')}
                              and {STOPS_KEPT}""", p).iloc[0]
        months = [] if pd.isna(days["lo"]) else [
            str(m)[:7] for m in pd.period_range(days["lo"], days["hi"], freq="M")]
        assert queries.route_months(con, f) == months


def _end_kept(side: str) -> str:
    """The stop at one end of leg `l` passes the filters: read from the stop itself."""
    return (f"exists (select 1 from stops s where s.stop_id = l.{side}_stop_id "
            f"and {STOPS_KEPT})")


LEGS_KEPT = " and ".join([
    PICKED.format(choices="$statuses", value="l.status"),
    VERIFIED.format(state="l.review_state"),
    f"(l.day_lo is null or {IN_WINDOW.format(lo='l.day_lo', hi='l.day_hi')})",
    f"({_end_kept('from')} or {_end_kept('to')})",
    "l.from_lat is not null and l.from_lon is not null",
    "l.to_lat is not null and l.to_lon is not null",
])


def test_route_legs_are_those_with_a_kept_end(con):
    for f in filter_sets(con):
        p = _params(f)
        kept = _rows(con, f"""select l.trip_id, l.seq, l.from_stop_id, l.to_stop_id from legs l
                              where {PICKED.format(choices='$actors', value='l.actor')}
                              and {LEGS_KEPT} order by l.actor, l.trip_id, l.seq""", p)
        got = queries.route_legs(con, f)
        assert list(zip(got["trip_id"], got["seq"], strict=True)) == list(
            zip(kept["trip_id"], kept["seq"], strict=True)), f
        drawn = queries.route_stops(con, f, cap=3)
        if len(drawn) and int(drawn["total_rows"].iloc[0]) > len(drawn):
            ids = set(drawn["stop_id"])
            between = kept[kept["from_stop_id"].isin(ids) & kept["to_stop_id"].isin(ids)]
            got = queries.route_legs(con, f, drawn=drawn)
            assert list(got["trip_id"]) == list(between["trip_id"])
            if len(got):
                assert int(got["total_rows"].iloc[0]) == len(kept)


def test_person_stops_and_legs_are_the_persons_filtered_rows(con):
    people = list(queries.person_list(con)["name"][:4])
    for f in filter_sets(con):
        for person in people:
            kept = _stops(con, f, person=person).sort_values(
                ["sort_day", "actor_seq", "stop_id"], na_position="last", kind="stable")
            got = queries.person_stops(con, f, person)
            assert list(got["stop_id"]) == list(kept["stop_id"]), (f, person)
            if len(got):
                assert int(got["total_rows"].iloc[0]) == len(kept)
                assert int(got["articles_total"].iloc[0]) == _articles_behind(
                    con, "stop", list(kept["stop_id"]))
            legs = _rows(con, f"""select l.trip_id, l.seq from legs l
                                  where l.actor = $person and {LEGS_KEPT}
                                  order by l.trip_id, l.seq""",
                         {**_params(f), "person": person})
            got = queries.person_legs(con, f, person)
            assert list(zip(got["trip_id"], got["seq"], strict=True)) == list(
                zip(legs["trip_id"], legs["seq"], strict=True))


# -- aid and casualties -----------------------------------------------------------------------

def test_casualty_rows_are_the_filtered_reports_newest_first(con):
    names_match = ("(len($names) = 0 or exists (select 1 from (select unnest($names) as n) "
                   "where contains(lower(r.\"where\"), lower(n))))")
    for f in filter_sets(con):
        for metrics in ([], ["killed"]):
            kept = _rows(con, f"""
                select r.report_id from casualty_reports r
                where {PICKED.format(choices='$metrics', value='r.metric')}
                    and {names_match}
                    and {IN_WINDOW.format(lo='r.day_lo', hi='r.day_hi')}
                    and {FROM_OUTLET.format(kind='casualty', id='r.report_id')}
                    and {VERIFIED.format(state='r.review_state')}
                    and r.day_lo is not null
                order by r.day_lo desc, r.metric, r.reported_by, r.report_id""",
                {**_params(f), "metrics": metrics})
            got = queries.casualty_rows(con, f, metrics=metrics, cap=5)
            assert list(got["report_id"]) == list(kept["report_id"][:5]), (f, metrics)
            if len(got):
                assert int(got["total_rows"].iloc[0]) == len(kept)
                # the articles behind the reports the chart draws (those returned)
                assert int(got["articles_total"].iloc[0]) == _articles_behind(
                    con, "casualty", list(kept["report_id"][:5]))
            # the table's pages: the same reports in the same order, a page at a time
            for offset in (0, 2, 4, len(kept)):
                page = queries.casualty_page(con, f, metrics=metrics, limit=2, offset=offset)
                assert list(page["report_id"]) == list(kept["report_id"][offset:offset + 2])
                if len(page):
                    assert int(page["total_rows"].iloc[0]) == len(kept)
                    evidence = con.execute(
                        "select report_id, evidence from casualty_reports "
                        "where report_id in (select unnest(?))", [list(page["report_id"])]).df()
                    assert dict(zip(page["report_id"], page["evidence"], strict=True)) == dict(
                        zip(evidence["report_id"], evidence["evidence"], strict=True))


def test_aid_rows_are_the_filtered_packages_largest_first(con):
    # a package is from an outlet when an article behind any of its reports is
    from_outlet = ("(len($outlets) = 0 or exists (select 1 from aid_stages st "
                   "join event_mentions em on em.event_type = 'aid' and em.event_id = st.aid_id "
                   "join articles a on a.id = em.article_id where st.package_id = p.package_id "
                   "and a.source in (select unnest($outlets))))")
    for f in filter_sets(con):
        for stages in ([], ["pledged", "delivered"]):
            kept = _rows(con, f"""
                select p.package_id from aid_packages p
                where {PICKED.format(choices='$stages', value='p.stage')}
                    and (len($names) = 0 or p.donor in (select unnest($names))
                         or p.recipient in (select unnest($names)))
                    and {IN_WINDOW.format(lo='p.day_lo', hi='p.day_hi')}
                    and {from_outlet}
                    and {VERIFIED.format(state='p.review_state')}
                order by p.amount_usd desc nulls last, p.day_lo, p.package_id""",
                {**_params(f), "stages": stages})
            got = queries.aid_rows(con, f, statuses=stages, cap=5)
            assert list(got["package_id"]) == list(kept["package_id"][:5]), (f, stages)
            if len(got):
                assert int(got["total_rows"].iloc[0]) == len(kept)
                named = con.execute("select count(*) from aid_packages where donor is not null "
                                    "and package_id in (select unnest(?))",
                                    [list(kept["package_id"])]).fetchone()[0]
                assert int(got["named_rows"].iloc[0]) == named
            # the tables' pages: the named donors' packages, then the unnamed, in that order
            donors = con.execute("select package_id, donor is not null as named from "
                                 "aid_packages where package_id in (select unnest(?))",
                                 [list(kept["package_id"])]).df()
            named_ids = set(donors.loc[donors["named"], "package_id"])
            for is_named in (True, False):
                part = [i for i in kept["package_id"] if (i in named_ids) == is_named]
                for offset in (0, 2, len(part)):
                    page = queries.aid_page(con, f, statuses=stages, named=is_named, limit=2,
                                            offset=offset)
                    assert list(page["package_id"]) == part[offset:offset + 2], (f, is_named)
                    if len(page):
                        assert int(page["total_rows"].iloc[0]) == len(part)
                    ids = list(page["package_id"])
                    histories = con.execute(HISTORIES, [ids, ids]).df()
                    pd.testing.assert_frame_equal(
                        page[["package_id", "history", "part_count", "parts_paid"]]
                        .reset_index(drop=True), histories, check_dtype=False)


# each package's stages in order, each with its day at the precision the articles give it
HISTORIES = """
select
    p.package_id,
    string_agg(s.stage || coalesce(' ' || case s.date_precision
            when 'month' then strftime(s.day_lo, '%b %Y')
            when 'year' then strftime(s.day_lo, '%Y')
            else strftime(s.day_lo, '%-d %b %Y') end, ''), ' → ' order by s.seq)
        filter (where s.kind <> 'part') as history,
    count(s.aid_id) filter (where s.kind = 'part') as part_count,
    count(s.aid_id) filter (where s.kind = 'part' and s.stage = 'delivered') as parts_paid
from (select unnest(?) as package_id, generate_subscripts(?, 1) as n) p
left join aid_stages s on s.package_id = p.package_id
group by p.package_id, p.n
order by p.n
"""
