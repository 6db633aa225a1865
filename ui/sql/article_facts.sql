-- article_facts: the events an article reports, one row per evidence span, in text order,
-- with a one-line summary of the event. Param: $article_id.
-- The summary and the event's status are columns of event_mentions
-- (etl/sql/post/mention_summaries.sql), which is stored in article order: this reads the
-- row groups of one article and joins nothing.

with

mentions as (
    select event_type, event_summary, event_status, evidence, evidence_start, evidence_end
    from event_mentions
    where article_id = $article_id
)

select
    event_type as fact,
    event_summary as summary,
    event_status as status,
    evidence,
    evidence_start,
    evidence_end
from mentions
order by evidence_start, fact, evidence_end, summary
