-- casualty_places: the places casualty reports describe ("where"; '' when a report names
-- none), with how many reports each, after the other filters: the casualties page shows one
-- place at a time by default, so figures of unrelated crises are not drawn as one line.
-- Params: $metrics $country_names $outlets (lists, empty = all); $date_from $date_to;
-- $verified_only.

select coalesce("where", '') as place, count(*) as reports, max(day_lo) as latest
from casualty_reports
where ui_casualty_kept($metrics, $country_names, $outlets, $date_from, $date_to,
    metric, "where", day_lo, day_hi, outlets)
    and ui_reviewed($verified_only, review_state)
group by all
order by reports desc, latest desc, place
