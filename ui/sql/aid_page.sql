-- aid_page: one page of an aid table: the packages aid_rows selects whose $by party is named
-- ($named true: the table under the bars) or not ($named false: the packages of an unnamed
-- party, for review), largest first as aid_rows orders them, $offset skipped and the next
-- $limit listed with their stage history, parts and the latest sentence behind each; no
-- other package's sentences are read. Params as aid_rows, $named, $limit and $offset
-- instead of the cap. total_rows: the packages of this table under the filters.
-- The order is the mart's size_rank (etl/sql/post/page_ranks.sql), aid_rows' order as one
-- integer.

with

filtered as (
    select size_rank
    from aid_packages
    where ui_aid_kept($aid_statuses, $country_names, $outlets, $date_from, $date_to, stage,
        donor, recipient, day_lo, day_hi, outlets)
        and ui_reviewed($verified_only, review_state)
        and ((case when $by = 'recipient' then recipient else donor end) is not null) = $named
),

page as (
    select size_rank
    from filtered
    order by size_rank
    limit $limit offset $offset
)

select
    p.package_id,
    p.donor,
    p.recipient,
    p.amount,
    p.currency,
    p.amount_usd as usd,
    p.delivered,
    p.delivered_usd,
    p.fx_rate,
    p.fx_date,
    p.aid_type,
    p.stage as status,
    cast(p.date as varchar) as date,
    p.date_precision,
    p.day_lo,
    p.sources,
    p.history,
    p.part_count,
    p.parts_paid,
    p.evidence,
    greatest(p.evidence_count - 1, 0) as evidence_more,
    p.confidence,
    p.review_state,
    p.reviewed_by,
    (select count(*) from filtered) as total_rows
from aid_packages p
semi join page on page.size_rank = p.size_rank
order by p.size_rank
