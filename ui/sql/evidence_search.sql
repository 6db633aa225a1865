-- evidence_search: sentences behind events that contain the search text, newest first, one row
-- per sentence with the kinds of fact it supports ("stop ×3, meeting").
-- Params: $pattern (an ILIKE pattern: '%' || escaped text || '%', escape character '\');
-- $outlets (list, empty = all); $date_from $date_to (publication window); $cap.
-- The order and the cap are applied before the articles are joined for their titles: a
-- frequent word matches hundreds of thousands of sentences, of which $cap are shown.

with

hits as (
    select
        event_mentions.article_id,
        event_mentions.evidence_start,
        event_mentions.evidence,
        event_mentions.event_type,
        articles.published
    from event_mentions
    join articles on articles.id = event_mentions.article_id
    where event_mentions.evidence ilike $pattern escape '\'
        and ui_picked($outlets, articles.source)
        and ui_in_window(articles.published, articles.published, $date_from, $date_to)
),

kinds as (
    select article_id, evidence_start, evidence, event_type, any_value(published) as published,
        count(*) as n
    from hits
    group by article_id, evidence_start, evidence, event_type
),

sentences as (
    select
        article_id,
        evidence_start,
        evidence,
        any_value(published) as published,
        -- the kinds in event_type order: a label starts with its kind, and the kinds of one
        -- sentence differ, so sorting the labels sorts by kind (cheaper than an ordered
        -- string_agg over every sentence found)
        array_to_string(
            list_sort(list(case when n > 1 then event_type || ' ×' || n else event_type end)),
            ', '
        ) as facts
    from kinds
    group by article_id, evidence_start, evidence
),

capped as (
    select *, (select count(*) from sentences) as total_rows
    from sentences
    order by published desc nulls last, article_id, evidence_start
    limit $cap
),

final as (
    select
        capped.evidence,
        capped.facts,
        articles.id as article_id,
        articles.title,
        articles.source,
        articles.published,
        capped.evidence_start,
        capped.total_rows
    from capped
    join articles on articles.id = capped.article_id
)

select * from final
order by published desc nulls last, article_id, evidence_start
limit $cap
