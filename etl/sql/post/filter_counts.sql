-- filter_counts: the counts beside the choices of the sidebar and the People page, over the
-- whole database (they say what can be chosen, not what the filters keep), worked out once
-- per build: on a database of a million mentions grouping every stop and every meeting's
-- participants took 15 to 50 ms on every page run, reading this table well under 1 ms.
-- Key: (facet, value). Run by etl/events.py post_marts() after the marts.
--   facet  'diplomat': value a stop's actor, n its stops (ui/sql/filter_diplomats.sql);
--          'country': value an ISO alpha-2 code, n the stops and meetings there
--          (filter_countries.sql);
--          'person': value a stop's actor or a meeting's participant, n the stops plus the
--          meetings taken part in (person_list.sql).

create or replace table filter_counts as

with

diplomats as (
    select 'diplomat' as facet, actor as value, count(*) as n
    from stops
    where actor is not null
    group by actor
),

country_codes as (
    select country from stops
    union all
    select country from meetings
),

countries as (
    select 'country' as facet, country as value, count(*) as n
    from country_codes
    where country is not null
    group by country
),

names as (
    select actor as name from stops
    union all
    select unnest(participants) from meetings
),

persons as (
    select 'person' as facet, name as value, count(*) as n
    from names
    where name is not null
    group by name
),

final as (
    select * from diplomats
    union all
    select * from countries
    union all
    select * from persons
)

select * from final
order by facet, value
