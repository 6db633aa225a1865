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
--                        sum every one of them), counted over their article numbers.
-- The order is the mart's size_rank (etl/sql/post/page_ranks.sql): amount_usd descending
-- (unconverted last), then day_lo, package_id, as one integer; the packages are cut on it
-- before their other columns are read.

with

-- read by the counts and the cut, each taking only the columns it needs
filtered as not materialized (
    select size_rank, donor, recipient, article_nos
    from aid_packages
    where ui_aid_kept($aid_statuses, $country_names, $outlets, $date_from, $date_to, stage,
        donor, recipient, day_lo, day_hi, outlets)
        and ui_reviewed($verified_only, review_state)
),

totals as (
    select
        count(*) as total_rows,
        count(*) filter (
            where (case when $by = 'recipient' then recipient else donor end) is not null
        ) as named_rows,
        (select count(distinct article_no) from (
            select unnest(article_nos) as article_no from filtered
        )) as articles_total
    from filtered
),

cut as materialized (
    select size_rank
    from filtered
    order by size_rank
    limit $cap
),

shown as (
    select
        package_id, donor, recipient, amount, currency, amount_usd, delivered_usd, aid_type,
        stage, date, date_precision, day_lo, day_hi, stage_day, sources, confidence,
        review_state, reviewed_by, size_rank
    from aid_packages
    semi join cut using (size_rank)
)

select
    shown.package_id,
    shown.donor,
    shown.recipient,
    shown.amount,
    shown.currency,
    shown.amount_usd as usd,
    shown.delivered_usd,
    shown.aid_type,
    shown.stage as status,
    cast(shown.date as varchar) as date,
    shown.date_precision,
    false as is_total,
    shown.day_lo,
    shown.day_hi,
    shown.stage_day,
    shown.sources,
    shown.confidence,
    shown.review_state,
    shown.reviewed_by,
    totals.total_rows,
    totals.named_rows,
    totals.articles_total
from shown
cross join totals
order by shown.size_rank
