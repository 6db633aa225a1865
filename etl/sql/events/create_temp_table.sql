-- An intermediate or staging model: a temp table of the build's connection, never written
-- to the database file the dashboard opens.
create or replace temp table {name} as
