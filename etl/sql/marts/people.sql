-- people: every person the marts name: the reference list (data/reference/people.csv with
-- aliases, roles.csv with dated roles) plus any visit actor or meeting participant the
-- extractor found who is not in it (aliases and roles empty: unknown names are kept).
--   roles         list of {title, country (ISO2), from, to (DATE; to null = still in office)},
--                 oldest first;
--   home_country  the country of the most recent role: where a stop is "home" on routes.

with

ref_people as (
    select * from ref_people
),

ref_roles as (
    select * from ref_roles
),

visit_actors as (
    select distinct actor as name from mentions_visit
),

participants as (
    select distinct unnest(participants) as name from mentions_meeting
),

names as (
    select name from ref_people
    union
    select name from ref_roles
    union
    select name from visit_actors
    union
    select name from participants
),

aliases as (
    select name, list_sort(list_distinct(flatten(list(aliases)))) as aliases
    from ref_people
    group by name
),

roles as (
    select
        name,
        list(
            struct_pack(title := title, country := country, "from" := "from", "to" := "to")
            order by "from" nulls first, title
        ) as roles,
        first(country order by "to" desc nulls first, "from" desc nulls last) as home_country
    from ref_roles
    group by name
),

final as (
    select
        names.name,
        coalesce(aliases.aliases, []::varchar[]) as aliases,
        coalesce(
            roles.roles,
            []::struct(title varchar, country varchar, "from" date, "to" date)[]
        ) as roles,
        roles.home_country
    from names
    left join aliases using (name)
    left join roles using (name)
    where names.name is not null and trim(names.name) <> ''
)

select * from final
