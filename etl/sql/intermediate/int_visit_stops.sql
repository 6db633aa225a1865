-- int_visit_stops: the stops the visit mentions give, one row per stop_id of int_stop_members.
-- Status is the latest report's: by the day it speaks from (int_visit_mentions.report_day),
-- then (same day) a report that settles the question over one that expects it, then by text
-- order (later in the text wins).
--
-- Route order. A stop is told in the text order of its reference report: one whose sentence
-- tells stops in the order travelled ("first to London, then to Berlin ... and finally
-- Doha") before one that lists them; then the story that names most of the person's places
-- (the fullest account of the trip); then the latest. A stop no report dates by a day of its
-- own is placed at the day its reports give it (its story's day, or the day its latest
-- report places it at: int_visit_mentions.sort_date), moved to lie between the stops around
-- it in the reference story: not before the nearest stop before it that has a day of its
-- own (it is not visited before the stop the itinerary puts first), never after the nearest
-- one after it; and never out of a month or year a report states for it ("met in India in
-- March" is not a stop of November's trip).

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
        order by report_day desc nulls last, status_finality(status) desc, evidence_start desc,
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

-- the stated day of each stop: the day a report gives it, not one it was dated to for want
-- of a date
stated_days as (
    select stop_id, min(date_lo) as stated_day
    from joined
    where date_stated and date_precision = 'day'
    group by stop_id
),

-- every report with the stated days of the stops told before and after it in its story
neighbours as (
    select
        joined.*,
        last_value(stated_days.stated_day ignore nulls) over (
            story rows between unbounded preceding and 1 preceding) as day_before,
        first_value(stated_days.stated_day ignore nulls) over (
            story rows between 1 following and unbounded following) as day_after
    from joined
    left join stated_days using (stop_id)
    window story as (
        partition by article_id, segment, actor
        order by evidence_start, in_sentence_pos nulls last, mention_id
    )
),

told_first as (
    select
        stop_id,
        published as ord_published,
        article_id as ord_article,
        evidence_start as ord_offset,
        in_sentence_pos as ord_pos,
        day_before,
        day_after
    from neighbours
    qualify row_number() over (
        partition by stop_id
        order by sequenced desc, story_stops desc, report_day desc nulls last,
            article_id desc, evidence_start, in_sentence_pos nulls last, mention_id
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
        bool_or(date_stated) as date_stated,
        -- a month or year a report states for the stop (the route keeps it inside)
        any_value(stop_date) filter (where date_stated) as stated_period,
        count(distinct article_id)::integer as sources,
        min(published) as first_reported,
        max(published) as last_reported
    from joined
    group by stop_id
),

placed as (
    select
        grouped.stop_id,
        case
            when period_precision(grouped.date) = 'day' and grouped.date_stated
                then period_start(grouped.date)
            -- greatest and least pass over a missing bound
            else least(
                greatest(
                    least(
                        greatest(
                            case when period_precision(grouped.date) = 'day'
                                then period_start(grouped.date) else latest.sort_date end,
                            told_first.day_before),
                        told_first.day_after),
                    period_start(grouped.stated_period)),
                period_end(grouped.stated_period))
        end as route_day
    from grouped
    inner join latest using (stop_id)
    inner join told_first using (stop_id)
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
        -- a day the extractor gave for want of one, which the route puts the stop after, is
        -- no date of the stop: it is undated, placed by its sort_date
        case when not grouped.date_stated and placed.route_day > period_end(grouped.date)
            then null else grouped.date end as date,
        period_precision(case when not grouped.date_stated
            and placed.route_day > period_end(grouped.date) then null
            else grouped.date end) as date_precision,
        latest.status,
        latest_mode.mode,
        grouped.sources,
        grouped.first_reported,
        grouped.last_reported,
        -- route order (above)
        placed.route_day as sort_date,
        -- text order: where the latest report (the fullest account of the trip) first tells it
        told_first.ord_published,
        told_first.ord_article,
        told_first.ord_offset,
        told_first.ord_pos,
        'visit' as origin
    from grouped
    inner join latest using (stop_id)
    inner join told_first using (stop_id)
    inner join placed using (stop_id)
    left join latest_mode using (stop_id)
)

select * from final
