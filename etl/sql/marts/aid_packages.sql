-- aid_packages: one row per aid package: one commitment followed through its stages, with
-- its parts inside (int_aid_package_commitments, int_aid_package_members). What the aid
-- charts and headlines add up: each package once, at its furthest stage.
--   donor, recipient   the named party when any report names it; null = not named (shown
--                      apart from the named parties, never ranked among them);
--   amount, currency   the committed figure (units of currency): the report at the highest
--                      stage reached, given by most articles, then the latest reported, then
--                      the largest (figure_aid_id);
--   amount_usd         amount * fx_rate (USD); null without an ECB rate (UAH, for one);
--   fx_rate, fx_date   the rate of the figure's report (etl/sql/marts/aid.sql); the delivered
--                      amount is converted at the same rate, so it never exceeds the committed;
--   stage              the furthest stage: 'delivered' when any of it was paid (delivered
--                      says how much), else the committed tier ('authorized' when a
--                      legislature or board passed it, else 'pledged', else 'announced'), else
--                      'proposed', else 'requested';
--   delivered          what its delivered parts add up to (or the whole, when a report says
--                      the whole was given), at most the committed figure; delivered_usd;
--   reports, parts     how many reports of the figure (stages and restatements) and parts;
--   first_day, stage_day, last_day  DATE: the first report's day, the day the furthest stage
--                      was first reported at, the last report's day (undated reports count at
--                      their FX day);
--   sources            distinct articles behind any of its reports; first/last_reported their
--                      publication dates.

with

events as (
    select * from int_aid_events
),

members as (
    select * from int_aid_package_members
),

fx as (
    select * from stg_fx
),

report_mentions as (
    select * from int_aid_members
),

mentions as (
    select mention_id, article_id, published from int_aid_mentions
),

reports as (
    select
        members.package_id,
        members.kind,
        events.*,
        usd_rate(events.currency, fx.fx_rate) as fx_rate,
        fx.fx_date,
        aid_tier(events.status) as tier
    from members
    inner join events using (aid_id)
    left join fx
        on events.currency = fx.currency
        and events.fx_day = fx.fx_day
    where members.package_id is not null
),

figures as (
    select *
    from reports
    where kind in ('stage', 'restatement')
    qualify row_number() over (
        partition by package_id
        order by tier desc, sources desc, last_reported desc nulls last, amount desc, aid_id
    ) = 1
),

summaries as (
    select
        package_id,
        -- the parties its figure's reports name (a part may name others: extraction reads
        -- each sentence on its own)
        any_value(donor) filter (where donor is not null and kind <> 'part') as donor,
        any_value(recipient) filter (where recipient is not null and kind <> 'part')
            as recipient,
        max(tier) filter (where kind <> 'part') as top_tier,
        bool_or(kind <> 'part' and status = 'delivered') as whole_delivered,
        sum(amount) filter (where kind = 'part' and status = 'delivered') as parts_delivered,
        bool_or(kind = 'part' and status = 'delivered') as part_delivered,
        count(*) filter (where kind <> 'part')::integer as reports,
        count(*) filter (where kind = 'part')::integer as parts,
        min(day_lo) as first_day,
        max(coalesce(day_hi, day_lo)) as last_day
    from reports
    group by package_id
),

committed_tier as (
    select
        package_id,
        bool_or(status = 'authorized') as authorized,
        bool_or(status = 'pledged') as pledged
    from reports
    where tier = 2 and kind <> 'part'
    group by package_id
),

staged as (
    select
        summaries.*,
        case
            when whole_delivered or part_delivered then 'delivered'
            when top_tier = 2 then case
                when committed_tier.authorized then 'authorized'
                when committed_tier.pledged then 'pledged'
                else 'announced' end
            when top_tier = 1 then 'proposed'
            else 'requested'
        end as stage
    from summaries
    left join committed_tier using (package_id)
),

stage_days as (
    select staged.package_id, min(reports.day_lo) as stage_day
    from staged
    inner join reports
        on reports.package_id = staged.package_id
        and (reports.status = staged.stage
            or (staged.stage = 'delivered' and reports.tier = 3)
            or (staged.top_tier = 2 and staged.stage <> 'delivered' and reports.tier = 2
                and reports.kind <> 'part'))
    group by staged.package_id
),

articles as (
    select
        reports.package_id,
        count(distinct mentions.article_id)::integer as sources,
        min(mentions.published) as first_reported,
        max(mentions.published) as last_reported
    from reports
    inner join report_mentions using (aid_id)
    inner join mentions using (mention_id)
    group by reports.package_id
),

final as (
    select
        staged.package_id,
        staged.donor,
        staged.recipient,
        figures.amount,
        figures.currency,
        figures.amount * figures.fx_rate as amount_usd,
        figures.fx_rate,
        figures.fx_date,
        staged.stage,
        figures.aid_type,
        figures.date,
        figures.date_precision,
        case when staged.whole_delivered then figures.amount
            else least(figures.amount, coalesce(staged.parts_delivered, 0)) end as delivered,
        case when staged.whole_delivered then figures.amount
            else least(figures.amount, coalesce(staged.parts_delivered, 0))
        end * figures.fx_rate as delivered_usd,
        staged.reports,
        staged.parts,
        articles.sources,
        articles.first_reported,
        articles.last_reported,
        staged.first_day,
        stage_days.stage_day,
        staged.last_day,
        figures.aid_id as figure_aid_id
    from staged
    inner join figures using (package_id)
    inner join articles using (package_id)
    left join stage_days using (package_id)
)

select * from final
