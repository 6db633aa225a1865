-- route_months: every month from the first to the last filtered stop, 'YYYY-MM', for the
-- map's time control. Params as route_stops (the year window, not the month window).

with

stops as (
    select *, coalesce(ui_lo(date), first_reported) as day_lo
    from stops
),

from_outlets as (
    select distinct event_mentions.event_id
    from event_mentions
    join articles on articles.id = event_mentions.article_id
    where event_mentions.event_type = 'stop' and list_contains($outlets, articles.source)
),

span as (
    select min(day_lo) as first_day, max(day_lo) as last_day
    from stops
    where ui_picked($actors, actor)
        and ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, coalesce(ui_hi(date), first_reported), $date_from, $date_to)
        and (len($outlets) = 0 or stop_id in (select event_id from from_outlets))
),

months as (
    select unnest(generate_series(
        date_trunc('month', first_day), date_trunc('month', last_day), interval 1 month
    )) as month
    from span
    where first_day is not null
)

select strftime(month, '%Y-%m') as month from months order by month
