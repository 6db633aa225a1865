-- package_histories: every aid package's stage history and parts, for the aid table, worked
-- out once per build instead of aggregating the stages of up to 5,000 shown packages on
-- every run of the aid page (ui/sql/aid_rows.sql shows them as they are). Run by
-- etl/events.py post_marts() after package_columns.sql. Columns added to aid_packages:
--   history      the stages it went through, in order, each with its day at the precision
--                the articles give it ('pledged 3 Mar 2024 → delivered May 2024');
--   part_count   how many parts it has (aid_stages of kind 'part');
--   parts_paid   how many of those were delivered.

create or replace table aid_packages as

with

histories as (
    select
        package_id,
        string_agg(
            stage || coalesce(' ' || case date_precision
                when 'month' then strftime(day_lo, '%b %Y')
                when 'year' then strftime(day_lo, '%Y')
                else strftime(day_lo, '%-d %b %Y') end, ''),
            ' → ' order by seq
        ) filter (where kind <> 'part') as history,
        count(*) filter (where kind = 'part') as part_count,
        count(*) filter (where kind = 'part' and stage = 'delivered') as parts_paid
    from aid_stages
    group by package_id
),

final as (
    select
        aid_packages.*,
        histories.history,
        coalesce(histories.part_count, 0) as part_count,
        coalesce(histories.parts_paid, 0) as parts_paid
    from aid_packages
    left join histories using (package_id)
)

select * from final
