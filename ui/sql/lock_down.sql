-- Past the attach, no query of the dashboard needs a file: no COPY TO, read_csv or other
-- ATTACH through this connection, and no setting may turn that back on.
set enable_external_access = false;
set lock_configuration = true;
