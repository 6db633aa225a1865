-- stg_places: the geocoded pairs (registered as _stg_places_arrow by etl/resolve.py) with
-- the merge key of a place: a city by name and country, a country-level guess by country
-- alone (every 'Britain' without a city is the same point).
create or replace temp table stg_places as
select
    *,
    case
        when kind = 'city' then 'city:' || name || ':' || coalesce(country, '')
        when kind = 'country' then 'country:' || country
    end as place_key
from _stg_places_arrow
