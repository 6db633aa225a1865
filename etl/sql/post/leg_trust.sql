-- leg_trust: every leg of a route as trusted as its weaker end (run by etl/trust.py after
-- event_trust.sql has given the stops theirs). A leg is an inference from two stops, so it
-- is no surer than the less sure of them, and verified only when both are.
-- Columns added:
--   confidence          least(the from stop's, the to stop's);
--   review_state        trust_weaker of the two ends' (etl/sql/post/trust_macros.sql);
--   reviewed_by         the analysts behind either end, sorted.

create or replace table legs as

with

legs as (
    select * from legs
),

ends as (
    select stop_id, confidence, review_state, reviewed_by from stops
),

final as (
    select
        legs.*,
        coalesce(least(from_end.confidence, to_end.confidence), 0) as confidence,
        trust_weaker(from_end.review_state, to_end.review_state) as review_state,
        list_sort(list_distinct(list_concat(
            coalesce(from_end.reviewed_by, []::varchar[]),
            coalesce(to_end.reviewed_by, []::varchar[])
        ))) as reviewed_by
    from legs
    left join ends as from_end on from_end.stop_id = legs.from_stop_id
    left join ends as to_end on to_end.stop_id = legs.to_stop_id
)

select * from final
