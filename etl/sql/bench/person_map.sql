-- benchmarks/generate_mentions.py: variant v > 0 (up to the parameter) permutes the sample's
-- people; variant 0 keeps them.
create temp table person_map as
with people as (
    select distinct actor as name from src.mentions_visit
    union
    select distinct unnest(participants) from src.mentions_meeting
),
ranked as (
    select v, name,
        row_number() over (partition by v order by name) as by_name,
        row_number() over (partition by v order by hash(v, name)) as by_hash
    from people, range(1, ?) as r(v)
)
select a.v, map_from_entries(list(struct_pack(k := a.name, v := b.name))) as m
from ranked a join ranked b on a.v = b.v and a.by_name = b.by_hash
group by a.v
