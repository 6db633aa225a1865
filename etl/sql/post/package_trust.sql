-- package_trust: every aid package as trusted as the reports that give its committed figure,
-- and every stage row as trusted as its report (run by etl/trust.py after event_trust.sql has
-- given the aid reports theirs). The verified-only filter and the pages read these.
-- Columns added to aid_packages:
--   confidence     the confidence of the report that gives the package's figure
--                  (figure_aid_id): the headline and the bars state that figure;
--   review_state   over the reports of the figure (its stages and restatements, not the
--                  parts): corrected when an analyst corrected any, else verified when one
--                  verified any, else unreviewed. A part's review vouches for what was
--                  delivered, not for what was committed, so it does not make the package
--                  verified;
--   reviewed_by    the analysts behind any of its reports, parts included, sorted.
-- and to aid_stages: its report's confidence, review_state and reviewed_by.

create or replace table aid_packages as

with

packages as (
    select * from aid_packages
),

reports as (
    select
        aid_stages.package_id,
        aid_stages.kind,
        aid.aid_id,
        aid.confidence,
        aid.review_state,
        aid.reviewed_by
    from aid_stages
    inner join aid using (aid_id)
),

summary as (
    select
        package_id,
        case
            when bool_or(kind <> 'part' and review_state = 'corrected') then 'corrected'
            when bool_or(kind <> 'part' and review_state = 'verified') then 'verified'
            else 'unreviewed'
        end as review_state,
        list_sort(list_distinct(flatten(list(coalesce(reviewed_by, []::varchar[])))))
            as reviewed_by
    from reports
    group by package_id
),

final as (
    select
        packages.*,
        coalesce(figure.confidence, 0) as confidence,
        coalesce(summary.review_state, 'unreviewed') as review_state,
        coalesce(summary.reviewed_by, []::varchar[]) as reviewed_by
    from packages
    left join summary using (package_id)
    left join reports as figure on figure.aid_id = packages.figure_aid_id
)

select * from final;

create or replace table aid_stages as

with

stages as (
    select * from aid_stages
),

reports as (
    select aid_id, confidence, review_state, reviewed_by from aid
),

final as (
    select stages.*, reports.* exclude (aid_id)
    from stages
    inner join reports using (aid_id)
)

select * from final
order by package_id, seq;
