-- route_months: every month from the first to the last filtered stop, 'YYYY-MM', for the
-- map's time control. Params as route_stops (the year window, not the month window).

with

span as (
    select min(day_lo) as first_day, max(day_lo) as last_day
    from stops
    where ui_picked($actors, actor)
        and ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and ui_any($outlets, outlets)
        and ui_reviewed($verified_only, review_state)
),

months as (
    select unnest(generate_series(
        date_trunc('month', first_day), date_trunc('month', last_day), interval 1 month
    )) as month
    from span
    where first_day is not null
)

select strftime(month, '%Y-%m') as month from months order by month
