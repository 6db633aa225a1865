-- event_columns: what the dashboard filters on and shows for every row of an event mart,
-- computed once per build rather than on every page run (on a database of a million mentions
-- each of these was a join of event_mentions with articles in every query of every page).
-- Run by etl/events.py post_marts() after event_mentions exists, once per mart; the
-- placeholders are constants of that function, never input:
--   {table} the mart, {event_type} its event_mentions.event_type, {id} its id column,
--   {date} its date column, {fallback} the DATE an undated row is placed at (or null).
-- Columns added:
--   day_lo, day_hi   DATE: first and last day of the row's period; an undated row gets
--                    {fallback} for both (a stop the day it was first reported, aid its FX day);
--   evidence         the latest sentence behind the row: newest article first (an undated
--                    one after every dated one), then article id, then the sentence nearest
--                    the article's start;
--   evidence_count   how many sentences are behind it (event_mentions rows);
--   article_ids      the distinct articles behind it, so "N articles behind these rows"
--                    is a count over the rows' lists, not a join;
--   article_nos      the same articles as numbers (INTEGER[]): each article id's place in
--                    the order of every id event_mentions holds, the same in every mart of
--                    one build; counting distinct numbers over a page's rows is several
--                    times cheaper than counting distinct ids (a list of long strings);
--   outlets          the distinct sources (articles.source) of those articles;
--   corrected        true when an analyst changed or added a mention behind the row.

create or replace table {table} as

with

-- every article behind any event, numbered in id order
article_numbers as (
    select article_id, row_number() over (order by article_id)::integer as article_no
    from (select distinct article_id from event_mentions)
),

mentions as (
    select
        event_mentions.event_id,
        event_mentions.article_id,
        event_mentions.evidence,
        event_mentions.evidence_start,
        event_mentions.corrected,
        article_numbers.article_no,
        articles.published,
        articles.source
    from event_mentions
    left join articles on articles.id = event_mentions.article_id
    inner join article_numbers on article_numbers.article_id = event_mentions.article_id
    where event_mentions.event_type = '{event_type}'
),

summary as (
    select
        event_id,
        arg_max(evidence, (coalesce(published, date '0001-01-01'), article_id,
            -evidence_start)) as evidence,
        count(*)::integer as evidence_count,
        list_sort(list(distinct article_id)) as article_ids,
        list_sort(list(distinct article_no)) as article_nos,
        list_sort(list(distinct source) filter (where source is not null)) as outlets,
        bool_or(corrected) as corrected
    from mentions
    group by event_id
),

mart as (
    select * from {table}
),

final as (
    select
        mart.*,
        coalesce(period_start(cast(mart.{date} as varchar)), {fallback}) as day_lo,
        coalesce(period_end(cast(mart.{date} as varchar)), {fallback}) as day_hi,
        summary.evidence,
        coalesce(summary.evidence_count, 0) as evidence_count,
        coalesce(summary.article_ids, []::varchar[]) as article_ids,
        coalesce(summary.article_nos, []::integer[]) as article_nos,
        coalesce(summary.outlets, []::varchar[]) as outlets,
        coalesce(summary.corrected, false) as corrected
    from mart
    left join summary on summary.event_id = mart.{id}
)

select * from final
