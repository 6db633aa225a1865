-- tables: the tables and views of the attached database, to say which marts are missing.
select table_name
from information_schema.tables
where table_catalog = 'shuttle'
