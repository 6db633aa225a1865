-- int_visit_mentions: one row per visit mention, ready to be merged into stops.
-- Adds the geocoded place (stg_places, built by etl/resolve.py over the distinct pairs), the
-- date as a period (date_lo..date_hi, DATE), the article's publication date and story
-- window, and the text order of the mention (evidence_start, then the position of the place
-- name inside the evidence sentence, so "from Poland to Kyiv" orders Poland first).
-- A report that names only a country takes the city another report of the same trip names
-- (city_choice below): place, lat, lon, place_kind and place_key are the resolved place,
-- stated_place_key the place as this report states it.

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
        -- 1-based character position of the place in the evidence sentence, null if not
        -- found: the city as stated or resolved (Kiev, Kyiv); for a country-level place, any
        -- of the country's names ("Britain" for GB)
        least(
            nullif(strpos(visits.evidence, visits.place), 0),
            nullif(strpos(visits.evidence, places.name), 0),
            case when places.kind = 'country' then list_min(list_transform(
                places.country_aliases,
                lambda alias: nullif(strpos(lower(visits.evidence), alias), 0)
            )) end
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

-- the day the same story last gave for the same person, before the mention in text order:
-- an undated "then on to Brussels" sits after the dated stops the text told before it
with_context as (
    select
        placed_in_article.*,
        last_value(case when date_precision = 'day' then date_lo end ignore nulls)
            over (text_order rows between unbounded preceding and current row) as previous_day,
        first_value(case when date_precision = 'day' then date_lo end ignore nulls)
            over (text_order rows between current row and unbounded following) as next_day
    from placed_in_article
    window text_order as (
        partition by article_id, segment, actor
        order by evidence_start, in_sentence_pos nulls last, mention_id
    )
),

dated as (
    select
        with_context.*,
        windows.win_lo,
        windows.win_hi,
        -- the day this mention is ordered by on a route (DATE). Its own day; inside a month or
        -- year, the story's previous day when it falls in that period, else the publication
        -- date when that does ("this week"), else the period's first day. Undated: the
        -- story's previous day; else the publication date (for the article's own story: an
        -- undated lead is about the news of the day); else the story's next day or window
        -- start (an appended older story).
        case
            when date_precision = 'day' then date_lo
            when date_precision in ('month', 'year') then
                case
                    when previous_day between date_lo and date_hi then previous_day
                    when segment = 0 and published between date_lo and date_hi then published
                    else date_lo
                end
            else coalesce(
                previous_day,
                case when segment = 0 then published end,
                next_day,
                windows.win_lo,
                published
            )
        end as sort_date
    from with_context
    left join windows using (article_id, segment)
),

-- a visit given only by its country takes the city of another report of the same person in
-- that country at a compatible time ("set to visit Ukraine" then "arrived in Kyiv"; "he will
-- visit Egypt" and "meetings in Cairo"): compatible dates, or, when either is undated, the
-- same story or reports published within 6 days. Nearest in time first.
city_choice as (
    select
        country_level.mention_id,
        city_level.place,
        city_level.lat,
        city_level.lon,
        city_level.place_key,
        row_number() over (
            partition by country_level.mention_id
            order by abs(date_diff('day', country_level.sort_date, city_level.sort_date))
                nulls last,
                city_level.place_key
        ) as choice
    from dated as country_level
    inner join dated as city_level
        on country_level.actor = city_level.actor
        and country_level.country = city_level.country
        and city_level.place_kind = 'city'
    where country_level.place_kind = 'country'
        and (
            dates_compatible(country_level.date, city_level.date)
            or (
                (country_level.date is null or city_level.date is null)
                and (
                    (country_level.article_id = city_level.article_id
                        and country_level.segment = city_level.segment)
                    or (country_level.segment = 0 and city_level.segment = 0
                        and abs(date_diff('day', country_level.published,
                            city_level.published)) <= 6)
                )
            )
        )
),

final as (
    select
        dated.* exclude (place, lat, lon, place_kind, place_key),
        coalesce(city_choice.place, dated.place) as place,
        coalesce(city_choice.lat, dated.lat) as lat,
        coalesce(city_choice.lon, dated.lon) as lon,
        case when city_choice.place_key is not null then 'city' else dated.place_kind end
            as place_kind,
        coalesce(city_choice.place_key, dated.place_key) as place_key,
        -- the place as this report states it, before taking a city from another report
        dated.place_key as stated_place_key
    from dated
    left join city_choice
        on dated.mention_id = city_choice.mention_id
        and city_choice.choice = 1
)

select * from final
