-- benchmarks/generate_mentions.py: the visits of every copied article, with the copy's
-- people and dates.
insert into mentions_visit by name
select s.* replace (
    md5(s.mention_id || ':' || p.k)[:16] as mention_id,
    p.id as article_id,
    coalesce(pm.m[s.actor], s.actor) as actor,
    shift_date(s.date, p.off) as "date")
from src.mentions_visit s join plan p on s.article_id = p.src_id
left join person_map pm on pm.v = p.variant
