-- The rows of {table} whose {key} is one of the registered article_ids.
delete from {table} where {key} in (select id from article_ids)
