-- route_stops: the stops the routes map draws, with the latest sentence reporting each.
-- Params: $actors $countries $statuses $outlets (lists, empty = all); $date_from $date_to
-- (DATE or null = open); $cap, the most rows returned (the best-sourced first).
-- An undated stop is placed at the day it was first reported, for filtering only.
-- The rows are cut to $cap before their evidence is looked up: the latest sentence of every
-- filtered stop (hundreds of thousands on a large database) would be thrown away anyway.

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

filtered as (
    select *
    from stops
    where ui_picked($actors, actor)
        and ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and (len($outlets) = 0 or stop_id in (select event_id from from_outlets))
        and lat is not null and lon is not null
),

capped as (
    select *, (select count(*) from filtered) as total_rows
    from filtered
    order by sources desc, day_lo, actor, stop_id
    limit $cap
),

evidence as (
    select
        event_mentions.event_id,
        arg_max(
            event_mentions.evidence,
            (articles.published, event_mentions.article_id, -event_mentions.evidence_start)
        ) as evidence,
        count(*) as n_evidence
    from event_mentions
    join articles on articles.id = event_mentions.article_id
    where event_mentions.event_type = 'stop'
        and event_mentions.event_id in (select stop_id from capped)
    group by event_mentions.event_id
),

behind as (
    select count(distinct article_id) as articles_total
    from event_mentions
    where event_type = 'stop' and event_id in (select stop_id from filtered)
),

final as (
    select
        filtered.stop_id,
        filtered.actor,
        filtered.place,
        filtered.country,
        filtered.lat,
        filtered.lon,
        cast(filtered.date as varchar) as date,
        filtered.date_precision,
        filtered.status,
        filtered.sources,
        filtered.first_reported,
        filtered.last_reported,
        filtered.place_kind,
        filtered.day_lo,
        coalesce(filtered.sort_date, filtered.day_lo) as sort_day,
        filtered.actor_seq,
        evidence.evidence,
        greatest(coalesce(evidence.n_evidence, 0) - 1, 0) as evidence_more,
        filtered.total_rows,
        behind.articles_total
    from capped as filtered
    cross join behind
    left join evidence on evidence.event_id = filtered.stop_id
)

select * from final
order by sources desc, day_lo, actor, stop_id
limit $cap
