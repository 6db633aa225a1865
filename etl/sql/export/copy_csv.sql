-- One table to one CSV file with a header ({target}: a quoted path).
copy (select * from {table}) to {target} (format csv, header true)
