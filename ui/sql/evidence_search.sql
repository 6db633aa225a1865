-- evidence_search: sentences behind events that contain the search text, newest first, one row
-- per sentence with the kinds of fact it supports ("stop ×3, meeting").
-- Params: $pattern (an ILIKE pattern: '%' || escaped text || '%', escape character '\');
-- $outlets (list, empty = all); $date_from $date_to (publication window); $cap.

with

hits as (
    select
        event_mentions.article_id,
        event_mentions.evidence_start,
        event_mentions.evidence,
        event_mentions.event_type
    from event_mentions
    join articles on articles.id = event_mentions.article_id
    where event_mentions.evidence ilike $pattern escape '\'
        and ui_picked($outlets, articles.source)
        and ui_in_window(articles.published, articles.published, $date_from, $date_to)
),

kinds as (
    select article_id, evidence_start, evidence, event_type, count(*) as n
    from hits
    group by all
),

sentences as (
    select
        article_id,
        evidence_start,
        evidence,
        string_agg(
            case when n > 1 then event_type || ' ×' || n else event_type end, ', '
            order by event_type
        ) as facts
    from kinds
    group by article_id, evidence_start, evidence
),

final as (
    select
        sentences.evidence,
        sentences.facts,
        articles.id as article_id,
        articles.title,
        articles.source,
        articles.published,
        sentences.evidence_start,
        count(*) over () as total_rows
    from sentences
    join articles on articles.id = sentences.article_id
)

select * from final
order by published desc nulls last, article_id, evidence_start
limit $cap
