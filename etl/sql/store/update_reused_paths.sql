-- In place: a reused article's path as the registered `reused` (id, path) has it now.
update articles
set path = reused.path
from reused
where articles.id = reused.id
    and articles.path is distinct from reused.path
