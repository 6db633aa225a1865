-- benchmarks/generate_mentions.py: the sentences of every copied article.
insert into sentences by name
select s.* replace (p.id as article_id)
from src.sentences s join plan p on s.article_id = p.src_id
left join person_map pm on pm.v = p.variant
