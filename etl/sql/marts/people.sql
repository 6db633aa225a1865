-- people: every person the marts name: the reference list (data/reference/people.csv with
-- aliases, roles.csv with dated roles) plus any visit actor or meeting participant the
-- extractor found who is not in it (aliases empty: unknown names are kept), with the offices
-- the articles themselves gave them (int_roles: curated first, then observed).
--   roles         list of {title, country (ISO2), from, to (DATE; to null = still in office),
--                 source ('curated' | 'observed'), evidence, article_id (the sentence and
--                 article behind an observed role)}, oldest first;
--   home_country  the country of the most recent role: where a stop is "home" on routes.

with

ref_people as (
    select * from ref_people
),

ref_roles as (
    select * from int_roles
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
            struct_pack(title := title, country := country, "from" := "from", "to" := "to",
                        source := source, evidence := evidence, article_id := article_id)
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
            []::struct(title varchar, country varchar, "from" date, "to" date, source varchar,
                       evidence varchar, article_id varchar)[]
        ) as roles,
        roles.home_country
    from names
    left join aliases using (name)
    left join roles using (name)
    where names.name is not null and trim(names.name) <> ''
)

select * from final
