-- person_roles: a person's offices over time, from the people mart's roles list.
-- Param: $person.
with

roles as (
    select unnest(roles) as role
    from people
    where name = $person
)

select
    role.title as title,
    role.country as country,
    cast(role."from" as date) as start,
    cast(role."to" as date) as "end"
from roles
order by start
