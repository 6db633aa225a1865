-- benchmarks/generate_mentions.py: copy k of every sample article, with its own id, path
-- and publication day (none when the sample's has none).
insert into articles by name
select s.* replace (
    p.id as id,
    case when s.published is null then null else p.published end as published,
    s.path || '#' || p.k as path)
from src.articles s join plan p on s.id = p.src_id
left join person_map pm on pm.v = p.variant
