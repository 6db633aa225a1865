-- person_legs: one person's legs whose date passes the window (undated legs kept when an
-- end is one of the person's filtered stops). Params as person_stops. Each end's status,
-- day window and outlets are columns of the legs mart (etl/sql/post/leg_columns.sql).

with

legs as (
    select *
    from legs
    where actor = $person
        and from_lat is not null and from_lon is not null
        and to_lat is not null and to_lon is not null
)

select
    actor, trip_id, seq, from_place, to_place, from_lat, from_lon, to_lat, to_lon,
    cast(date as varchar) as date, status, day_lo, confidence, review_state
from legs
where ui_picked($statuses, status)
    and ui_reviewed($verified_only, review_state)
    and (day_lo is null or ui_in_window(day_lo, day_hi, $date_from, $date_to))
    and (
        ui_end_kept($countries, $statuses, $outlets, $date_from, $date_to,
            from_country, from_status, from_day_lo, from_day_hi, from_outlets)
        or ui_end_kept($countries, $statuses, $outlets, $date_from, $date_to,
            to_country, to_status, to_day_lo, to_day_hi, to_outlets)
    )
order by trip_id, seq
limit $cap
