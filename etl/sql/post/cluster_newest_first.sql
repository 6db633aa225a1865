-- cluster_newest_first: a large table the pages list newest first, rewritten newest first:
-- {day} descending (undated rows last, as the pages put them), then {keys}. A query asking for
-- the newest N rows keeps the first N it reads and skips the columns of every older row;
-- each row group still covers a narrow range of days, so a date filter skips the others.
-- Run by etl/events.py cluster_marts() with NEWEST_FIRST; {table}, {day} and {keys} are its
-- constants, quoted identifiers, never input. The rows and columns are unchanged.
create or replace table {table} as
select * from {table}
order by {day} desc nulls last, {keys}
