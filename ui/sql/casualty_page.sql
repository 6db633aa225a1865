-- casualty_page: one page of the casualties page's table: the reports casualty_rows selects,
-- in its order (newest first), $offset of them skipped and the next $limit listed with the
-- latest sentence behind each; the sentences of no other report are read. Params as
-- casualty_rows, $limit and $offset instead of the cap. total_rows: every report that passes
-- the filters (the table's page control counts its pages from it).
-- The order is the mart's chart_rank (etl/sql/post/page_ranks.sql), casualty_rows' order as
-- one integer.

with

filtered as (
    select chart_rank
    from casualty_reports
    where ui_casualty_kept($metrics, $outlets, $date_from, $date_to, metric, day_lo, day_hi,
            outlets)
        and (len($country_names) = 0 or "where" in (
            -- the "where" values naming a chosen country (any of its names, in any case),
            -- tested once per distinct value: a lambda over the names on every report took
            -- 14 ms at 1M, this 2 ms
            select places.place
            from (
                select distinct "where" as place
                from casualty_reports
                where len($country_names) > 0
            ) as places
            inner join (select lower(unnest($country_names)) as name) as names
                on contains(lower(places.place), names.name)
        ))
        and ui_picked($places, coalesce("where", ''))
        and ui_reviewed($verified_only, review_state)
),

page as (
    select chart_rank
    from filtered
    order by chart_rank
    limit $limit offset $offset
)

select
    r.report_id,
    r.metric,
    r.value,
    r.qualifier,
    cast(r.as_of as varchar) as as_of_text,
    r.day_lo as as_of,
    r.reported_by,
    r."where",
    r.population,
    r.sources,
    r.evidence,
    greatest(r.evidence_count - 1, 0) as evidence_more,
    r.confidence,
    r.review_state,
    r.reviewed_by,
    (select count(*) from filtered) as total_rows
from casualty_reports r
semi join page on page.chart_rank = r.chart_rank
order by r.chart_rank
