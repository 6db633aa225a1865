-- filter_diplomats: every person with a stop, and how many stops, for the sidebar's labels.
-- The counts are worked out by the build (etl/sql/post/filter_counts.sql).
select value as actor, n as stops
from filter_counts
where facet = 'diplomat'
order by stops desc, actor
