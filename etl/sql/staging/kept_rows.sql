-- The kept results of {table} resolved with the reference fingerprint $1.
select {columns} from {table} where fingerprint = ?
