-- casualty_reports: one row per distinct casualty figure of one series (see
-- int_casualty_members for the keys). What the casualties timeline draws: one line per
-- series (series_id: metric, place, reporting source, population), a marker per report.
-- Never aggregate value across rows: rows are competing or successive counts, or sub-counts
-- of one another (children inside a toll), not parts of a whole.
--   value        people (count); qualifier is the latest report's ('at least', 'about', ...);
--   as_of        the day (or month, year) the figure describes, as given; as_of_precision;
--   as_of_date   DATE for the time axis: the start of as_of, or the first publication date
--                when the report gives no date;
--   reported_by  the reporting source under its canonical name (data/reference/reporters.csv),
--                null when unattributed; reported_as: the forms the articles wrote;
--   where        the area under its canonical name (data/reference/areas.csv), or as written
--                when no alias knows it; area_country its ISO 3166-1 alpha-2 code when
--                known; where_as: the forms the articles wrote;
--   population   'all' or the part of the toll the figure counts (children, women,
--                civilians, soldiers, staff);
--   sources      distinct articles; first_reported/last_reported their publication dates.

with

members as (
    select * from int_casualty_members
),

final as (
    select
        report_id,
        any_value(series_id) as series_id,
        any_value(metric) as metric,
        any_value(value) as value,
        first(qualifier order by published desc nulls last, evidence_start desc,
            mention_id desc) as qualifier,
        any_value(as_of) as as_of,
        period_precision(any_value(as_of)) as as_of_precision,
        coalesce(period_start(any_value(as_of)), min(published)) as as_of_date,
        any_value(reported_by) as reported_by,
        any_value("where") as "where",
        any_value(area_country) filter (where area_country is not null) as area_country,
        any_value(population) as population,
        coalesce(list_sort(list(distinct reported_as) filter (where reported_as is not null)),
            []::varchar[]) as reported_as,
        coalesce(list_sort(list(distinct where_as) filter (where where_as is not null)),
            []::varchar[]) as where_as,
        count(distinct article_id)::integer as sources,
        min(published) as first_reported,
        max(published) as last_reported
    from members
    group by report_id
)

select * from final
