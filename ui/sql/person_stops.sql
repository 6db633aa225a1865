-- person_stops: one person's itinerary after the shared filters (the diplomat filter aside),
-- with the latest sentence behind each stop, in route order (the mart's sort_date and
-- actor_seq); evidence and the rest are columns of the mart (etl/sql/post/event_columns.sql).
-- Params: $person; $countries $statuses $outlets
-- (lists, empty = all); $date_from $date_to; $verified_only; $cap.

with

filtered as (
    select *
    from stops
    where actor = $person
        and ui_picked($countries, country)
        and ui_picked($statuses, status)
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and ui_any($outlets, outlets)
        and ui_reviewed($verified_only, review_state)
),

behind as (
    select count(distinct article_id) as articles_total
    from (select unnest(article_ids) as article_id from filtered)
),

final as (
    select
        filtered.stop_id,
        filtered.actor,
        filtered.place,
        filtered.country,
        filtered.lat,
        filtered.lon,
        cast(filtered.date as varchar) as date,
        filtered.date_precision,
        filtered.status,
        filtered.sources,
        filtered.first_reported,
        filtered.last_reported,
        filtered.place_kind,
        filtered.day_lo,
        coalesce(filtered.sort_date, filtered.day_lo) as sort_day,
        filtered.actor_seq,
        filtered.evidence,
        greatest(filtered.evidence_count - 1, 0) as evidence_more,
        filtered.confidence,
        filtered.review_state,
        filtered.reviewed_by,
        count(*) over () as total_rows,
        behind.articles_total
    from filtered
    cross join behind
)

select * from final
order by sort_day nulls last, actor_seq, stop_id
limit $cap
