-- casualty_places: the places casualty reports describe (the canonical area, "where"; ''
-- when a report names none), after the other filters, ordered so that the first is the
-- place of the series with the most reports in the filtered period: the casualties page
-- opens on that series' place. Params: $metrics $country_names $outlets (lists, empty =
-- all); $date_from $date_to; $verified_only.
--   reports      the place's reports; top_series: the reports of its most reported series;
--   latest       its latest day.

with

kept as (
    select coalesce("where", '') as place, series_id, day_lo
    from casualty_reports
    where ui_casualty_kept($metrics, $outlets, $date_from, $date_to, metric, day_lo, day_hi,
            outlets)
        and (len($country_names) = 0 or "where" in (
            -- the "where" values naming a chosen country (any of its names, in any case),
            -- tested once per distinct value: a lambda over the names on every report took
            -- 14 ms at 1M, this 2 ms
            select places.place
            from (
                select distinct "where" as place
                from casualty_reports
                where len($country_names) > 0
            ) as places
            inner join (select lower(unnest($country_names)) as name) as names
                on contains(lower(places.place), names.name)
        ))
        and ui_reviewed($verified_only, review_state)
),

series as (
    select place, series_id, count(*) as reports
    from kept
    group by place, series_id
),

final as (
    select
        kept.place,
        count(*) as reports,
        max(kept.day_lo) as latest,
        (select max(series.reports) from series where series.place = kept.place)
            as top_series
    from kept
    group by kept.place
)

select * from final
order by top_series desc, reports desc, latest desc, place
