-- leg_columns: what the routes filters need on every leg, computed once per build (run by
-- etl/events.py post_marts() after event_columns.sql has given the stops theirs).
-- A leg is drawn when it passes the filters itself and the stop at one of its ends passes
-- them too; with each end's status, day window and outlets beside the leg, that is a test
-- on one row instead of two joins with the stops on every page run.
-- Columns added:
--   day_lo, day_hi      DATE: first and last day of the leg's own date (null when undated);
--   from_status, to_status, from_day_lo, from_day_hi, to_day_lo, to_day_hi, from_outlets,
--   to_outlets          the stop at each end (from_stop_id, to_stop_id): its status, its
--                       day_lo/day_hi and outlets as in the stops mart.

create or replace table legs as

with

legs as (
    select * from legs
),

ends as (
    select stop_id, status, day_lo, day_hi, outlets from stops
),

final as (
    select
        legs.*,
        period_start(cast(legs.date as varchar)) as day_lo,
        period_end(cast(legs.date as varchar)) as day_hi,
        from_end.status as from_status,
        to_end.status as to_status,
        from_end.day_lo as from_day_lo,
        from_end.day_hi as from_day_hi,
        to_end.day_lo as to_day_lo,
        to_end.day_hi as to_day_hi,
        coalesce(from_end.outlets, []::varchar[]) as from_outlets,
        coalesce(to_end.outlets, []::varchar[]) as to_outlets
    from legs
    left join ends as from_end on from_end.stop_id = legs.from_stop_id
    left join ends as to_end on to_end.stop_id = legs.to_stop_id
)

select * from final
