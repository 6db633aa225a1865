-- stops: one row per person, place and visit, merged across articles: what the routes map
-- draws as points. Built from visits (int_visit_stops) and from meetings held in a named city
-- that no visit already accounts for (int_meeting_stop_members; origin = 'meeting').
-- Columns beyond the contract:
--   place_kind  'city' | 'country': a visit known only by country is drawn at the capital
--               (lat/lon) and marked 'country', so a guess is never shown as a stated city;
--   place_key   the merge key of the place; origin 'visit' | 'meeting'; mode of travel;
--   sort_date   DATE the stop is ordered by (its day, or the day its reports place it at);
--   actor_seq   1-based position on the person's route: by sort_date, then by the order the
--               reference report tells the stops in (int_visit_stops: an itinerary first), then
--               by the place's position in the sentence;
--   co_located  the other people with a stop at the same place on the same day (sort_date):
--               Macron, Scholz and Draghi in Kyiv, so the map can show each of them.
-- sources = distinct articles; first_reported/last_reported = earliest/latest publication.

with

visit_stops as (
    select * from int_visit_stops
),

meeting_stop_members as (
    select * from int_meeting_stop_members
),

meetings as (
    select * from meetings
),

meeting_members as (
    select * from int_meeting_members
),

meeting_mentions as (
    select * from int_meeting_mentions
),

-- every meeting mention behind a meeting-derived stop, with the stop's place
meeting_stop_reports as (
    select
        meeting_stop_members.stop_id,
        meeting_stop_members.actor,
        meetings.meeting_id,
        meetings.place,
        meetings.country,
        meetings.lat,
        meetings.lon,
        meetings.place_kind,
        meetings.place_key,
        meetings.date as meeting_date,
        meetings.status as meeting_status,
        meetings.last_reported as meeting_last_reported,
        meetings.sort_date as meeting_sort_date,
        meeting_mentions.mention_id,
        meeting_mentions.article_id,
        meeting_mentions.published,
        meeting_mentions.evidence_start,
        nullif(strpos(meeting_mentions.evidence, meetings.place), 0) as in_sentence_pos
    from meeting_stop_members
    inner join meetings using (meeting_id)
    inner join meeting_members using (meeting_id)
    inner join meeting_mentions using (mention_id)
),

meeting_stops as (
    select
        stop_id,
        any_value(actor) as actor,
        any_value(place) as place,
        any_value(country) as country,
        any_value(lat) as lat,
        any_value(lon) as lon,
        any_value(place_kind) as place_kind,
        any_value(place_key) as place_key,
        any_value(meeting_date) as date,
        period_precision(any_value(meeting_date)) as date_precision,
        -- several meetings in one place and day: the most recently reported one's status
        first(meeting_status order by meeting_last_reported desc nulls last, meeting_id)
            as status,
        null::varchar as mode,
        count(distinct article_id)::integer as sources,
        min(published) as first_reported,
        max(published) as last_reported,
        min(meeting_sort_date) as sort_date,
        first(published order by published desc nulls last, article_id desc, evidence_start,
            in_sentence_pos nulls last, mention_id) as ord_published,
        first(article_id order by published desc nulls last, article_id desc, evidence_start,
            in_sentence_pos nulls last, mention_id) as ord_article,
        first(evidence_start order by published desc nulls last, article_id desc,
            evidence_start, in_sentence_pos nulls last, mention_id) as ord_offset,
        first(in_sentence_pos order by published desc nulls last, article_id desc,
            evidence_start, in_sentence_pos nulls last, mention_id) as ord_pos,
        'meeting' as origin
    from meeting_stop_reports
    group by stop_id
),

all_stops as (
    select * from visit_stops
    union all by name
    select * from meeting_stops
),

-- who else is at the same place on the same day
together as (
    select
        mine.stop_id,
        list_sort(list(distinct other.actor)) as co_located
    from all_stops as mine
    inner join all_stops as other
        on other.place_key = mine.place_key
        and other.sort_date = mine.sort_date
        and other.actor <> mine.actor
    group by mine.stop_id
),

final as (
    select
        all_stops.stop_id,
        actor,
        place,
        country,
        lat,
        lon,
        date,
        date_precision,
        status,
        sources,
        first_reported,
        last_reported,
        place_kind,
        place_key,
        origin,
        mode,
        sort_date,
        row_number() over (
            partition by actor
            order by sort_date nulls last, ord_published nulls last, ord_article, ord_offset,
                ord_pos nulls last, all_stops.stop_id
        )::integer as actor_seq,
        coalesce(together.co_located, []::varchar[]) as co_located
    from all_stops
    left join together using (stop_id)
)

select * from final
