-- Every mention of {table} from one article, every column.
select * from {table} where article_id = ?
