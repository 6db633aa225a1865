-- cluster: a large table rewritten in the order of the keys the pages filter it by, so that
-- each of DuckDB's row groups (122,880 rows) holds a narrow range of them and its min/max
-- statistics let a filtered scan skip the others (event_mentions by article_id for an
-- article's facts; the event marts by person and day for the map and the timelines).
-- Run by etl/events.py cluster_marts() last, after every column is added; {table} and {keys}
-- are its constants, quoted identifiers, never input. The rows and columns are unchanged.
create or replace table {table} as
select * from {table}
order by {keys}
