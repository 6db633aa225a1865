-- benchmarks/bench_queries.py: the raw scan of ui/sql/person_list.sql, the sidebar's and
-- People page's counts: the rows of filter_counts it reads (the build groups the stops and
-- meetings into it: etl/sql/post/filter_counts.sql).
select count(*) from filter_counts where facet = 'person'
