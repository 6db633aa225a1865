-- A reference table (ref_people, ref_roles) from the CSV rows registered as {source}; rows
-- without a name are left out.
create or replace temp table {name} as select * from {source} where name is not null
