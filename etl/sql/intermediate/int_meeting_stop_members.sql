-- int_meeting_stop_members: stops implied by meetings. One row per (stop, meeting) pair.
-- Each named participant of a meeting held in a named city is present there. Such a presence
-- becomes a stop of its own (origin 'meeting' in stops) unless:
--   * the participant is at home: the meeting's country is the country of the role they
--     hold on that day (roles.csv), and a person at home is not on a trip (FACTS.md);
--   * a visit already gives it: a visit stop of the same person at the same city (or a
--     country-level visit to that country) on a compatible date, or, when either is undated,
--     placed within 6 days of it.
-- Meetings known only by country are not used: the capital is a guess, a stop on a route
-- must be a stated place.

with

meetings as (
    select * from meetings
    where place_kind = 'city'
),

visit_stops as (
    select * from int_visit_stops
),

roles as (
    select * from ref_roles
),

present as (
    select
        meeting_id,
        unnest(participants) as actor,
        place_key,
        country,
        date,
        sort_date
    from meetings
),

homes as (
    select
        present.meeting_id,
        present.actor,
        first(roles.country order by
            (present.sort_date between coalesce(roles."from", date '0001-01-01')
                and coalesce(roles."to", date '9999-12-31')) desc,
            roles."from" desc nulls last) as home_country
    from present
    inner join roles on roles.name = present.actor
    group by present.meeting_id, present.actor
),

abroad as (
    select present.*
    from present
    left join homes using (meeting_id, actor)
    where homes.home_country is null or homes.home_country <> present.country
),

-- presences a visit stop already gives, found by equality (compatible dates through the
-- periods containing each date; undated through week buckets of sort_date), then tested
-- exactly as the rule above says
visit_places as (
    select actor, country, place_key, place_kind, date, sort_date
    from visit_stops
    where place_kind = 'country' or place_key is not null
),

doubled as (
    -- the visit's date contains the meeting's
    select abroad.meeting_id, abroad.actor
    from (select *, unnest(date_prefixes(date)) as period from abroad) as abroad
    inner join visit_places
        on visit_places.actor = abroad.actor
        and visit_places.country = abroad.country
        and visit_places.date = abroad.period
    where visit_places.place_key = abroad.place_key or visit_places.place_kind = 'country'
    union
    -- the meeting's date contains the visit's
    select abroad.meeting_id, abroad.actor
    from abroad
    inner join (
        select *, unnest(date_prefixes(date)) as period from visit_places
    ) as visit_places
        on visit_places.actor = abroad.actor
        and visit_places.country = abroad.country
        and visit_places.period = abroad.date
    where visit_places.place_key = abroad.place_key or visit_places.place_kind = 'country'
    union
    -- either undated: placed within 6 days of each other
    select abroad.meeting_id, abroad.actor
    from (
        select *, unnest([week - 1, week, week + 1]) as near_week
        from (
            select *, date_diff('day', date '2000-01-03', sort_date) // 7 as week
            from abroad
            where sort_date is not null
        )
    ) as abroad
    inner join (
        select *, date_diff('day', date '2000-01-03', sort_date) // 7 as week
        from visit_places
        where sort_date is not null
    ) as visit_places
        on visit_places.actor = abroad.actor
        and visit_places.country = abroad.country
        and visit_places.week = abroad.near_week
    where (visit_places.place_key = abroad.place_key or visit_places.place_kind = 'country')
        and (visit_places.date is null or abroad.date is null)
        and abs(date_diff('day', visit_places.sort_date, abroad.sort_date)) <= 6
),

not_doubled as (
    select abroad.*
    from abroad
    where not exists (
        select 1
        from doubled
        where doubled.meeting_id = abroad.meeting_id
            and doubled.actor = abroad.actor
    )
),

final as (
    select
        short_id(
            'stop|meeting|' || actor || '|' || place_key || '|'
            || coalesce(date, 'meeting:' || meeting_id)
        ) as stop_id,
        meeting_id,
        actor
    from not_doubled
)

select * from final
