-- One table to one Parquet file ({target}: a quoted path; COPY takes no parameter for it).
copy (select * from {table}) to {target} (format parquet)
