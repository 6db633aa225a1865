-- benchmarks/bench_queries.py: the raw scan of ui/sql/route_months.sql.
select count(*) from stops where ui_picked($actors, actor)
