-- route_legs: the legs between drawn stops. A leg is kept when its own status and date pass
-- the filters and the stop at one of its ends (from_stop_id, to_stop_id) passes them too, so
-- a country filter keeps the legs into and out of that country. Params as route_stops.

with

stops as (
    select
        *,
        coalesce(ui_lo(date), first_reported) as day_lo,
        coalesce(ui_hi(date), first_reported) as day_hi
    from stops
),

from_outlets as (
    select distinct event_mentions.event_id
    from event_mentions
    join articles on articles.id = event_mentions.article_id
    where event_mentions.event_type = 'stop' and list_contains($outlets, articles.source)
),

filtered_stops as (
    select stop_id
    from stops
    where ui_picked($actors, actor)
        and ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and (len($outlets) = 0 or stop_id in (select event_id from from_outlets))
),

legs as (
    select *, ui_lo(date) as day_lo, ui_hi(date) as day_hi
    from legs
    where from_lat is not null and from_lon is not null
        and to_lat is not null and to_lon is not null
),

kept as (
    select *
    from legs
    where ui_picked($actors, legs.actor)
        and ui_picked($statuses, legs.status)
        and (legs.day_lo is null or ui_in_window(legs.day_lo, legs.day_hi, $date_from, $date_to))
        and (
            legs.from_stop_id in (select stop_id from filtered_stops)
            or legs.to_stop_id in (select stop_id from filtered_stops)
        )
),

final as (
    select
        kept.actor,
        kept.trip_id,
        kept.seq,
        kept.from_place,
        kept.to_place,
        kept.from_lat,
        kept.from_lon,
        kept.to_lat,
        kept.to_lon,
        cast(kept.date as varchar) as date,
        kept.status,
        kept.day_lo,
        (select count(*) from kept) as total_rows
    from kept
    order by actor, trip_id, seq
    limit $cap
)

select * from final
order by actor, trip_id, seq
