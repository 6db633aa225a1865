-- article_list: one page of the articles after the outlet and year filters, newest first,
-- with how many events of each kind they report. Params: $outlets; $date_from $date_to;
-- $pattern (ILIKE on the title, '%' for all); $limit and $offset (the page: the Sources
-- page's table lists one at a time). total_rows: every article that passes the filters.

with

listed as (
    select id, published
    from articles
    where ui_picked($outlets, source)
        and ui_in_window(published, published, $date_from, $date_to)
        and title ilike $pattern escape '\'
),

-- the page's rows, cut before anything else of them is read
page as (
    select id
    from listed
    order by published desc nulls last, id
    limit $limit offset $offset
),

shown as (
    select a.id, a.title, a.source, a.published, a.url
    from articles a
    semi join page on page.id = a.id
),

-- their events of each kind, counted by the build (etl/sql/post/article_events.sql)
counts as (
    select article_id, stops, meetings, aid, casualties
    from article_events
    semi join page on page.id = article_events.article_id
)

select
    shown.*,
    coalesce(counts.stops, 0) as stops,
    coalesce(counts.meetings, 0) as meetings,
    coalesce(counts.aid, 0) as aid,
    coalesce(counts.casualties, 0) as casualties,
    (select count(*) from listed) as total_rows
from shown
left join counts on counts.article_id = shown.id
order by shown.published desc nulls last, shown.id
