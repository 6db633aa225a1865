-- aid_rows: aid packages after the filters, one row each (a package is one commitment
-- followed through its stages, its parts inside: etl/sql/marts/aid_packages.sql), largest
-- first, at most $cap: the marks of the time view and the packages of the slide, with only
-- the columns they read; the table lists them a page at a time with their stage history and
-- sentences (aid_page.sql). Params: $aid_statuses (furthest stages), $country_names,
-- $outlets (lists, empty = all; a country matches donor or recipient by name); $date_from
-- $date_to (a package is in the window when any of its reports is); $verified_only (the
-- package's review_state: etl/sql/post/package_trust.sql); $by ('donor' or 'recipient': the
-- party the page groups by); $cap.
--   usd, delivered_usd   committed and delivered so far, USD at the rate of the figure's date;
--   status               the furthest stage (the stage filter reads it: each package is in
--                        exactly one stage, so no stage choice counts one twice);
--   total_rows           every package that passes the filters; named_rows those of them
--                        whose $by party the articles name (the bars' and the first table's);
--   articles_total       the articles behind the packages that pass the filters (the bars
--                        sum every one of them).

with

filtered as (
    select
        package_id, donor, recipient, amount, currency, amount_usd, delivered_usd, aid_type,
        stage, date, date_precision, day_lo, day_hi, stage_day, sources, confidence,
        review_state, reviewed_by, article_ids
    from aid_packages
    where ui_aid_kept($aid_statuses, $country_names, $outlets, $date_from, $date_to, stage,
        donor, recipient, day_lo, day_hi, outlets)
        and ui_reviewed($verified_only, review_state)
),

counts as (
    select
        count(*) as total_rows,
        count(*) filter (
            where (case when $by = 'recipient' then recipient else donor end) is not null
        ) as named_rows
    from filtered
),

totals as (
    select
        counts.total_rows,
        counts.named_rows,
        (select count(distinct article_id) from (
            select unnest(article_ids) as article_id from filtered
        )) as articles_total
    from counts
)

select
    filtered.package_id,
    filtered.donor,
    filtered.recipient,
    filtered.amount,
    filtered.currency,
    filtered.amount_usd as usd,
    filtered.delivered_usd,
    filtered.aid_type,
    filtered.stage as status,
    cast(filtered.date as varchar) as date,
    filtered.date_precision,
    false as is_total,
    filtered.day_lo,
    filtered.day_hi,
    filtered.stage_day,
    filtered.sources,
    filtered.confidence,
    filtered.review_state,
    filtered.reviewed_by,
    totals.total_rows,
    totals.named_rows,
    totals.articles_total
from filtered
cross join totals
order by usd desc nulls last, filtered.day_lo, filtered.package_id
limit $cap
