-- aid_by_party: aid in USD per donor (or recipient, $by = 'recipient') and status, summed in
-- DuckDB, with the original amounts per currency. Params as aid_rows, plus $by.
-- Each aid row is one commitment (etl/events.py merges the reports of the same commitment),
-- so summing rows counts each commitment once. Rows without a USD amount (no ECB rate for
-- the currency) are left out of the sums and counted in `unconverted`.

with

aid as (
    select
        *,
        coalesce(ui_lo(date), fx_date) as day_lo,
        coalesce(ui_hi(date), fx_date) as day_hi
    from aid
),

from_outlets as (
    select distinct event_mentions.event_id
    from event_mentions
    join articles on articles.id = event_mentions.article_id
    where event_mentions.event_type = 'aid' and list_contains($outlets, articles.source)
),

filtered as (
    select
        *,
        case when $by = 'recipient' then coalesce(recipient, 'unnamed recipient')
            else coalesce(donor, 'unnamed donor') end as party
    from aid
    where ui_picked($aid_statuses, status)
        and (
            len($country_names) = 0
            or list_contains($country_names, donor)
            or list_contains($country_names, recipient)
        )
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and (len($outlets) = 0 or aid_id in (select event_id from from_outlets))
),

per_currency as (
    select party, status, currency, sum(amount) as amount
    from filtered
    where amount_usd is not null
    group by party, status, currency
),

originals as (
    select
        party,
        status,
        list({'currency': currency, 'amount': amount} order by amount desc) as originals
    from per_currency
    group by party, status
),

sums as (
    select
        party,
        status,
        sum(amount_usd) as usd,
        count(amount_usd) as commitments,
        sum(sources) filter (where amount_usd is not null) as sources,
        count(*) - count(amount_usd) as unconverted
    from filtered
    group by party, status
),

final as (
    select sums.*, originals.originals
    from sums
    left join originals using (party, status)
)

select * from final
order by party, status
