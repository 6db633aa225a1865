-- legs: consecutive stops of one person's trip, in route order (stops.actor_seq), the
-- departure point included (it is the trip's first stop). What the map draws as arcs.
--
-- A trip is a run of stops in route order that
--   * starts over after a gap of more than 10 days between consecutive stops (sort_date,
--     days). Reason: a foreign-minister or leader tour is one to two weeks with stops a day or
--     two apart (Kerry's nine-nation first tour, 2013, and Trump's first trip abroad, 2017,
--     both took 9-11 days); 10 days without a reported stop almost always means the person
--     went home unreported, while a shorter window would split tours whose middle stops the
--     articles skip;
--   * ends at a return home: a stop in the country of the role the person holds on that day
--     (roles.csv) that comes after a stop abroad in the same run. The next stop starts a new
--     trip; if it comes within the 10 days, the home stop is that trip's departure point too
--     (its first leg starts there). A home stop before any stop abroad is the departure
--     point, not a return.
-- Stops without any date to order them by (sort_date null) are trips of their own: no legs.
-- Consecutive stops at the same place are one point of the route (a stay reported on two
-- days): the first of them is kept, so a trip's legs chain from_stop -> to_stop without gaps.
--
-- status = the weaker end: occurred only when both ends occurred; cancelled if either end
-- was cancelled; else planned beats possible. date = the arrival stop's date (its
-- date_precision beside it); sort_date = the arrival's ordering day (DATE).
-- Key: (trip_id, seq); trip_id is stable: a hash of the person and the trip's first stop.

with

stops as (
    select * from stops
),

roles as (
    select * from ref_roles
),

homes as (
    select
        stops.stop_id,
        first(roles.country order by
            (stops.sort_date between coalesce(roles."from", date '0001-01-01')
                and coalesce(roles."to", date '9999-12-31')) desc,
            roles."from" desc nulls last) as home_country
    from stops
    inner join roles on roles.name = stops.actor
    group by stops.stop_id
),

ordered as (
    select
        stops.*,
        coalesce(stops.country = homes.home_country, false) as is_home,
        date_diff('day', lag(stops.sort_date) over by_actor, stops.sort_date) as gap_days
    from stops
    left join homes using (stop_id)
    window by_actor as (partition by stops.actor order by stops.actor_seq)
),

runs as (
    select
        ordered.*,
        (gap_days is null or gap_days > 10) as starts_run,
        sum(case when gap_days is null or gap_days > 10 then 1 else 0 end)
            over (partition by actor order by actor_seq) as run_n
    from ordered
),

returns as (
    select
        runs.*,
        is_home and not coalesce(
            lag(is_home) over (partition by actor, run_n order by actor_seq), true
        ) as is_return
    from runs
),

trip_starts as (
    select
        returns.*,
        starts_run or coalesce(
            lag(is_return) over (partition by actor order by actor_seq), false
        ) as starts_trip
    from returns
),

trips as (
    select
        trip_starts.*,
        sum(case when starts_trip then 1 else 0 end)
            over (partition by actor order by actor_seq) as trip_n
    from trip_starts
),

with_trip_id as (
    select
        trips.*,
        short_id('trip|' || actor || '|' || first_value(stop_id) over (
            partition by actor, trip_n order by actor_seq
        )) as trip_id
    from trips
),

-- a stay reported as two stops at the same place in a row is one point of the route: keep
-- the first, so every leg starts where the one before it ended
deduplicated as (
    select *
    from (
        select
            with_trip_id.*,
            lag(place_key) over (partition by trip_id order by actor_seq) as previous_key
        from with_trip_id
    ) as keyed
    where previous_key is distinct from place_key
),

-- each stop with the stop that follows it on the person's route
followed as (
    select
        deduplicated.*,
        lead(stop_id) over by_actor as next_stop_id,
        lead(trip_id) over by_actor as next_trip_id,
        lead(starts_run) over by_actor as next_starts_run,
        lead(place_key) over by_actor as next_place_key,
        lead(place) over by_actor as next_place,
        lead(country) over by_actor as next_country,
        lead(place_kind) over by_actor as next_kind,
        lead(lat) over by_actor as next_lat,
        lead(lon) over by_actor as next_lon,
        lead(status) over by_actor as next_status,
        lead(date) over by_actor as next_date,
        lead(date_precision) over by_actor as next_date_precision,
        lead(sort_date) over by_actor as next_sort_date
    from deduplicated
    window by_actor as (partition by actor order by actor_seq)
),

-- legs inside a trip, and the leg out of a return home when the next trip follows within
-- the window: home is then also that trip's departure point (the person left from home
-- again); it belongs to the next trip
pairs as (
    select
        followed.*,
        case when next_trip_id = trip_id then trip_id else next_trip_id end as leg_trip_id
    from followed
    where next_stop_id is not null
        and (
            next_trip_id = trip_id
            or (is_return and not next_starts_run and next_place_key is distinct from place_key)
        )
),

final as (
    select
        actor,
        leg_trip_id as trip_id,
        row_number() over (partition by leg_trip_id order by actor_seq)::integer as seq,
        place as from_place,
        next_place as to_place,
        lat as from_lat,
        lon as from_lon,
        next_lat as to_lat,
        next_lon as to_lon,
        coalesce(next_date, date) as date,
        case when next_date is not null then next_date_precision
            else period_precision(date) end as date_precision,
        status_of_strength(least(status_strength(status), status_strength(next_status)))
            as status,
        stop_id as from_stop_id,
        next_stop_id as to_stop_id,
        country as from_country,
        next_country as to_country,
        place_kind as from_kind,
        next_kind as to_kind,
        next_sort_date as sort_date
    from pairs
)

select * from final
