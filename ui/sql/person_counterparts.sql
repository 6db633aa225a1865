-- person_counterparts: who a person met (or was to meet), how often, when and where, after
-- the shared filters. Params: $person; $countries $statuses $outlets; $date_from $date_to;
-- $verified_only.

with

-- only the columns the table reads: each meeting is copied once per participant below
filtered as (
    select participants, status, day_lo, place, country, mode, sources
    from meetings
    where list_contains(participants, $person)
        and ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and ui_any($outlets, outlets)
        and ui_reviewed($verified_only, review_state)
),

pairs as (
    select unnest(participants) as counterpart, status, day_lo, place, country, mode, sources
    from filtered
),

final as (
    select
        counterpart,
        count(*) as meetings,
        count(*) filter (where status = 'occurred') as occurred,
        max(day_lo) as last_met,
        string_agg(distinct coalesce(place, country), ', ' order by coalesce(place, country))
            as places,
        string_agg(distinct mode, ', ' order by mode) as modes,
        sum(sources) as sources
    from pairs
    where counterpart <> $person
    group by counterpart
)

select * from final
order by meetings desc, last_met desc nulls last, counterpart
