-- benchmarks/bench_queries.py: the raw scan of ui/sql/article_one.sql.
select count(*) from articles where id = $article_id
