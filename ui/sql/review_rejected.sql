-- review_rejected: the publication day and outlet of the articles of rejected facts (whose
-- facts are no longer in review_facts), so the review queue counts them in its scope.
-- Param: $article_ids (list).
select id as article_id, published, source
from articles
where list_contains($article_ids, id)
