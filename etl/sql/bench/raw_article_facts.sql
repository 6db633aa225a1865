-- benchmarks/bench_queries.py: the raw scan of ui/sql/article_facts.sql (the rows its WHERE
-- selects).
select count(*) from event_mentions where article_id = $article_id
