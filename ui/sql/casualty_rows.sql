-- casualty_rows: casualty reports after the filters, one row per report (competing figures
-- stay side by side), with the latest sentence behind each. Params: $metrics $places
-- $country_names $outlets (lists, empty = all; a country matches when its name occurs in
-- "where"; a place is the report's canonical area, '' for reports that name none);
-- $date_from $date_to; $verified_only; $cap.
--   series_id, population  the line a report is on (metric, place, source, population);
--   series_reports         how many reports that series has under these filters.

with

filtered as (
    select *
    from casualty_reports
    where ui_casualty_kept($metrics, $country_names, $outlets, $date_from, $date_to,
            metric, "where", day_lo, day_hi, outlets)
        and ui_picked($places, coalesce("where", ''))
        and ui_reviewed($verified_only, review_state)
),

-- how many reports each series has under these filters: a count per series id, not a window
-- over every filtered row with all its columns
series as (
    select series_id, count(*) as series_reports
    from filtered
    group by series_id
),

totals as (
    select
        (select count(*) from filtered) as total_rows,
        (select count(distinct article_id) from (
            select unnest(article_ids) as article_id from filtered
        )) as articles_total
),

final as (
    select
        filtered.report_id,
        filtered.series_id,
        filtered.metric,
        filtered.value,
        filtered.qualifier,
        cast(filtered.as_of as varchar) as as_of_text,
        filtered.day_lo as as_of,
        filtered.reported_by,
        filtered."where",
        filtered.population,
        series.series_reports,
        filtered.sources,
        filtered.evidence,
        greatest(filtered.evidence_count - 1, 0) as evidence_more,
        filtered.confidence,
        filtered.review_state,
        filtered.reviewed_by,
        totals.total_rows,
        totals.articles_total
    from filtered
    join series on series.series_id = filtered.series_id
    cross join totals
)

select * from final
order by as_of desc, metric, reported_by, report_id
limit $cap
