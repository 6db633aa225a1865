-- What a database says about the build that wrote it ({table}: build_info, or
-- previous.build_info of an attached one).
select key, value from {table}
