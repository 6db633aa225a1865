-- int_aid_events: one row per aid report (one figure at one stage, merged across articles:
-- int_aid_members), before currency conversion. etl/resolve.py reads the distinct
-- (currency, fx_day) pairs from here to fetch the ECB rates (stg_fx).
-- The latest report (publication date, then the later tier, then within the committed tier
-- authorized over pledged over announced, then text order) gives the status, amount and
-- qualifier; aid_type is the latest specific one ('unspecified' only if
-- no report names a type); role is the members' ('part' when any member is one);
-- container_aid_id is the
-- report holding a part when a sentence names it; holds_parts when a sentence says part of
-- this figure; day_lo..day_hi (DATE) the report's period, its FX day when undated.
--
-- fx_day (DATE): the day whose exchange rate converts the amount: the commitment's own day;
-- inside a month or year, the first report published within that period, else the period's
-- first day; undated, the first report's publication date.

with

members as (
    select * from int_aid_members
),

mentions as (
    select * from int_aid_mentions
),

containers as (
    select mention_id as container_id, aid_id as container_aid_id from int_aid_members
),

joined as (
    select
        members.aid_id,
        members.date as aid_date,
        mentions.*,
        containers.container_aid_id
    from members
    inner join mentions using (mention_id)
    left join containers using (container_id)
),

grouped as (
    select
        aid_id,
        any_value(donor) as donor,
        any_value(recipient) as recipient,
        first(amount order by published desc nulls last, aid_tier(status) desc,
            aid_committed_rank(status) desc, evidence_start desc, mention_id desc) as amount,
        any_value(currency) as currency,
        coalesce(
            first(aid_type order by published desc nulls last, evidence_start desc,
                mention_id desc) filter (where aid_type <> 'unspecified'),
            'unspecified'
        ) as aid_type,
        first(status order by published desc nulls last, aid_tier(status) desc,
            aid_committed_rank(status) desc, evidence_start desc, mention_id desc) as status,
        any_value(aid_date) as date,
        period_precision(any_value(aid_date)) as date_precision,
        first(qualifier order by published desc nulls last, aid_tier(status) desc,
            aid_committed_rank(status) desc, evidence_start desc, mention_id desc) as qualifier,
        bool_or(is_total) as is_total,
        -- a figure some article calls a tranche is a part, whatever the others say
        case when bool_or(role = 'part') then 'part' else any_value(role) end as role,
        any_value(container_aid_id) filter (where container_aid_id is not null)
            as container_aid_id,
        bool_or(holds_parts) as holds_parts,
        count(distinct article_id)::integer as sources,
        min(published) as first_reported,
        max(published) as last_reported,
        case period_precision(any_value(aid_date))
            when 'day' then period_start(any_value(aid_date))
            when 'unknown' then min(published)
            else coalesce(
                min(published) filter (
                    where published between period_start(aid_date) and period_end(aid_date)
                ),
                period_start(any_value(aid_date))
            )
        end as fx_day
    from joined
    group by aid_id
),

final as (
    select
        grouped.*,
        coalesce(period_start(date), fx_day) as day_lo,
        coalesce(period_end(date), fx_day) as day_hi
    from grouped
)

select * from final
