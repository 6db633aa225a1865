-- aid_rows: aid packages after the filters, one row each (a package is one commitment
-- followed through its stages, its parts inside: etl/sql/marts/aid_packages.sql), with its
-- stage history and the latest sentence behind it; for the table and the time view.
-- Params: $aid_statuses (furthest stages), $country_names, $outlets (lists, empty = all; a
-- country matches donor or recipient by name); $date_from $date_to (a package is in the
-- window when any of its reports is); $verified_only (the package's review_state:
-- etl/sql/post/package_trust.sql); $cap.
--   usd, delivered_usd   committed and delivered so far, USD at the rate of the figure's date;
--   status               the furthest stage (the stage filter reads it: each package is in
--                        exactly one stage, so no stage choice counts one twice);
--   history              the stages it went through, in order, with their days;
--   parts_text           its parts: how many, how much of them delivered.
-- history, part_count and parts_paid are columns of the mart, worked out by the build
-- (etl/sql/post/package_histories.sql).

with

filtered as (
    select *
    from aid_packages
    where ui_aid_kept($aid_statuses, $country_names, $outlets, $date_from, $date_to, stage,
        donor, recipient, day_lo, day_hi, outlets)
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
        filtered.package_id,
        filtered.donor,
        filtered.recipient,
        filtered.amount,
        filtered.currency,
        filtered.amount_usd as usd,
        filtered.delivered,
        filtered.delivered_usd,
        filtered.fx_rate,
        filtered.fx_date,
        filtered.aid_type,
        filtered.stage as status,
        cast(filtered.date as varchar) as date,
        filtered.date_precision,
        false as is_total,
        filtered.day_lo,
        filtered.day_hi,
        filtered.stage_day,
        filtered.reports,
        filtered.parts,
        filtered.sources,
        filtered.history,
        filtered.part_count,
        filtered.parts_paid,
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
order by usd desc nulls last, day_lo, package_id
limit $cap
