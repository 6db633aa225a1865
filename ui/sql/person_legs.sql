-- person_legs: one person's legs whose date passes the window (undated legs kept when an
-- end is one of the person's filtered stops). Params as person_stops.

with

stops as (
    select
        *,
        coalesce(ui_lo(date), first_reported) as day_lo,
        coalesce(ui_hi(date), first_reported) as day_hi
    from stops
    where actor = $person
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
    where ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and (len($outlets) = 0 or stop_id in (select event_id from from_outlets))
),

legs as (
    select *, ui_lo(date) as day_lo, ui_hi(date) as day_hi
    from legs
    where actor = $person
        and from_lat is not null and from_lon is not null
        and to_lat is not null and to_lon is not null
)

select
    actor, trip_id, seq, from_place, to_place, from_lat, from_lon, to_lat, to_lon,
    cast(date as varchar) as date, status, day_lo
from legs
where ui_picked($statuses, status)
    and (day_lo is null or ui_in_window(day_lo, day_hi, $date_from, $date_to))
    and (
        from_stop_id in (select stop_id from filtered_stops)
        or to_stop_id in (select stop_id from filtered_stops)
    )
order by trip_id, seq
limit $cap
