-- review_queue: the facts of the review queue's scope, the unreviewed ones first and the least
-- sure of those first (a null confidence, a fact an analyst added, counts as the least sure),
-- with everything a card shows; see etl/sql/post/review_facts.sql for the columns.
-- Params: $date_from $date_to (the article's publication day; null = open); $outlets
-- $actors $countries $country_names $statuses (lists, empty = all: a diplomat choice keeps
-- the visits and meetings of those people, a country choice the visits and meetings there
-- and the aid from or to it, by name); $cap.
-- total_rows counts every fact of the scope, reviewed_rows those verified or corrected.

with

filtered as (
    select *
    from review_facts
    where ui_in_window(published, published, $date_from, $date_to)
        and ui_picked($outlets, source)
        and (
            len($actors) = 0
            or list_contains($actors, actor)
            or coalesce(list_has_any(participants, $actors), false)
        )
        and (
            len($countries) = 0
            or list_contains($countries, country)
            or list_contains($country_names, donor)
            or list_contains($country_names, recipient)
        )
        and (len($statuses) = 0 or fact_type not in ('visit', 'meeting')
             or list_contains($statuses, status))
),

totals as (
    select
        count(*) as total_rows,
        count(*) filter (where review_state <> 'unreviewed') as reviewed_rows
    from filtered
)

select filtered.*, totals.total_rows, totals.reviewed_rows
from filtered
cross join totals
order by review_state = 'unreviewed' desc, confidence nulls first, published desc nulls last,
    article_id, evidence_start, fact_type, mention_id
limit $cap
