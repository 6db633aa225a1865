-- This build's results (the registered {source}) into {table}, with fingerprint $1.
insert into {table} ({columns}, fingerprint) select {columns}, ? from {source}
