-- int_meeting_mentions: one row per meeting mention, ready to be merged into meetings.
-- participants are sorted and deduplicated (party_key joins them with '|'); the place is
-- geocoded through stg_places; the date becomes a period (date_lo..date_hi, DATE).

with

meetings as (
    select * from mentions_meeting
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
        meetings.mention_id,
        meetings.article_id,
        list_sort(list_distinct(meetings.participants)) as participants,
        array_to_string(list_sort(list_distinct(meetings.participants)), '|') as party_key,
        places.name as place,
        places.country,
        places.lat,
        places.lon,
        places.kind as place_kind,
        places.place_key,
        period_text(meetings.date) as date,
        period_precision(meetings.date) as date_precision,
        period_start(meetings.date) as date_lo,
        period_end(meetings.date) as date_hi,
        meetings.status,
        meetings.mode,
        meetings.evidence,
        meetings.evidence_start,
        meetings.evidence_end
    from meetings
    left join places
        on meetings.place is not distinct from places.raw_place
        and meetings.country is not distinct from places.raw_country
),

final as (
    select
        located.*,
        articles.published,
        coalesce(sentences.segment, 0) as segment,
        windows.win_lo,
        windows.win_hi,
        -- the day a meeting is placed at in time (DATE): its period's first day, else the
        -- story's window start, else the publication date
        coalesce(located.date_lo, windows.win_lo, articles.published) as sort_date
    from located
    left join articles using (article_id)
    asof left join sentences
        on located.article_id = sentences.article_id
        and located.evidence_start >= sentences.start
    left join windows
        on located.article_id = windows.article_id
        and coalesce(sentences.segment, 0) = windows.segment
)

select * from final
