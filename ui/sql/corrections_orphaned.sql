-- The corrections of the last build whose target is gone, oldest first (the Corrections page).
select id, created_at, user_name, action, fact_type, article_id, why, reason, evidence
from corrections_orphaned
order by created_at, id
