-- benchmarks/generate_mentions.py: every copy k of every sample article, with its people
-- variant (of the first parameter), its publication day and the days its dates move by;
-- the second parameter is the number of copies.
create temp table plan as
with draws as (
    select
        k,
        a.id as src_id,
        a.published as src_published,
        (hash(k, a.id, 'year') % 1000000) / 1000000.0 as u,
        hash(k, a.id, 'day') % 365 as day,
        hash(k, a.id, 'people') % ? as variant
    from range(?) as r(k)
    cross join src.articles a
)
select
    draws.k,
    draws.src_id,
    draws.src_id || '~' || draws.k as id,
    draws.variant,
    make_date(years.year, 1, 1) + cast(draws.day as integer) as published,
    (make_date(years.year, 1, 1) + cast(draws.day as integer))
        - coalesce(draws.src_published, date '2019-07-01') as off
from draws
join years on draws.u >= years.lo and draws.u < years.hi
