-- Helpers for the dashboard's queries. Temp macros: created on each read-only connection by
-- ui/db.py, so the database file holds nothing that depends on this file.

-- Mart dates are ISO text at their precision ('2024-09-11', '2024-09', '2024'); a DATE works
-- too. ui_lo/ui_hi are the first and last day of the period; null when undated or malformed.
create or replace temp macro ui_lo(d) as
    case length(cast(d as varchar))
        when 10 then try_cast(cast(d as varchar) as date)
        when 7 then try_cast(cast(d as varchar) || '-01' as date)
        when 4 then try_cast(cast(d as varchar) || '-01-01' as date)
    end;

create or replace temp macro ui_hi(d) as
    case length(cast(d as varchar))
        when 10 then try_cast(cast(d as varchar) as date)
        when 7 then last_day(try_cast(cast(d as varchar) || '-01' as date))
        when 4 then try_cast(cast(d as varchar) || '-12-31' as date)
    end;

-- A period [lo, hi] overlaps the filter window; a null bound leaves that side open, and with
-- both bounds open even an undated row (lo and hi null) is kept.
create or replace temp macro ui_in_window(lo, hi, date_from, date_to) as
    (date_from is null or coalesce(hi >= date_from, false))
    and (date_to is null or coalesce(lo <= date_to, false));

-- The multiselect convention: an empty list means every value.
create or replace temp macro ui_picked(choices, value) as
    len(choices) = 0 or coalesce(list_contains(choices, value), false);
