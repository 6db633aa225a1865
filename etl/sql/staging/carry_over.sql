-- The previous database's kept results of {source} made with fingerprint $1, into {table}.
insert into {table} ({columns}, fingerprint)
select {columns}, fingerprint from {source} where fingerprint = ?
