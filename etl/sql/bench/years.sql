-- benchmarks/generate_mentions.py: the year histogram of the dated sample articles, as
-- cumulative shares.
create temp table years as
with counts as (
    select year(published) as year, count(*) as n
    from src.articles where published is not null group by 1
)
select year,
    (sum(n) over (order by year) - n) / sum(n) over () as lo,
    sum(n) over (order by year) / sum(n) over () as hi
from counts
