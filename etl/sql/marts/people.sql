-- people: every person the marts name: the reference list (data/reference/people.csv with
-- aliases, roles.csv with dated roles) plus any visit actor or meeting participant the
-- extractor found who is not in it (aliases empty: unknown names are kept), with the offices
-- the articles themselves gave them and those analysts added (int_roles: curated, then
-- observed, then analyst), under the person corrections of the last build
-- (person_corrections): a registry name merged into another is listed as an alias of the
-- kept name, an alias an analyst gave is added, a name split off is no alias of the person
-- it was split from and is listed as a person of its own.
--   roles         list of {title, country (ISO2), from, to (DATE; to null = still in office),
--                 source ('curated' | 'observed' | 'analyst'), evidence, article_id (the
--                 sentence and article behind an observed role)}, oldest first;
--   home_country  the country of the most recent role: where a stop is "home" on routes.

with

merged as (
    select lower(strip_accents(name)) as key, name, other as kept
    from person_corrections
    where action = 'merge'
),

registry as (
    select coalesce(merged.kept, ref_people.name) as name, ref_people.aliases
    from ref_people
    left join merged on merged.key = lower(strip_accents(ref_people.name))
),

given_aliases as (
    select kept as name, [name] as aliases from merged
    union all
    select name, [other] from person_corrections where action = 'alias'
),

apart as (
    select name, list(lower(strip_accents(other))) as keys
    from person_corrections
    where action = 'split'
    group by name
),

corrected_names as (
    select name from person_corrections where action in ('office', 'alias')
    union
    select other from person_corrections where action = 'split'
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
    select name from registry
    union
    select name from corrected_names
    union
    select name from ref_roles
    union
    select name from visit_actors
    union
    select name from participants
),

every_alias as (
    select name, aliases from registry
    union all
    select name, aliases from given_aliases
),

listed_aliases as (
    select name, list_sort(list_distinct(flatten(list(aliases)))) as aliases
    from every_alias
    group by name
),

aliases as (
    select
        listed_aliases.name,
        list_filter(listed_aliases.aliases, lambda a: not coalesce(
            list_contains(apart.keys, lower(strip_accents(a))), false)) as aliases
    from listed_aliases
    left join apart using (name)
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
