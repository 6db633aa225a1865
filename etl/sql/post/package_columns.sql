-- package_columns: what the aid pages filter on and show for every package and stage row,
-- computed once per build (run by etl/events.py post_marts() after event_columns.sql has
-- given the aid reports theirs). Columns added to aid_packages:
--   day_lo, day_hi   DATE: first_day and last_day (a package is in a period when any of its
--                    reports is);
--   evidence         the latest sentence behind the package: that of its last reported
--                    report (ties: the report id);
--   evidence_count   how many sentences are behind it; article_ids, article_nos (the same
--                    articles numbered as event_columns.sql numbers them), outlets: the
--                    distinct articles and sources behind any of its reports; corrected: an
--                    analyst changed or added a mention behind it.
-- and to aid_stages: the same columns of its report (the aid mart's day_lo, day_hi,
-- evidence, evidence_count, article_ids, article_nos, outlets, corrected).

create or replace table aid_packages as

with

-- every report of a package carries its sentences' summary already (event_columns.sql):
-- a package's is that of its reports together
reports as (
    select * from aid where package_id is not null
),

summary as (
    select
        package_id,
        arg_max(evidence, (coalesce(last_reported, date '0001-01-01'), aid_id)) as evidence,
        sum(evidence_count)::integer as evidence_count,
        list_sort(list_distinct(flatten(list(article_ids)))) as article_ids,
        list_sort(list_distinct(flatten(list(article_nos)))) as article_nos,
        list_sort(list_distinct(flatten(list(outlets)))) as outlets,
        bool_or(corrected) as corrected
    from reports
    group by package_id
),

packages as (
    select * from aid_packages
),

final as (
    select
        packages.*,
        packages.first_day as day_lo,
        packages.last_day as day_hi,
        summary.evidence,
        coalesce(summary.evidence_count, 0) as evidence_count,
        coalesce(summary.article_ids, []::varchar[]) as article_ids,
        coalesce(summary.article_nos, []::integer[]) as article_nos,
        coalesce(summary.outlets, []::varchar[]) as outlets,
        coalesce(summary.corrected, false) as corrected
    from packages
    left join summary using (package_id)
)

select * from final;

create or replace table aid_stages as

with

stages as (
    select * from aid_stages
),

reports as (
    select
        aid_id, day_hi, evidence, evidence_count, article_ids, article_nos, outlets, corrected
    from aid
),

final as (
    select stages.*, reports.* exclude (aid_id)
    from stages
    inner join reports using (aid_id)
)

select * from final
order by package_id, seq;
