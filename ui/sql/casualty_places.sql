-- casualty_places: the places casualty reports describe ("where"; '' when a report names
-- none), with how many reports each, after the other filters: the casualties page shows one
-- place at a time by default, so figures of unrelated crises are not drawn as one line.
-- Params: $metrics $country_names $outlets (lists, empty = all); $date_from $date_to.

select coalesce("where", '') as place, count(*) as reports, max(day_lo) as latest
from casualty_reports
where ui_picked($metrics, metric)
    and (
        len($country_names) = 0
        or len(list_filter($country_names, lambda n: contains(lower("where"), lower(n)))) > 0
    )
    and ui_in_window(day_lo, day_hi, $date_from, $date_to)
    and ui_any($outlets, outlets)
    and day_lo is not null
group by all
order by reports desc, latest desc, place
