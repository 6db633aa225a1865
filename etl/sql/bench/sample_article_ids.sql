-- benchmarks/bench_queries.py: ten articles the article pages are timed on, the same each run.
select id from articles order by hash(id) limit 10
