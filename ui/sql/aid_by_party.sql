-- aid_by_party: aid in USD per donor (or recipient, $by = 'recipient') and status, summed in
-- DuckDB, with the original amounts per currency. Params as aid_rows, plus $by.
-- No running total is added to its parts (etl/sql/marts/aid.sql): per donor, recipient and
-- status, take the parts added up or the largest stated total (is_total), whichever is
-- bigger, and only then add up per donor (or recipient). The original amounts follow the
-- same rule per currency. Rows without a USD amount (no ECB rate for the currency) are left
-- out of the sums and counted in `unconverted`.

with

filtered as (
    select
        *,
        coalesce(is_total, false) as stated_total,
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
        and ui_any($outlets, outlets)
        and ui_reviewed($verified_only, review_state)
),

per_pair as (
    select
        party,
        status,
        greatest(
            coalesce(sum(amount_usd) filter (where not stated_total), 0),
            coalesce(max(amount_usd) filter (where stated_total), 0)
        ) as usd,
        count(amount_usd) filter (where not stated_total) as commitments,
        count(amount_usd) filter (where stated_total) as totals,
        sum(sources) filter (where amount_usd is not null) as sources,
        count(*) - count(amount_usd) as unconverted
    from filtered
    group by party, coalesce(donor, ''), coalesce(recipient, ''), status
),

per_currency as (
    select
        party,
        status,
        currency,
        greatest(
            coalesce(sum(amount) filter (where not stated_total), 0),
            coalesce(max(amount) filter (where stated_total), 0)
        ) as amount
    from filtered
    where amount_usd is not null
    group by party, coalesce(donor, ''), coalesce(recipient, ''), status, currency
),

originals as (
    select
        party,
        status,
        list({'currency': currency, 'amount': amount} order by amount desc) as originals
    from (
        select party, status, currency, sum(amount) as amount
        from per_currency
        group by party, status, currency
    )
    group by party, status
),

sums as (
    select
        party,
        status,
        sum(usd) as usd,
        sum(commitments) as commitments,
        sum(totals) as totals,
        sum(sources) as sources,
        sum(unconverted) as unconverted
    from per_pair
    group by party, status
),

final as (
    select sums.*, originals.originals
    from sums
    left join originals using (party, status)
)

select * from final
where usd > 0 or unconverted > 0
order by party, status
