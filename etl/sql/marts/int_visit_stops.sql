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

final as (
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
        period_precision(any_value(stop_date)) as date_precision,
        first(status order by published desc nulls last, status_finality(status) desc,
            evidence_start desc, mention_id desc) as status,
        first(mode order by published desc nulls last, evidence_start desc, mention_id desc)
            filter (where mode is not null) as mode,
        count(distinct article_id)::integer as sources,
        min(published) as first_reported,
        max(published) as last_reported,
        -- route order (see int_visit_mentions.sort_date): a day-precision stop is ordered by
        -- its day; a coarser or undated one by the day its latest report places it at (the
        -- report that knows how the trip went)
        case when period_precision(any_value(stop_date)) = 'day'
            then period_start(any_value(stop_date))
            else first(sort_date order by published desc nulls last,
                status_finality(status) desc, evidence_start desc, mention_id desc)
        end as sort_date,
        -- text order: where the latest report (the fullest account of the trip) first tells it
        first(published order by published desc nulls last, article_id desc, evidence_start,
            in_sentence_pos nulls last, mention_id) as ord_published,
        first(article_id order by published desc nulls last, article_id desc, evidence_start,
            in_sentence_pos nulls last, mention_id) as ord_article,
        first(evidence_start order by published desc nulls last, article_id desc, evidence_start,
            in_sentence_pos nulls last, mention_id) as ord_offset,
        first(in_sentence_pos order by published desc nulls last, article_id desc,
            evidence_start, in_sentence_pos nulls last, mention_id) as ord_pos,
        'visit' as origin
    from joined
    group by stop_id
)

select * from final
