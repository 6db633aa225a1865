-- article_sentence: one sentence of an article (n as in `sentences`; -1 the title), its
-- offsets in the article text. Params: $article_id, $n.
select n, start, "end", text
from search_docs
where article_id = $article_id and n = $n
