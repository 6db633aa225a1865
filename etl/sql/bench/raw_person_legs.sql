-- benchmarks/bench_queries.py: the raw scan of ui/sql/person_legs.sql.
select count(*) from legs where actor = $person
