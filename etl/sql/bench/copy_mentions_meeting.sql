-- benchmarks/generate_mentions.py: the meetings of every copied article, with the copy's
-- people and dates.
insert into mentions_meeting by name
select s.* replace (
    md5(s.mention_id || ':' || p.k)[:16] as mention_id,
    p.id as article_id,
    shift_date(s.date, p.off) as "date",
    list_sort(list_transform(s.participants, lambda x: coalesce(pm.m[x], x))) as participants)
from src.mentions_meeting s join plan p on s.article_id = p.src_id
left join person_map pm on pm.v = p.variant
