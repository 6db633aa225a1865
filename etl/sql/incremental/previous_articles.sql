-- The articles of the database being replaced, to reuse the facts of those unchanged.
select id, sha256, loaded_at from previous.articles
