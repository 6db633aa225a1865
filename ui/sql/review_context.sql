-- review_context: the evidence of one fact in its context, for the review queue's card: the
-- sentences it spans with the one before and the one after (boilerplate left out), as one
-- slice of the article's text, and where the slice starts (offsets of articles.text).
-- Params: $article_id, $evidence_start, $evidence_end. No row when the article is gone.

with

spans as (
    select n, start, "end", boilerplate
    from sentences
    where article_id = $article_id
),

hit as (
    select min(n) as first_n, max(n) as last_n
    from spans
    where "end" > $evidence_start and start < $evidence_end
),

window_ as (
    select
        least(min(spans.start), $evidence_start) as lo,
        greatest(max(spans."end"), $evidence_end) as hi
    from spans, hit
    where spans.n between hit.first_n - 1 and hit.last_n + 1
        and (not spans.boilerplate or spans.n between hit.first_n and hit.last_n)
)

select
    substr(articles.text, coalesce(window_.lo, $evidence_start) + 1,
           coalesce(window_.hi, $evidence_end) - coalesce(window_.lo, $evidence_start))
        as text,
    coalesce(window_.lo, $evidence_start) as text_start
from articles, window_
where articles.id = $article_id
