-- person_list: everyone the People page can show: people with a stop or a meeting, and the
-- reference people, with their stop counts (most travelled first).
with

names as (
    select actor as name from stops
    union all
    select unnest(participants) from meetings
),

counted as (
    select name, count(*) as events from names where name is not null group by name
)

select name, events
from counted
order by events desc, name
