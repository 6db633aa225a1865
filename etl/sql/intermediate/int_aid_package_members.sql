-- int_aid_package_members: every aid report (int_aid_events) with the package it belongs to
-- and what it is there. One row per aid_id.
--   kind 'stage'        a report of the committed figure at one of its stages
--                       (int_aid_package_commitments);
--        'part'         a tranche, instalment or piece inside the package: it can move the
--                       delivered amount, it never adds to the committed one;
--        'restatement'  a stated total that is the package's own figure again ("the fifth
--                       tranche of aid, the total amount of which is EUR 18 billion");
--        'total'        a running or overall total that is no package's figure: kept,
--                       shown apart, never added (package_id null);
--        'rate'         "EUR 1.5 billion a month": a flow, never added (package_id null).
-- A part goes to the package its sentence names (container_aid_id), else to the package of
-- the same parties and currency at least as large, whose window holds the part (from a
-- month before the package's first report to three years after its last: programmes pay
-- out over years), the nearest in time. Parts are taken in date order, and one that would
-- take the package's parts of its kind (delivered, or not yet) past the committed figure
-- (2.5 % tolerance, int_aid_package_commitments) is not that package's: it is a package of
-- its own, as is a part no package fits, so money reported as paid is never lost.
-- A total joins the package whose figure it matches (2.5 %), the nearest in time within a
-- year of its reports; otherwise it stays a total.

with

events as (
    select * from int_aid_events
),

commitments as (
    select * from int_aid_package_commitments
),

reports as (
    select
        events.aid_id,
        events.amount,
        events.role,
        events.container_aid_id,
        events.day_lo,
        events.day_hi,
        events.status = 'delivered' as delivered,
        coalesce(events.donor, '') || '|' || coalesce(events.recipient, '') || '|'
            || events.currency as party_key
    from events
),

packages as (
    select
        commitments.package_id,
        min(reports.amount) as amount_lo,
        max(reports.amount) as amount_hi,
        max(reports.amount) filter (where commitments.is_figure) as figure,
        min(reports.day_lo) as first_day,
        max(coalesce(reports.day_hi, reports.day_lo)) as last_day
    from commitments
    inner join reports using (aid_id)
    group by commitments.package_id
),

-- the parties under which a package is known: those of each of its commitments (a package
-- an unnamed donor's report joined is found under both)
package_keys as (
    select distinct commitments.package_id, reports.party_key
    from commitments
    inner join reports using (aid_id)
),

parts as (
    select reports.*
    from reports
    where role = 'part'
        or (role = 'commitment' and aid_id not in (select aid_id from commitments))
),

-- the package of a part's container: the container's own, or its container's (a part of a
-- part: "backed EUR 6 bn out of that sum, ... received EUR 1 bn")
container_packages as (
    select parts.aid_id, coalesce(direct.package_id, indirect.package_id) as package_id
    from parts
    left join commitments as direct on direct.aid_id = parts.container_aid_id
    left join reports as container on container.aid_id = parts.container_aid_id
    left join commitments as indirect on indirect.aid_id = container.container_aid_id
    where parts.container_aid_id is not null
),

part_matches as (
    -- the package its sentence names
    select parts.aid_id, container_packages.package_id, true as named
    from parts
    inner join container_packages using (aid_id)
    where container_packages.package_id is not null
    union all
    -- a package of the same parties, large enough, whose window holds the part
    select parts.aid_id, packages.package_id, false as named
    from parts
    inner join package_keys on package_keys.party_key = parts.party_key
    inner join packages using (package_id)
    where parts.amount <= packages.amount_hi * 1.025
        and (parts.day_lo is null or parts.day_lo between packages.first_day - 31
            and packages.last_day + 1100)
),

part_candidates as (
    select
        parts.aid_id,
        parts.amount,
        parts.delivered,
        parts.day_lo,
        packages.package_id,
        packages.figure,
        row_number() over (
            partition by parts.aid_id
            order by part_matches.named desc,
                abs(date_diff('day', packages.first_day, parts.day_lo)) nulls last,
                packages.package_id
        ) as choice
    from parts
    inner join part_matches using (aid_id)
    inner join packages using (package_id)
),

part_sums as (
    select
        part_candidates.*,
        sum(amount) over (
            partition by package_id, delivered
            order by day_lo nulls last, aid_id
            rows between unbounded preceding and current row
        ) as running
    from part_candidates
    where choice = 1
),

placed_parts as (
    select aid_id, package_id
    from part_sums
    where running <= figure * 1.025
),

totals as (
    select reports.*
    from reports
    where role = 'total'
),

total_matches as (
    select
        totals.aid_id,
        packages.package_id,
        row_number() over (
            partition by totals.aid_id
            order by abs(date_diff('day', packages.first_day, totals.day_lo)) nulls last,
                packages.package_id
        ) as choice
    from totals
    inner join package_keys on package_keys.party_key = totals.party_key
    inner join packages using (package_id)
    where totals.amount between packages.figure / 1.025 and packages.figure * 1.025
        and (totals.day_lo is null or totals.day_lo between packages.first_day - 366
            and packages.last_day + 366)
),

final as (
    select
        reports.aid_id,
        case
            when commitments.package_id is not null then commitments.package_id
            when placed_parts.package_id is not null then placed_parts.package_id
            when total_matches.package_id is not null then total_matches.package_id
            when reports.aid_id in (select aid_id from parts)
                then short_id('package|part|' || reports.aid_id)
        end as package_id,
        case
            when commitments.package_id is not null then 'stage'
            when placed_parts.package_id is not null then 'part'
            when total_matches.package_id is not null then 'restatement'
            when reports.aid_id in (select aid_id from parts) then 'stage'
            else reports.role
        end as kind
    from reports
    left join commitments using (aid_id)
    left join placed_parts using (aid_id)
    left join total_matches
        on total_matches.aid_id = reports.aid_id
        and total_matches.choice = 1
)

select * from final
