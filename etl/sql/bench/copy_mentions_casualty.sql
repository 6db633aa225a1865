-- benchmarks/generate_mentions.py: the casualty figures of every copied article, with the
-- copy's dates.
insert into mentions_casualty by name
select s.* replace (
    md5(s.mention_id || ':' || p.k)[:16] as mention_id,
    p.id as article_id,
    shift_date(s.as_of, p.off) as as_of)
from src.mentions_casualty s join plan p on s.article_id = p.src_id
left join person_map pm on pm.v = p.variant
