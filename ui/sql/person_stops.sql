-- person_stops: one person's itinerary after the shared filters (the diplomat filter aside),
-- with the latest sentence behind each stop, in route order (the mart's sort_date and
-- actor_seq), at most $cap: what the person's map draws and its table lists a page at a
-- time; evidence and the rest are columns of the mart (etl/sql/post/event_columns.sql).
-- Params: $person; $countries $statuses $outlets (lists, empty = all); $date_from $date_to;
-- $verified_only; $cap. total_rows counts every stop that passes the filters;
-- articles_total the articles behind the stops returned (the map's source line).
-- The order is the mart's route_rank (etl/sql/post/page_ranks.sql): the route day (undated
-- last), actor_seq, stop_id, as one integer; the stops are cut on it before their other
-- columns are read.

with

-- the person's filtered stops' ranks only: read by the count and the cut
filtered as not materialized (
    select route_rank
    from stops
    where actor = $person
        and ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and ui_any($outlets, outlets)
        and ui_reviewed($verified_only, review_state)
),

cut as materialized (
    select route_rank
    from filtered
    order by route_rank
    limit $cap
),

shown as materialized (
    select
        stop_id, actor, place, country, lat, lon, date, date_precision, status, sources,
        first_reported, place_kind, day_lo, coalesce(sort_date, day_lo) as sort_day,
        actor_seq, evidence, evidence_count, confidence, review_state, reviewed_by,
        article_nos, route_rank
    from stops
    semi join cut using (route_rank)
),

totals as (
    select
        (select count(*) from filtered) as total_rows,
        (select count(distinct article_no) from (
            select unnest(article_nos) as article_no from shown
        )) as articles_total
)

select
    shown.stop_id,
    shown.actor,
    shown.place,
    shown.country,
    shown.lat,
    shown.lon,
    cast(shown.date as varchar) as date,
    shown.date_precision,
    shown.status,
    shown.sources,
    shown.first_reported,
    shown.place_kind,
    shown.day_lo,
    shown.sort_day,
    shown.actor_seq,
    shown.evidence,
    greatest(shown.evidence_count - 1, 0) as evidence_more,
    shown.confidence,
    shown.review_state,
    shown.reviewed_by,
    totals.total_rows,
    totals.articles_total
from shown
cross join totals
order by shown.route_rank
