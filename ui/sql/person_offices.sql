-- person_offices: a person's offices over time from the people mart, each with where it
-- comes from (source: curated = the registry, observed = learned from an article,
-- analyst = an office correction) and, for an observed one, the sentence and the article
-- behind it. Param: $person.
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
    cast(role."to" as date) as "end",
    role.source as source,
    role.evidence as evidence,
    role.article_id as article_id,
    articles.title as article_title,
    cast(articles.published as date) as published
from roles
left join articles on articles.id = role.article_id
order by start nulls first, title
