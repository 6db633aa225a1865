-- The registered file_stats (path, size, mtime_ns) of the files whose articles are in this
-- database, for the next build.
insert into build_files
select path, size, mtime_ns
from file_stats
where path in (select path from articles)
