-- columns: every table.column of the attached database, to tell a file built by an earlier
-- version (marts without the columns the pages read) from a current one.
select table_name || '.' || column_name as name
from information_schema.columns
where table_catalog = 'shuttle'
