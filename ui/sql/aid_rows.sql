-- aid_rows: aid commitments after the filters, one row each, with the latest sentence behind
-- it; for the table and the time view. Params: $aid_statuses $country_names $outlets (lists,
-- empty = all; a country matches donor or recipient by name); $date_from $date_to;
-- $verified_only; $cap.
-- An undated commitment is placed at its FX date (the day its amount was converted).

with

filtered as (
    select *
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

totals as (
    select
        (select count(*) from filtered) as total_rows,
        (select count(distinct article_id) from (
            select unnest(article_ids) as article_id from filtered
        )) as articles_total
),

final as (
    select
        filtered.aid_id,
        filtered.donor,
        filtered.recipient,
        filtered.amount,
        filtered.currency,
        filtered.amount_usd as usd,
        filtered.fx_rate,
        filtered.fx_date,
        filtered.aid_type,
        filtered.status,
        cast(filtered.date as varchar) as date,
        filtered.date_precision,
        coalesce(filtered.is_total, false) as is_total,
        filtered.day_lo,
        filtered.sources,
        filtered.evidence,
        greatest(filtered.evidence_count - 1, 0) as evidence_more,
        filtered.confidence,
        filtered.review_state,
        filtered.reviewed_by,
        totals.total_rows,
        totals.articles_total
    from filtered
    cross join totals
)

select * from final
order by usd desc nulls last, day_lo, aid_id
limit $cap
