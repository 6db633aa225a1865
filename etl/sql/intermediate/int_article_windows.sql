-- int_article_windows: the days each story of an article talks about.
-- One row per (article_id, segment): a page may append an unrelated older story (segment > 0),
-- so the window is per segment. win_lo..win_hi spans the day-precision dates of its visits and
-- meetings, widened to the publication date for the article's own story (segment 0).
-- An undated report is matched to dated ones inside this window (see int_stop_members).

with

visits as (
    select article_id, evidence_start, date from mentions_visit
),

meetings as (
    select article_id, evidence_start, date from mentions_meeting
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

dated_mentions as (
    select * from visits
    union all
    select * from meetings
),

located as (
    select
        dated_mentions.article_id,
        coalesce(sentences.segment, 0) as segment,
        case when period_precision(dated_mentions.date) = 'day'
            then period_start(dated_mentions.date) end as day
    from dated_mentions
    asof left join sentences
        on dated_mentions.article_id = sentences.article_id
        and dated_mentions.evidence_start >= sentences.start
),

spans as (
    select article_id, segment, min(day) as day_lo, max(day) as day_hi
    from located
    group by article_id, segment
),

final as (
    select
        spans.article_id,
        spans.segment,
        case when spans.segment = 0 then least(spans.day_lo, articles.published)
            else spans.day_lo end as win_lo,
        case when spans.segment = 0 then greatest(spans.day_hi, articles.published)
            else spans.day_hi end as win_hi
    from spans
    left join articles using (article_id)
)

select * from final
