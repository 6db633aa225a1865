-- briefing_sources: the articles behind a set of events, for a slide's source line and its
-- notes. Params: $event_type ('stop', 'aid', 'casualty', 'meeting'); $event_ids (a list of
-- the events drawn on the slide). One row per article, oldest first; mentions: how many of
-- the events it reports.
-- Each event mart keeps the ids of the articles behind a row (article_ids, from
-- event_mentions at build time: etl/sql/post/event_columns.sql), so the events are looked up
-- in their own mart by a hash join on the id; matching them in the million rows of
-- event_mentions took 190 to 320 ms for a map of 2,000 stops at 1M mentions. Only the
-- branch of $event_type reads its mart.

with

wanted as (
    select distinct unnest($event_ids) as event_id
),

links as (
    select unnest(article_ids) as article_id
    from stops
    semi join wanted on wanted.event_id = stops.stop_id
    where $event_type = 'stop'
    union all
    select unnest(article_ids) as article_id
    from meetings
    semi join wanted on wanted.event_id = meetings.meeting_id
    where $event_type = 'meeting'
    union all
    select unnest(article_ids) as article_id
    from aid
    semi join wanted on wanted.event_id = aid.aid_id
    where $event_type = 'aid'
    union all
    select unnest(article_ids) as article_id
    from casualty_reports
    semi join wanted on wanted.event_id = casualty_reports.report_id
    where $event_type = 'casualty'
),

behind as (
    select article_id, count(*) as mentions
    from links
    group by article_id
),

final as (
    select
        articles.id,
        articles.title,
        articles.source as outlet,
        articles.url,
        articles.published,
        behind.mentions
    from behind
    join articles on articles.id = behind.article_id
)

select * from final
order by published nulls last, id
