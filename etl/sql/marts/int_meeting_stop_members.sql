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

not_doubled as (
    select abroad.*
    from abroad
    where not exists (
        select 1
        from visit_stops
        where visit_stops.actor = abroad.actor
            -- implied by either branch below; lets the join hash on (actor, country)
            and visit_stops.country = abroad.country
            and (
                visit_stops.place_key = abroad.place_key
                or (visit_stops.place_kind = 'country' and visit_stops.country = abroad.country)
            )
            and (
                dates_compatible(visit_stops.date, abroad.date)
                or (
                    (visit_stops.date is null or abroad.date is null)
                    and abs(date_diff('day', visit_stops.sort_date, abroad.sort_date)) <= 6
                )
            )
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
