-- review_weeks: the weeks (Monday to Sunday, by the articles' publication day) that have facts,
-- newest first, with how many facts each and how many are unreviewed: the review queue's
-- choice of week. Facts of undated articles are reviewed under "all weeks".
select
    cast(date_trunc('week', published) as date) as week,
    count(*) as facts,
    count(*) filter (where review_state = 'unreviewed') as unreviewed
from review_facts
where published is not null
group by all
order by week desc
