-- int_visit_mentions: one row per visit mention, ready to be merged into stops.
-- Adds the geocoded place (stg_places, built by etl/resolve.py over the distinct pairs), the
-- date as a period (date_lo..date_hi, DATE), the article's publication date and story
-- window, and the text order of the mention (evidence_start, then the position of the place
-- name inside the evidence sentence, so "from Poland to Kyiv" orders Poland first).
-- A report that names only a country takes the city another report of the same trip names
-- (city_choice below): place, lat, lon, place_kind and place_key are the resolved place,
-- stated_place_key the place as this report states it.
-- For ordering and merging a trip:
--   date_stated   the report gives a date of its own; false for an undated report and for
--                 one the extractor dated to the story's own day for want of a date
--                 (confidence_reasons "date: the story's own day": "the itinerary takes
--                 Kerry first to London" is not a visit to London on the day it was written);
--   sequenced     the sentence tells stops in the order travelled ("first", "then", "before
--                 he heads to", "finally", "on to"): its text order is the route's;
--   story_stops   how many places of this person the story names (the fullest account of a
--                 trip names most of its stops);
--   report_day    DATE the report speaks from: its publication date, else the latest day its
--                 story states (a saved page without a date that tells of Tuesday's talks).

with

visits as (
    select * from mentions_visit
),

articles as (
    select id as article_id, published from articles
),

-- where each story (segment) of an article begins: segments follow each other in text
-- order, so a mention's segment is the last one beginning at or before it; one row per
-- segment rather than per sentence keeps the as-of join small
sentences as (
    select article_id, min(start) as start, segment
    from sentences
    group by article_id, segment
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
        visits.date is not null and not coalesce(list_contains(visits.confidence_reasons,
            'date: the story''s own day'), false) as date_stated,
        regexp_matches(lower(visits.evidence),
            '\b(first|then|finally|next|afterwards|followed by|on to|onward to|itinerary|'
            || 'before (he|she|they) (heads?|goes|travels|flies|moves)|before (heading|going|'
            || 'travelling|traveling|flying))\b') as sequenced,
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
-- The pairs are found by equality, not by testing every country-level report against every
-- city report of the person in that country: compatible dates through the periods containing
-- each date, the same story by its key, the same week through week buckets (then tested
-- exactly). The city side is cut to the distinct values the choice reads.
country_level as (
    select mention_id, actor, country, date, sort_date, article_id, segment, published
    from dated
    where place_kind = 'country'
),

city_level as (
    select actor, country, date, sort_date, article_id, segment, published, place, lat, lon,
        place_key
    from dated
    where place_kind = 'city'
),

city_dated as (
    select distinct actor, country, date, sort_date, place, lat, lon, place_key
    from city_level
    where date is not null
),

city_weeks as (
    select distinct actor, country, published, date is null as undated, sort_date, place,
        lat, lon, place_key, date_diff('day', date '2000-01-03', published) // 7 as week
    from city_level
    where segment = 0 and published is not null
),

city_pairs as (
    -- the city's date contains the country-level report's date
    select country_level.mention_id, country_level.sort_date, city_dated.sort_date as city_day,
        city_dated.place, city_dated.lat, city_dated.lon, city_dated.place_key
    from (select *, unnest(date_prefixes(date)) as period from country_level) as country_level
    inner join city_dated
        on country_level.actor = city_dated.actor
        and country_level.country = city_dated.country
        and country_level.period = city_dated.date
    where country_level.date is not null
    union all
    -- the country-level report's date contains the city's date
    select country_level.mention_id, country_level.sort_date, city_dated.sort_date,
        city_dated.place, city_dated.lat, city_dated.lon, city_dated.place_key
    from country_level
    inner join (select *, unnest(date_prefixes(date)) as period from city_dated) as city_dated
        on country_level.actor = city_dated.actor
        and country_level.country = city_dated.country
        and country_level.date = city_dated.period
    where country_level.date is not null
    union all
    -- either undated: the same story
    select country_level.mention_id, country_level.sort_date, city_level.sort_date,
        city_level.place, city_level.lat, city_level.lon, city_level.place_key
    from country_level
    inner join city_level
        on country_level.actor = city_level.actor
        and country_level.country = city_level.country
        and country_level.article_id = city_level.article_id
        and country_level.segment = city_level.segment
    where country_level.date is null or city_level.date is null
    union all
    -- either undated: reports published within 6 days of each other
    select country_level.mention_id, country_level.sort_date, city_weeks.sort_date,
        city_weeks.place, city_weeks.lat, city_weeks.lon, city_weeks.place_key
    from (
        select *, unnest([week - 1, week, week + 1]) as near_week
        from (
            select *, date_diff('day', date '2000-01-03', published) // 7 as week
            from country_level
            where segment = 0 and published is not null
        )
    ) as country_level
    inner join city_weeks
        on country_level.actor = city_weeks.actor
        and country_level.country = city_weeks.country
        and country_level.near_week = city_weeks.week
    where (country_level.date is null or city_weeks.undated)
        and abs(date_diff('day', country_level.published, city_weeks.published)) <= 6
),

city_choice as (
    select
        mention_id,
        place,
        lat,
        lon,
        place_key,
        row_number() over (
            partition by mention_id
            order by abs(date_diff('day', sort_date, city_day)) nulls last, place_key
        ) as choice
    from city_pairs
),

final as (
    select
        dated.* exclude (place, lat, lon, place_kind, place_key),
        coalesce(dated.published, dated.win_hi) as report_day,
        count(distinct coalesce(city_choice.place_key, dated.place_key)) over (
            partition by dated.article_id, dated.segment, dated.actor) as story_stops,
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
