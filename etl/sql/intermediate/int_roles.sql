-- int_roles: every dated office, curated (data/reference/roles.csv, staged as ref_roles),
-- observed (the offices articles give people: role_observations) and given by an analyst
-- (an `office` person correction: person_corrections).
--   An observed role holds from its first to its last observation, extended to the next
--   holder's first observation of the same office and country (a successor ends it).
--   Curated roles come first: a person the registry already places in that country keeps
--   the registry's dates and no observed row.
--   A registry name an analyst merged into another is read as the kept name; an
--   `end_office` correction ends the person's office of that title and country on its
--   day (the term still running then; an observed one from its first observation).
--   source: 'curated' | 'observed' | 'analyst'; evidence and article_id: the first
--   sentence behind an observed role (null for the others).

with

merged as (
    select lower(strip_accents(name)) as key, other as kept
    from person_corrections
    where action = 'merge'
),

curated as (
    select coalesce(merged.kept, ref_roles.name) as name, title, country, "from", "to"
    from ref_roles
    left join merged on merged.key = lower(strip_accents(ref_roles.name))
),

analyst as (
    select coalesce(merged.kept, o.name) as name, o.title, o.country, o.start as "from",
           o.end_day as "to"
    from person_corrections as o
    left join merged on merged.key = lower(strip_accents(o.name))
    where o.action = 'office'
),

ends as (
    select coalesce(merged.kept, e.name) as name, lower(e.title) as title_key, e.country,
           e.end_day
    from person_corrections as e
    left join merged on merged.key = lower(strip_accents(e.name))
    where e.action = 'end_office'
    qualify row_number() over (partition by coalesce(merged.kept, e.name), lower(e.title),
                                            e.country order by e.n desc) = 1
),

observations as (
    select name, office, title, country, day, evidence, article_id
    from role_observations
    where day is not null
),

spans as (
    select
        name,
        office,
        country,
        min(day) as first_day,
        max(day) as last_day,
        arg_min(evidence, day) as evidence,
        arg_min(article_id, day) as article_id,
        arg_max(title, day) as title
    from observations
    group by name, office, country
),

successions as (
    select
        *,
        lead(first_day) over (partition by office, country order by first_day) as next_first
    from spans
),

observed as (
    select
        name,
        -- "foreign minister" as an article wrote it, capitalised word by word
        array_to_string(list_transform(string_split(coalesce(title, office), ' '),
                                       lambda w: upper(w[1]) || w[2:]), ' ') as title,
        country,
        first_day as "from",
        greatest(last_day, coalesce(next_first, last_day)) as "to",
        evidence,
        article_id
    from successions
    where not exists (
        select 1 from curated
        where curated.name = successions.name and curated.country = successions.country
    )
),

every_role as (
    select name, title, country, "from", "to", 'curated' as source,
           null::varchar as evidence, null::varchar as article_id
    from curated
    union all
    select name, title, country, "from", "to", 'observed' as source, evidence, article_id
    from observed
    union all
    select name, title, country, "from", "to", 'analyst' as source,
           null::varchar as evidence, null::varchar as article_id
    from analyst
),

final as (
    select
        r.name,
        r.title,
        r.country,
        r."from",
        case
            when e.end_day is null or coalesce(r."from", e.end_day) > e.end_day then r."to"
            when r.source = 'observed' then e.end_day
            when r."to" is null or r."to" > e.end_day then e.end_day
            else r."to"
        end as "to",
        r.source,
        r.evidence,
        r.article_id
    from every_role as r
    left join ends as e
        on e.name = r.name and e.title_key = lower(r.title) and e.country = r.country
)

select * from final
