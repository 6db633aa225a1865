-- The reused articles' rows from the previous database, each at its path of now.
insert into articles ({columns})
select {columns}
from (
    select a.* replace (r.path as path)
    from previous.articles as a
    inner join reused as r on r.id = a.id
)
