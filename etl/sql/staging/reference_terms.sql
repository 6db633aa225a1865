-- A temp table {name} of alias rows (etl/casualty_terms.py) registered as {source}.
create or replace temp table {name} as select * from {source}
