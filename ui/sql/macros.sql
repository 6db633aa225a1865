-- Helpers for the dashboard's queries. Temp macros: created on each read-only connection by
-- ui/handle.py, so the database file holds nothing that depends on this file.

-- These macros are WHERE conditions, combined only with AND and OR (never NOT): there a
-- null is a row left out, as false is, so they need no coalesce(..., false). Without it the
-- bound parameters fold into plain comparisons (`actor = 'X'`, `actor IN (...)`,
-- `day_hi >= DATE`) that DuckDB checks against each row group's min/max and skips the
-- groups that cannot match; a coalesce around them hid that from the scan.

-- A period [lo, hi] overlaps the filter window; a null bound leaves that side open, and with
-- both bounds open even an undated row (lo and hi null) is kept.
create or replace temp macro ui_in_window(lo, hi, date_from, date_to) as
    (date_from is null or hi >= date_from)
    and (date_to is null or lo <= date_to);

-- The multiselect convention: an empty list means every value.
create or replace temp macro ui_picked(choices, value) as
    len(choices) = 0 or list_contains(choices, value);

-- The outlet filter on an event mart's `outlets` list: kept when any of its articles comes
-- from a chosen outlet; an empty choice keeps every row. One outlet (the usual choice) is a
-- list_contains, several times cheaper than list_has_any on a large mart.
create or replace temp macro ui_any(choices, values) as
    case len(choices)
        when 0 then true
        when 1 then coalesce(list_contains(values, choices[1]), false)
        else coalesce(list_has_any(values, choices), false)
    end;

-- A leg's end stop passes the filters (a leg is drawn when either end does): its country,
-- status, day window and outlets, as the legs mart carries them for each end
-- (etl/sql/post/leg_columns.sql).
create or replace temp macro ui_end_kept(
    countries, statuses, outlets, date_from, date_to, country, status, lo, hi, end_outlets
) as
    ui_picked(countries, country)
    and ui_picked(statuses, status)
    and ui_in_window(lo, hi, date_from, date_to)
    and ui_any(outlets, end_outlets);

-- A casualty report passes the shared filters: its metric, its day window and its outlets.
-- Undated reports are never drawn on a timeline. The country filter (a chosen country named
-- in its "where") is each query's own: it tests the distinct "where" values once, a
-- subquery of casualty_reports that a macro cannot hold (a macro's tables must exist when it
-- is created, and the dashboard creates the macros on a file that may have no marts).
create or replace temp macro ui_casualty_kept(
    metrics, outlets, date_from, date_to, metric, lo, hi, report_outlets
) as
    ui_picked(metrics, metric)
    and ui_in_window(lo, hi, date_from, date_to)
    and ui_any(outlets, report_outlets)
    and lo is not null;

-- An aid row (a package or a report) passes the shared filters and the aid page's stage
-- choice: its stage, a chosen country named as donor or recipient, its day window and its
-- outlets.
create or replace temp macro ui_aid_kept(
    stages, country_names, outlets, date_from, date_to, stage, donor, recipient, lo, hi,
    row_outlets
) as
    ui_picked(stages, stage)
    and (
        len(country_names) = 0
        or list_contains(country_names, donor)
        or list_contains(country_names, recipient)
    )
    and ui_in_window(lo, hi, date_from, date_to)
    and ui_any(outlets, row_outlets);

-- The "Verified facts only" filter (ui/filters.py): with it on, a row is kept only when an
-- analyst verified or corrected the facts behind it (review_state, which the build gives every
-- event mart and leg: etl/sql/post/event_trust.sql, leg_trust.sql). Every page query that
-- shows facts tests it through this one macro.
create or replace temp macro ui_reviewed(verified_only, review_state) as
    not coalesce(verified_only, false) or coalesce(review_state in ('verified', 'corrected'), false);
