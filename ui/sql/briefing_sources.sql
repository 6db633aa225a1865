-- briefing_sources: the articles behind a set of events, for a slide's source line and its
-- notes. Params: $event_type ('stop', 'aid', 'casualty', 'meeting'); $event_ids (a list of
-- the events drawn on the slide). One row per article, oldest first.

with

behind as (
    select
        article_id,
        count(*) as mentions
    from event_mentions
    where event_type = $event_type and list_contains($event_ids, event_id)
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
