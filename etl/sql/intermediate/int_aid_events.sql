-- int_aid_events: one row per aid commitment, before currency conversion. etl/resolve.py
-- reads the distinct (currency, fx_day) pairs from here to fetch the ECB rates (stg_fx).
-- The latest report (publication date, then the later stage, then text order) gives the
-- status, amount and qualifier; aid_type is the latest specific one ('unspecified' only if
-- no report names a type); is_total if any report states the figure as a total.
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

joined as (
    select
        members.aid_id,
        members.date as aid_date,
        mentions.*
    from members
    inner join mentions using (mention_id)
),

final as (
    select
        aid_id,
        any_value(donor) as donor,
        any_value(recipient) as recipient,
        first(amount order by published desc nulls last, aid_stage(status) desc,
            evidence_start desc, mention_id desc) as amount,
        any_value(currency) as currency,
        coalesce(
            first(aid_type order by published desc nulls last, evidence_start desc,
                mention_id desc) filter (where aid_type <> 'unspecified'),
            'unspecified'
        ) as aid_type,
        first(status order by published desc nulls last, aid_stage(status) desc,
            evidence_start desc, mention_id desc) as status,
        any_value(aid_date) as date,
        period_precision(any_value(aid_date)) as date_precision,
        first(qualifier order by published desc nulls last, aid_stage(status) desc,
            evidence_start desc, mention_id desc) as qualifier,
        bool_or(is_total) as is_total,
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
)

select * from final
