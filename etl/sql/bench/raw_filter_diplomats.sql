-- benchmarks/bench_queries.py: the raw scan of ui/sql/filter_diplomats.sql: the rows of
-- filter_counts it reads.
select count(*) from filter_counts where facet = 'diplomat'
