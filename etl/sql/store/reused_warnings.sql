-- The previous build's warnings about the facts of the reused articles, carried over with
-- the facts (at the articles' paths of now).
select coalesce(r.path, p.path), p.line, p.reason, p.article_id
from previous.build_problems as p
inner join reused as r on r.id = p.article_id
where p.kind = 'warning'
order by p.article_id, p.reason
