-- person_counterparts: who a person met (or was to meet), how often, when and where, after
-- the shared filters. Params: $person; $countries $statuses $outlets; $date_from $date_to.

with

meetings as (
    select
        *,
        ui_lo(date) as day_lo,
        ui_hi(date) as day_hi
    from meetings
    where list_contains(participants, $person)
),

from_outlets as (
    select distinct event_mentions.event_id
    from event_mentions
    join articles on articles.id = event_mentions.article_id
    where event_mentions.event_type = 'meeting' and list_contains($outlets, articles.source)
),

filtered as (
    select *
    from meetings
    where ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and (len($outlets) = 0 or meeting_id in (select event_id from from_outlets))
),

pairs as (
    select unnest(participants) as counterpart, *
    from filtered
),

final as (
    select
        counterpart,
        count(*) as meetings,
        count(*) filter (where status = 'occurred') as occurred,
        max(day_lo) as last_met,
        string_agg(distinct coalesce(place, country), ', ') as places,
        string_agg(distinct mode, ', ') as modes,
        sum(sources) as sources
    from pairs
    where counterpart <> $person
    group by counterpart
)

select * from final
order by meetings desc, last_met desc nulls last, counterpart
