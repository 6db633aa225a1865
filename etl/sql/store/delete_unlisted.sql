-- The rows of {table} whose {key} is none of the registered article_ids.
delete from {table} where {key} not in (select id from article_ids)
