-- person_list: everyone the People page can show: people with a stop or a meeting, with
-- their stops and meetings counted (most active first). The counts are worked out by the
-- build (etl/sql/post/filter_counts.sql).
select value as name, n as events
from filter_counts
where facet = 'person'
order by events desc, name
