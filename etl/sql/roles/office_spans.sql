-- Per person and office: the days of its observations and how often it was seen, for
-- telling two spellings of one office-holder from two holders.
select name, office, country, min(day) as first_day, max(day) as last_day, count(*) as seen
from role_observations
where day is not null
group by name, office, country
order by office, country, name
