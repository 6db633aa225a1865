-- Every table and view of the open database, for `python -m etl export`.
select table_name
from information_schema.tables
where table_schema = 'main' and table_catalog = current_database()
order by table_name
