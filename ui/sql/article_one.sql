-- article_one: one article, its text and where it came from. Param: $article_id.
select id, title, source, url, published, published_precision, language, path, text
from articles
where id = $article_id
