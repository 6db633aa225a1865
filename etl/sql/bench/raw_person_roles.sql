-- benchmarks/bench_queries.py: the raw scan of ui/sql/person_roles.sql.
select count(*) from people where name = $person
