-- route_meetings: the meetings the routes map marks (in person, at a known place) and lists
-- (calls by phone or video, meetings placed nowhere), after the routes filters: a meeting is
-- kept when one of the chosen diplomats took part. Params: $actors $countries $statuses
-- $outlets (lists, empty = all); $date_from $date_to (DATE or null = open); $verified_only
-- (only reviewed meetings: etl/sql/post/event_trust.sql); $cap.
-- day_lo/day_hi, evidence and outlets are columns of the mart (etl/sql/post/event_columns.sql);
-- an undated meeting has no day and shows only when the dates are left open.

with

filtered as (
    select *
    from meetings
    where (len($actors) = 0 or list_has_any(participants, $actors))
        and ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and ui_any($outlets, outlets)
        and ui_reviewed($verified_only, review_state)
),

final as (
    select
        meeting_id,
        participants,
        place,
        country,
        place_kind,
        lat,
        lon,
        cast(date as varchar) as date,
        date_precision,
        status,
        mode,
        sources,
        first_reported,
        day_lo,
        evidence,
        confidence,
        review_state,
        reviewed_by
    from filtered
)

select * from final
order by day_lo nulls last, meeting_id
limit $cap
