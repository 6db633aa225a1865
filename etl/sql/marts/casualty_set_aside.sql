-- casualty_set_aside: the casualty mentions whose figure is not a count of people hurt or
-- displaced (a population, "Gaza's 2.3 million people"; things, "25 ambulances"), found by
-- etl/casualty_terms.py from the words around the figure. They are in no casualty report and
-- never drawn; this table keeps them, with the reason, for review.

with

checks as (
    select * from stg_casualty_checks
),

casualties as (
    select * from mentions_casualty
),

final as (
    select
        casualties.mention_id,
        casualties.article_id,
        casualties.metric,
        casualties.value,
        checks.reason,
        casualties.evidence,
        casualties.evidence_start,
        casualties.evidence_end
    from checks
    inner join casualties using (mention_id)
)

select * from final
