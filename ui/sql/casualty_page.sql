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
    where ui_casualty_kept($metrics, $country_names, $outlets, $date_from, $date_to,
            metric, "where", day_lo, day_hi, outlets)
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
