-- filter_countries: ISO alpha-2 codes of the countries with a stop or a meeting, busiest first.
-- The counts are worked out by the build (etl/sql/post/filter_counts.sql).
select value as country, n as events
from filter_counts
where facet = 'country'
order by events desc, country
