-- What reading an article again needs: its stored body and metadata.
select id, title, source, url, published, published_precision, language, path, text
from articles
where id = ?
