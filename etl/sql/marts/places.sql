-- places: every place the routes and meetings draw, one row per place_key.
--   kind 'city': a stated city, at its own coordinates (GeoNames through etl/places.py);
--   kind 'country': only the country is known, drawn at its capital (lat/lon degrees, WGS84).

with

stops as (
    select place, country, lat, lon, place_kind, place_key from stops
),

meetings as (
    select place, country, lat, lon, place_kind, place_key from meetings
),

referenced as (
    select * from stops
    union all
    select * from meetings
),

final as (
    select
        place_key,
        any_value(place) as name,
        any_value(country) as country,
        any_value(lat) as lat,
        any_value(lon) as lon,
        any_value(place_kind) as kind
    from referenced
    where place_key is not null
    group by place_key
)

select * from final
