-- evidence_sentences: one row per sentence behind any event, for the Sources page's search.
-- Key: (article_id, evidence_start). Many event rows share one sentence (a sentence with two
-- visits and a meeting is three rows of event_mentions), so searching here reads each
-- sentence once, and what the search shows is already worked out:
--   facts      the kinds of fact the sentence supports, in kind order, with a count when more
--              than one: 'meeting, stop ×2';
--   published, source, title   its article's, for the outlet and date filters and the list.
-- Run by etl/events.py post_marts() after event_mentions exists.

create or replace table evidence_sentences as

with

kinds as (
    select article_id, evidence_start, event_type, any_value(evidence) as evidence,
        count(*) as n
    from event_mentions
    group by article_id, evidence_start, event_type
),

sentences as (
    select
        article_id,
        evidence_start,
        any_value(evidence) as evidence,
        -- a label starts with its kind, and the kinds of one sentence differ, so sorting the
        -- labels puts them in kind order
        array_to_string(
            list_sort(list(case when n > 1 then event_type || ' ×' || n else event_type end)),
            ', '
        ) as facts
    from kinds
    group by article_id, evidence_start
),

final as (
    select
        sentences.article_id,
        sentences.evidence_start,
        sentences.evidence,
        sentences.facts,
        articles.published,
        articles.source,
        articles.title
    from sentences
    left join articles on articles.id = sentences.article_id
)

select * from final
order by published desc nulls last, article_id, evidence_start
