-- The tables (not views) of the open database, for reading every block of it once.
select table_name
from information_schema.tables
where table_catalog = current_database() and table_type = 'BASE TABLE'
order by table_name
