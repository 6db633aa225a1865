-- route_stops: the stops the routes map draws, with the latest sentence reporting each.
-- Params: $actors $countries $statuses $outlets (lists, empty = all); $date_from $date_to
-- (DATE or null = open); $verified_only (only reviewed stops: etl/sql/post/event_trust.sql);
-- $cap, the most rows returned (the best-sourced first).
-- day_lo/day_hi, evidence, evidence_count, article_nos and outlets are columns of the mart
-- (etl/sql/post/event_columns.sql): an undated stop is placed at the day it was first
-- reported, for filtering only.
-- total_rows counts every stop that passes the filters; articles_total the articles behind
-- the stops returned, which are the ones the map draws and its source line describes.
-- The order is the mart's map_rank (etl/sql/post/page_ranks.sql): sources descending, then
-- day_lo, actor, stop_id, as one integer. The stops are cut on it before any wide column is
-- read; the sentences and article numbers are then read for the stops shown only. Each row
-- keeps its map_rank: route_legs finds the legs between the stops drawn by it.

with

-- the filtered stops' ranks only: read by the count and the cut, never stored whole
filtered as not materialized (
    select map_rank
    from stops
    where ui_picked($actors, actor)
        and ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and ui_any($outlets, outlets)
        and ui_reviewed($verified_only, review_state)
        and lat is not null and lon is not null
),

cut as materialized (
    select map_rank
    from filtered
    order by map_rank
    limit $cap
),

-- the stops shown, with only the columns the map, its tooltips and the table read (and the
-- article numbers, for the source line): their articles' count read from this copy
shown as materialized (
    select
        stop_id, actor, place, country, lat, lon, date, date_precision, status, sources,
        first_reported, place_kind, day_lo, sort_date, actor_seq, evidence, evidence_count,
        confidence, review_state, reviewed_by, article_nos, map_rank
    from stops
    semi join cut using (map_rank)
),

totals as (
    select
        (select count(*) from filtered) as total_rows,
        (select count(distinct article_no) from (
            select unnest(article_nos) as article_no from shown
        )) as articles_total
),

final as (
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
        coalesce(shown.sort_date, shown.day_lo) as sort_day,
        shown.actor_seq,
        shown.evidence,
        greatest(shown.evidence_count - 1, 0) as evidence_more,
        shown.confidence,
        shown.review_state,
        shown.reviewed_by,
        totals.total_rows,
        totals.articles_total,
        shown.map_rank
    from shown
    cross join totals
)

select * from final
order by map_rank
