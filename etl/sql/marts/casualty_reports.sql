-- casualty_reports: one row per distinct casualty figure (see int_casualty_members for the
-- key). What the casualties timeline draws: one line per metric and reported_by, a marker
-- per report. Never aggregate value across rows: rows are competing or successive counts,
-- not parts of a whole.
--   value        people (count); qualifier is the latest report's ('at least', 'about', ...);
--   as_of        the day (or month, year) the figure describes, as given; as_of_precision;
--   as_of_date   DATE for the time axis: the start of as_of, or the first publication date
--                when the report gives no date;
--   sources      distinct articles; first_reported/last_reported their publication dates.

with

members as (
    select * from int_casualty_members
),

final as (
    select
        report_id,
        any_value(metric) as metric,
        any_value(value) as value,
        first(qualifier order by published desc nulls last, evidence_start desc,
            mention_id desc) as qualifier,
        any_value(as_of) as as_of,
        period_precision(any_value(as_of)) as as_of_precision,
        coalesce(period_start(any_value(as_of)), min(published)) as as_of_date,
        any_value(reported_by) as reported_by,
        any_value("where") as "where",
        count(distinct article_id)::integer as sources,
        min(published) as first_reported,
        max(published) as last_reported
    from members
    group by report_id
)

select * from final
