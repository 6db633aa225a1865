-- aid_apart: the aid figures that are in no package, after the filters: stated totals
-- ("brings the total to", "since the start of the war") and rates ("EUR 1.5 bn a month").
-- They are listed for the reader and never added to a bar or a headline. Params as aid_rows.

select
    aid_id,
    donor,
    recipient,
    amount,
    currency,
    amount_usd as usd,
    kind,
    status,
    cast(date as varchar) as date,
    date_precision,
    day_lo,
    sources,
    evidence
from aid
where package_id is null
    and ui_aid_kept($aid_statuses, $country_names, $outlets, $date_from, $date_to, status,
        donor, recipient, day_lo, day_hi, outlets)
    and ui_reviewed($verified_only, review_state)
order by usd desc nulls last, day_lo, aid_id
limit $cap
