-- The articles of an attached database ({catalog}) whose facts or offices name any of
-- $names (case and accents aside): a build extracts them again, so the names they give
-- follow the person corrections in force.
with

named as (
    select distinct lower(strip_accents(n)) as key from (select unnest($names::varchar[]) as n)
)

select article_id from {catalog}.mentions_visit
where lower(strip_accents(actor)) in (select key from named)
union
select article_id from {catalog}.mentions_meeting
where len(list_intersect(list_transform(participants, lambda p: lower(strip_accents(p))),
                         (select list(key) from named))) > 0
union
select article_id from {catalog}.role_observations
where lower(strip_accents(name)) in (select key from named)
