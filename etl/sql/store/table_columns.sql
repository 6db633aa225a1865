-- Every column of every table of one schema ($1) of one catalogue ($2, null for the open
-- database), with its DuckDB type, in column order: the loader builds its rows from these.
select table_name, column_name, data_type
from information_schema.columns
where table_schema = ? and table_catalog = coalesce(?, current_database())
order by table_name, ordinal_position
