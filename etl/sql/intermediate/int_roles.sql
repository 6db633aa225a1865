-- int_roles: every dated office, curated (data/reference/roles.csv, staged as ref_roles)
-- and observed (the offices articles give people: role_observations).
--   An observed role holds from its first to its last observation, extended to the next
--   holder's first observation of the same office and country (a successor ends it).
--   Curated roles come first: a person the registry already places in that country keeps
--   the registry's dates and no observed row.
--   source: 'curated' | 'observed'; evidence and article_id: the first sentence behind an
--   observed role (null for curated ones).

with

curated as (
    select name, title, country, "from", "to" from ref_roles
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

final as (
    select name, title, country, "from", "to", 'curated' as source,
           null::varchar as evidence, null::varchar as article_id
    from curated
    union all
    select name, title, country, "from", "to", 'observed' as source, evidence, article_id
    from observed
)

select * from final
