-- stg_fx: the USD rates looked up by etl/resolve.py (registered as _stg_fx_arrow).
create or replace temp table stg_fx as select * from _stg_fx_arrow
