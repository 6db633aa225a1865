-- One mention of {table} by its id, every column.
select * from {table} where mention_id = ?
