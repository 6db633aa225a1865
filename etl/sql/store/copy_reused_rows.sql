-- The sentences or facts of the reused articles, from {source} of the previous database.
insert into {table} ({columns})
select {columns} from {source}
where article_id in (select id from reused)
