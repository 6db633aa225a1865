-- review_lapsed: the verifications the last build found no longer true to their fact (the
-- sentence or a field changed: etl/corrections/review.py lapse), newest first, with the
-- article's title; their facts are unreviewed again and back in the queue.
select
    corrections.id,
    corrections.created_at,
    corrections.user_name,
    corrections.fact_type,
    corrections.article_id,
    articles.title,
    corrections.detail,
    corrections.evidence
from corrections
left join articles on articles.id = corrections.article_id
where corrections.status = 'lapsed'
order by corrections.created_at desc, corrections.id
