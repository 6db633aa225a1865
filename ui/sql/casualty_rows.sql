-- casualty_rows: casualty reports after the filters, one row per report (competing figures
-- stay side by side), the newest $cap: the marks the timeline draws, with only what the
-- chart, its headline and its slide read (the sentences behind them are the table's, one
-- page at a time: casualty_page.sql). Params: $metrics $places $country_names $outlets
-- (lists, empty = all; a country matches when its name occurs in "where"; a place is the
-- report's canonical area, '' for reports that name none); $date_from $date_to;
-- $verified_only; $cap.
--   series_id, population  the line a report is on (metric, place, source, population);
--   total_rows             every report that passes the filters;
--   articles_total         the articles behind the reports returned, which the chart draws
--                          and its source line describes.

with

filtered as (
    select
        report_id, series_id, metric, value, qualifier, as_of, day_lo, reported_by, "where",
        population, sources, confidence, review_state, reviewed_by, article_ids
    from casualty_reports
    where ui_casualty_kept($metrics, $country_names, $outlets, $date_from, $date_to,
            metric, "where", day_lo, day_hi, outlets)
        and ui_picked($places, coalesce("where", ''))
        and ui_reviewed($verified_only, review_state)
),

shown as materialized (
    select *
    from filtered
    order by day_lo desc, metric, reported_by, report_id
    limit $cap
),

totals as (
    select
        (select count(*) from filtered) as total_rows,
        (select count(distinct article_id) from (
            select unnest(article_ids) as article_id from shown
        )) as articles_total
)

select
    shown.report_id,
    shown.series_id,
    shown.metric,
    shown.value,
    shown.qualifier,
    cast(shown.as_of as varchar) as as_of_text,
    shown.day_lo as as_of,
    shown.reported_by,
    shown."where",
    shown.population,
    shown.sources,
    shown.confidence,
    shown.review_state,
    shown.reviewed_by,
    totals.total_rows,
    totals.articles_total
from shown
cross join totals
order by shown.day_lo desc, shown.metric, shown.reported_by, shown.report_id
