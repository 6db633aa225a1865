-- casualty_page: one page of the casualties page's table: the reports casualty_rows selects,
-- in its order (newest first), $offset of them skipped and the next $limit listed with the
-- latest sentence behind each; the sentences of no other report are read. Params as
-- casualty_rows, $limit and $offset instead of the cap. total_rows: every report that passes
-- the filters (the table's page control counts its pages from it).

with

filtered as (
    select report_id, day_lo, metric, reported_by
    from casualty_reports
    where ui_casualty_kept($metrics, $country_names, $outlets, $date_from, $date_to,
            metric, "where", day_lo, day_hi, outlets)
        and ui_picked($places, coalesce("where", ''))
        and ui_reviewed($verified_only, review_state)
),

page as (
    select report_id
    from filtered
    order by day_lo desc, metric, reported_by, report_id
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
semi join page on page.report_id = r.report_id
order by r.day_lo desc, r.metric, r.reported_by, r.report_id
