-- package_reports: the aid reports (aid_id) behind the packages $package_ids: every stage,
-- restatement and part, so "the articles behind these bars" counts them all.
select aid_id, package_id
from aid_stages
where list_contains($package_ids, package_id)
order by package_id, seq
