-- Every aid mention with its sentence, for etl/aid_roles.py: the amounts of one sentence are
-- read together (article_id, evidence_start, evidence), so a part finds the package beside it.
select
    mention_id,
    article_id,
    evidence_start,
    evidence,
    amount,
    currency,
    status,
    recipient
from mentions_aid
order by article_id, evidence_start, mention_id
