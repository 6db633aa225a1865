-- DuckDB's buffer for this build (past it, DuckDB spills to disk), e.g. '1024MB'.
set memory_limit = ?
