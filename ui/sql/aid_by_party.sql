-- aid_by_party: aid packages summed per donor (or recipient, $by = 'recipient') and furthest
-- stage, in DuckDB: each package counted once, at its furthest stage (a package requested,
-- passed and signed is one row of aid_packages, never four), its parts inside it, stated
-- totals and rates never added (they are in no package). Params as aid_rows, plus $by.
--   party       the donor (recipient); null when the articles name none: `named` is false
--               and the pages show it apart from the named parties, never in a ranking;
--   usd         committed, USD; delivered_usd: delivered so far of those packages;
--   commitments the packages counted (the name the slides read); totals 0 (no stated total
--               is ever added); sources: articles behind them;
--   originals   the committed amounts per original currency;
--   unconverted packages without a USD amount (no ECB rate for the currency): in the table,
--               not in the sums;
--   verified_*, low_*  the part of usd, delivered_usd and commitments an analyst verified or
--               corrected ($reviewed_states), and the part nobody reviewed whose confidence is
--               under $low_confidence (both bound from ui/trust.py): the bars' trust segments.

with

filtered as (
    select
        *,
        case when $by = 'recipient' then recipient else donor end as party,
        coalesce(list_contains($reviewed_states, review_state), false) as is_verified,
        not coalesce(list_contains($reviewed_states, review_state), false)
            and coalesce(confidence < $low_confidence, false) as is_low
    from aid_packages
    where ui_aid_kept($aid_statuses, $country_names, $outlets, $date_from, $date_to, stage,
        donor, recipient, day_lo, day_hi, outlets)
        and ui_reviewed($verified_only, review_state)
),

per_currency as (
    select party, stage, currency, sum(amount) as amount
    from filtered
    where amount_usd is not null
    group by party, stage, currency
),

originals as (
    select
        party,
        stage,
        list({'currency': currency, 'amount': amount} order by amount desc) as originals
    from per_currency
    group by party, stage
),

sums as (
    select
        party,
        stage,
        sum(amount_usd) as usd,
        sum(delivered_usd) as delivered_usd,
        count(amount_usd) as commitments,
        sum(sources) filter (where amount_usd is not null) as sources,
        count(*) - count(amount_usd) as unconverted,
        sum(amount_usd) filter (where is_verified) as verified_usd,
        sum(delivered_usd) filter (where is_verified) as verified_delivered_usd,
        count(amount_usd) filter (where is_verified) as verified_commitments,
        sum(amount_usd) filter (where is_low) as low_usd,
        sum(delivered_usd) filter (where is_low) as low_delivered_usd,
        count(amount_usd) filter (where is_low) as low_commitments
    from filtered
    group by party, stage
),

final as (
    select
        coalesce(sums.party, case when $by = 'recipient' then 'unnamed recipient'
            else 'unnamed donor' end) as party,
        sums.party is not null as named,
        sums.stage as status,
        sums.usd,
        coalesce(sums.delivered_usd, 0) as delivered_usd,
        sums.commitments,
        0 as totals,
        coalesce(sums.sources, 0) as sources,
        sums.unconverted,
        coalesce(sums.verified_usd, 0) as verified_usd,
        coalesce(sums.verified_delivered_usd, 0) as verified_delivered_usd,
        sums.verified_commitments,
        coalesce(sums.low_usd, 0) as low_usd,
        coalesce(sums.low_delivered_usd, 0) as low_delivered_usd,
        sums.low_commitments,
        originals.originals
    from sums
    left join originals
        on originals.party is not distinct from sums.party
        and originals.stage = sums.stage
)

select * from final
where usd > 0 or unconverted > 0
order by party, status
