-- benchmarks/bench_queries.py: the raw scan of ui/sql/filter_outlets.sql.
select count(*) from articles
