-- filter_years: the first and last year anything in the database happened or was reported.
with

years as (
    select year(day_lo) as y from stops
    union all
    select year(day_lo) from aid
    union all
    select year(day_lo) from casualty_reports
    union all
    select year(published) from articles
)

select min(y) as first_year, max(y) as last_year from years where y is not null
