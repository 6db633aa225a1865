-- evidence_search: sentences behind events that contain the search text, newest first.
-- Params: $pattern (an ILIKE pattern: '%' || escaped text || '%', escape character '\');
-- $outlets (list, empty = all); $date_from $date_to (publication window); $cap.
select
    event_mentions.event_type,
    event_mentions.event_id,
    event_mentions.evidence,
    articles.id as article_id,
    articles.title,
    articles.source,
    articles.published,
    count(*) over () as total_rows
from event_mentions
join articles on articles.id = event_mentions.article_id
where event_mentions.evidence ilike $pattern escape '\'
    and ui_picked($outlets, articles.source)
    and ui_in_window(articles.published, articles.published, $date_from, $date_to)
order by articles.published desc nulls last, articles.id, event_mentions.evidence_start
limit $cap
