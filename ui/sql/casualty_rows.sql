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
-- The order is the mart's chart_rank (etl/sql/post/page_ranks.sql): day_lo descending, then
-- metric, reported_by, report_id, as one integer; the reports are cut on it before their
-- other columns are read.

with

-- the filtered reports' ranks only: read by the count and the cut, never stored whole
filtered as not materialized (
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

cut as materialized (
    select chart_rank
    from filtered
    order by chart_rank
    limit $cap
),

shown as materialized (
    select
        report_id, series_id, metric, value, qualifier, as_of, day_lo, reported_by, "where",
        population, sources, confidence, review_state, reviewed_by, article_nos, chart_rank
    from casualty_reports
    semi join cut using (chart_rank)
),

totals as (
    select
        (select count(*) from filtered) as total_rows,
        (select count(distinct article_no) from (
            select unnest(article_nos) as article_no from shown
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
order by shown.chart_rank
