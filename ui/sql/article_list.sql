-- article_list: articles after the outlet and year filters, newest first, with how many
-- events of each kind they report. Params: $outlets; $date_from $date_to; $pattern (ILIKE on
-- the title, '%' for all); $cap.

with

articles as (
    select id, title, source, published, url
    from articles
    where ui_picked($outlets, source)
        and ui_in_window(published, published, $date_from, $date_to)
        and title ilike $pattern escape '\'
),

-- the rows shown, cut to $cap before their events are counted
capped as (
    select *, (select count(*) from articles) as total_rows
    from articles
    order by published desc nulls last, id
    limit $cap
),

-- their events of each kind, counted by the build (etl/sql/post/article_events.sql)
counts as (
    select article_id, stops, meetings, aid, casualties
    from article_events
    where article_id in (select id from capped)
)

select
    capped.* exclude (total_rows),
    coalesce(counts.stops, 0) as stops,
    coalesce(counts.meetings, 0) as meetings,
    coalesce(counts.aid, 0) as aid,
    coalesce(counts.casualties, 0) as casualties,
    capped.total_rows
from capped
left join counts on counts.article_id = capped.id
order by published desc nulls last, id
limit $cap
