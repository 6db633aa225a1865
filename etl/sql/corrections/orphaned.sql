-- The corrections whose target is gone, for the audit page's list.
insert into corrections_orphaned
select id, action, article_id, fact_type, evidence, detail, reason, user_name, created_at
from corrections
where status = 'orphaned'
