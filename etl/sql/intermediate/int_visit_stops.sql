-- int_visit_stops: the stops the visit mentions give, one row per stop_id of int_stop_members.
-- Status is the latest report's: by publication date, then (same day) a report that settles
-- the question over one that expects it, then by text order (later in the text wins).

with

members as (
    select * from int_stop_members
),

mentions as (
    select * from int_visit_mentions
),

joined as (
    select
        members.stop_id,
        members.date as stop_date,
        mentions.*
    from members
    inner join mentions using (mention_id)
),

-- the report each ordered pick comes from, one window per order (cheaper than an ordered
-- aggregate per column): the latest report for status and route day; the latest report
-- giving a mode; where the latest report first tells the stop, for text order
latest as (
    select stop_id, status, sort_date
    from joined
    qualify row_number() over (
        partition by stop_id
        order by published desc nulls last, status_finality(status) desc, evidence_start desc,
            mention_id desc
    ) = 1
),

latest_mode as (
    select stop_id, mode
    from joined
    where mode is not null
    qualify row_number() over (
        partition by stop_id
        order by published desc nulls last, evidence_start desc, mention_id desc
    ) = 1
),

told_first as (
    select
        stop_id,
        published as ord_published,
        article_id as ord_article,
        evidence_start as ord_offset,
        in_sentence_pos as ord_pos
    from joined
    qualify row_number() over (
        partition by stop_id
        order by published desc nulls last, article_id desc, evidence_start,
            in_sentence_pos nulls last, mention_id
    ) = 1
),

grouped as (
    select
        stop_id,
        any_value(actor) as actor,
        any_value(place) as place,
        any_value(country) as country,
        any_value(lat) as lat,
        any_value(lon) as lon,
        any_value(place_kind) as place_kind,
        any_value(place_key) as place_key,
        any_value(stop_date) as date,
        count(distinct article_id)::integer as sources,
        min(published) as first_reported,
        max(published) as last_reported
    from joined
    group by stop_id
),

final as (
    select
        grouped.stop_id,
        grouped.actor,
        grouped.place,
        grouped.country,
        grouped.lat,
        grouped.lon,
        grouped.place_kind,
        grouped.place_key,
        grouped.date,
        period_precision(grouped.date) as date_precision,
        latest.status,
        latest_mode.mode,
        grouped.sources,
        grouped.first_reported,
        grouped.last_reported,
        -- route order (see int_visit_mentions.sort_date): a day-precision stop is ordered by
        -- its day; a coarser or undated one by the day its latest report places it at (the
        -- report that knows how the trip went)
        case when period_precision(grouped.date) = 'day'
            then period_start(grouped.date)
            else latest.sort_date
        end as sort_date,
        -- text order: where the latest report (the fullest account of the trip) first tells it
        told_first.ord_published,
        told_first.ord_article,
        told_first.ord_offset,
        told_first.ord_pos,
        'visit' as origin
    from grouped
    inner join latest using (stop_id)
    inner join told_first using (stop_id)
    left join latest_mode using (stop_id)
)

select * from final
