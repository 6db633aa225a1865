-- 1 when the catalogue ($2, null for the open database) has table $1 in schema main.
select count(*)
from duckdb_tables()
where schema_name = 'main' and table_name = ?
    and database_name = coalesce(?, current_database())
