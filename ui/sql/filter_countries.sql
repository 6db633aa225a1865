-- filter_countries: ISO alpha-2 codes of the countries with a stop or a meeting, busiest first.
with

codes as (
    select country from stops
    union all
    select country from meetings
)

select country, count(*) as events
from codes
where country is not null
group by country
order by events desc, country
