-- The input files of the previous build with the ids of their articles, but for files it
-- had a problem with (those are read again): a file still at its size and mtime is not
-- read, its articles are copied.
select f.path, f.size, f.mtime_ns, list(a.id order by a.id)
from previous.build_files as f
inner join previous.articles as a on a.path = f.path
where not exists (
    select 1
    from previous.build_problems as p
    where p.path = f.path and p.article_id is null
)
group by f.path, f.size, f.mtime_ns
