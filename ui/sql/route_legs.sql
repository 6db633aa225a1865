-- route_legs: the legs between drawn stops. A leg is kept when its own status and date pass
-- the filters and the stop at one of its ends (from_stop_id, to_stop_id) passes them too, so
-- a country filter keeps the legs into and out of that country. Params as route_stops.
-- Each end's status, day window and outlets are columns of the legs mart
-- (etl/sql/post/leg_columns.sql); a stop's person is the leg's.
-- $stop_ranks: when the map draws only some of the filtered stops (route_stops hit its cap),
-- their map_rank, and only the legs between two of them are kept (by the legs mart's
-- from_stop_rank and to_stop_rank), so every arc joins two dots on the map; empty = no such
-- limit. total_rows counts the legs before this limit.
-- The order is the mart's map_rank (etl/sql/post/page_ranks.sql): actor, trip_id, seq as one
-- integer; the legs are cut on it before the columns the map reads are.

with

-- only what the count, the limit to drawn stops and the cut read
filtered as not materialized (
    select map_rank, from_stop_rank, to_stop_rank
    from legs
    where from_lat is not null and from_lon is not null
        and to_lat is not null and to_lon is not null
        and ui_picked($actors, actor)
        and ui_picked($statuses, status)
        and ui_reviewed($verified_only, review_state)
        and (day_lo is null or ui_in_window(day_lo, day_hi, $date_from, $date_to))
        and (
            ui_end_kept($countries, $statuses, $outlets, $date_from, $date_to,
                from_country, from_status, from_day_lo, from_day_hi, from_outlets)
            or ui_end_kept($countries, $statuses, $outlets, $date_from, $date_to,
                to_country, to_status, to_day_lo, to_day_hi, to_outlets)
        )
),

drawn as (
    select unnest($stop_ranks) as stop_rank
),

-- two branches, one of which the planner drops as soon as $stop_ranks is bound
kept as (
    select map_rank
    from filtered
    where len($stop_ranks) = 0
    union all
    select map_rank
    from filtered
    where len($stop_ranks) > 0
        and (
            from_stop_rank in (select stop_rank from drawn)
            and to_stop_rank in (select stop_rank from drawn)
        )
),

cut as materialized (
    select map_rank
    from kept
    order by map_rank
    limit $cap
),

-- the columns the map reads, for the legs drawn only
shown as (
    select
        actor, trip_id, seq, from_place, to_place, from_lat, from_lon, to_lat, to_lon, date,
        status, day_lo, to_day_lo, confidence, review_state, map_rank
    from legs
    semi join cut using (map_rank)
),

final as (
    select
        shown.actor,
        shown.trip_id,
        shown.seq,
        shown.from_place,
        shown.to_place,
        shown.from_lat,
        shown.from_lon,
        shown.to_lat,
        shown.to_lon,
        cast(shown.date as varchar) as date,
        shown.status,
        shown.day_lo,
        coalesce(shown.day_lo, shown.to_day_lo) as travel_day,
        shown.confidence,
        shown.review_state,
        (select count(*) from filtered) as total_rows,
        shown.map_rank
    from shown
)

select * exclude (map_rank) from final
order by map_rank
