-- casualty_series: one row per casualty series, the line the timeline draws: one metric, one
-- place, one reporting source, one population (int_casualty_members). A sub-count (children,
-- staff) is a series of its own beside the toll it is part of, never a point on its line.
--   reports       how many distinct figures (casualty_reports rows) it has; sources the
--                 distinct articles behind them;
--   first_as_of, last_as_of   DATE: the days its first and last figures describe;
--   latest_value  the figure of its latest day (the highest, when a day has two: "more than
--                 5,000" and "5,087"); peak_value its highest figure;
--   label         'Gaza health ministry · killed · children' ('all' left out; an
--                 unattributed series says so).

with

reports as (
    select * from casualty_reports
),

members as (
    select series_id, article_id from int_casualty_members
),

articles as (
    select series_id, count(distinct article_id)::integer as sources
    from members
    group by series_id
),

final as (
    select
        reports.series_id,
        any_value(reports.metric) as metric,
        any_value(reports."where") as "where",
        any_value(reports.area_country) filter (where reports.area_country is not null)
            as area_country,
        any_value(reports.reported_by) as reported_by,
        any_value(reports.population) as population,
        count(*)::integer as reports,
        any_value(articles.sources) as sources,
        min(reports.as_of_date) as first_as_of,
        max(reports.as_of_date) as last_as_of,
        arg_max(reports.value, (reports.as_of_date, reports.value)) as latest_value,
        max(reports.value) as peak_value,
        coalesce(any_value(reports.reported_by), 'unattributed') || ' · '
            || any_value(reports.metric)
            || case when any_value(reports.population) = 'all' then ''
                else ' · ' || any_value(reports.population) end as label
    from reports
    left join articles using (series_id)
    group by reports.series_id
)

select * from final
