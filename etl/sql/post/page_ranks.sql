-- page_ranks: the order a page lists or draws a large mart in, as one integer per row, so
-- that a page query sorts and cuts on it instead of on three or four columns, strings among
-- them. On a million mentions the routes map's top 2,000 of 345,000 stops took 9 ms sorted
-- by (sources, day, actor, id) and 3 ms by one integer, and the page then reads its wide
-- columns (the sentence, the article numbers) for the rows it shows only. Each rank is a
-- row_number over the page's whole ORDER BY, ending in the row's id, so it is unique and
-- the order of any filtered subset by the rank is that subset's order by those columns.
-- Run by etl/events.py post_marts() after every column the orders read exists.
--   stops.map_rank               the routes map: best-sourced first, then day, person, id
--                                (ui/sql/route_stops.sql);
--   stops.route_rank             a person's itinerary: route day (sort_date, else day_lo;
--                                undated last), the person's sequence, id
--                                (ui/sql/person_stops.sql);
--   legs.map_rank                person, trip, sequence (ui/sql/route_legs.sql);
--   legs.from_stop_rank, to_stop_rank  the map_rank of the stop at each end: a capped map
--                                keeps the legs between the stops it draws by comparing
--                                integers, not the stops' ids (strings of every leg);
--   casualty_reports.chart_rank  newest first, then metric, reporter, id
--                                (ui/sql/casualty_rows.sql, casualty_page.sql);
--   aid_packages.size_rank       largest in USD first (unconverted last), then day, id
--                                (ui/sql/aid_rows.sql, aid_page.sql).

create or replace table stops as
select
    *,
    row_number() over (order by sources desc, day_lo, actor, stop_id)::integer as map_rank,
    row_number() over (
        order by coalesce(sort_date, day_lo) nulls last, actor_seq, stop_id
    )::integer as route_rank
from stops;

create or replace table legs as
select
    legs.*,
    row_number() over (order by legs.actor, legs.trip_id, legs.seq)::integer as map_rank,
    from_stop.map_rank as from_stop_rank,
    to_stop.map_rank as to_stop_rank
from legs
left join stops as from_stop on from_stop.stop_id = legs.from_stop_id
left join stops as to_stop on to_stop.stop_id = legs.to_stop_id;

create or replace table casualty_reports as
select
    *,
    row_number() over (
        order by day_lo desc, metric, reported_by, report_id
    )::integer as chart_rank
from casualty_reports;

create or replace table aid_packages as
select
    *,
    row_number() over (
        order by amount_usd desc nulls last, day_lo, package_id
    )::integer as size_rank
from aid_packages;
