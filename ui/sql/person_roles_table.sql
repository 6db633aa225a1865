-- person_roles_table: a person's offices over time, for a database that keeps roles in a
-- people_roles side table instead of a list in people. Param: $person.
select
    title,
    country,
    cast("from" as date) as start,
    cast("to" as date) as "end"
from people_roles
where name = $person
order by start
