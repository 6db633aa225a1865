-- int_visit_mentions: one row per visit mention, ready to be merged into stops.
-- Adds the geocoded place (stg_places, built by etl/resolve.py over the distinct pairs), the
-- date as a period (date_lo..date_hi, DATE), the article's publication date and story
-- window, and the text order of the mention (evidence_start, then the position of the place
-- name inside the evidence sentence, so "from Poland to Kyiv" orders Poland first).

with

visits as (
    select * from mentions_visit
),

articles as (
    select id as article_id, published from articles
),

sentences as (
    select article_id, start, segment from sentences
),

places as (
    select * from stg_places
),

windows as (
    select * from int_article_windows
),

located as (
    select
        visits.mention_id,
        visits.article_id,
        visits.actor,
        visits.place as raw_place,
        visits.country as raw_country,
        places.name as place,
        places.country,
        places.lat,
        places.lon,
        places.kind as place_kind,
        places.place_key,
        period_text(visits.date) as date,
        period_precision(visits.date) as date_precision,
        period_start(visits.date) as date_lo,
        period_end(visits.date) as date_hi,
        visits.status,
        visits.mode,
        visits.evidence,
        visits.evidence_start,
        visits.evidence_end,
        -- 1-based character position of the place in the evidence sentence; null if not found
        least(
            nullif(strpos(visits.evidence, visits.place), 0),
            nullif(strpos(visits.evidence, places.name), 0),
            nullif(strpos(visits.evidence, places.country_name), 0)
        ) as in_sentence_pos
    from visits
    left join places
        on visits.place is not distinct from places.raw_place
        and visits.country is not distinct from places.raw_country
),

placed_in_article as (
    select
        located.*,
        articles.published,
        coalesce(sentences.segment, 0) as segment
    from located
    left join articles using (article_id)
    asof left join sentences
        on located.article_id = sentences.article_id
        and located.evidence_start >= sentences.start
),

-- the nearest day the same story gives for the same person, before the mention in text order
-- and failing that after it: an undated "then on to Brussels" sits beside the dated stops
-- the text tells it with
with_context as (
    select
        placed_in_article.*,
        coalesce(
            last_value(case when date_precision = 'day' then date_lo end ignore nulls)
                over (text_order rows between unbounded preceding and current row),
            first_value(case when date_precision = 'day' then date_lo end ignore nulls)
                over (text_order rows between current row and unbounded following)
        ) as context_day
    from placed_in_article
    window text_order as (
        partition by article_id, segment, actor
        order by evidence_start, in_sentence_pos nulls last, mention_id
    )
),

final as (
    select
        with_context.*,
        windows.win_lo,
        windows.win_hi,
        -- the day this mention is ordered by on a route (DATE): its own day; inside a month or
        -- year, the story's nearest day when it falls inside that period, else the period's
        -- first day; undated, the story's nearest day, else the window start, else publication
        case
            when date_precision = 'day' then date_lo
            when date_precision in ('month', 'year') then
                case when context_day between date_lo and date_hi then context_day
                    else date_lo end
            else coalesce(context_day, windows.win_lo, published)
        end as sort_date
    from with_context
    left join windows using (article_id, segment)
)

select * from final
