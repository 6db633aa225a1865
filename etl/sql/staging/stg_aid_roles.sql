-- stg_aid_roles: what each aid mention's amount is in its sentence (etl/aid_roles.py,
-- registered as _stg_aid_roles_arrow): role 'commitment' | 'part' | 'total' | 'rate',
-- container_id (the mention whose amount holds a part, when the sentence gives it), reason.
create or replace temp table stg_aid_roles as select * from _stg_aid_roles_arrow
