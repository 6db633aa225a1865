-- Every row and column of one table ({table}), read to the end: a damaged block fails its
-- checksum only when it is read.
select * from {table}
