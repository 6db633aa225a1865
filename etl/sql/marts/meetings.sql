-- meetings: one row per meeting event, merged across articles (see int_meeting_members).
-- status and mode are the latest report's (publication date, then a settled status over an
-- expected one, then text order); lat/lon are the place's, or the capital's when only a
-- country is known (place_kind 'country'); sources = distinct articles.
--   on_map   the meeting is drawn at its place: held in person (or in no stated mode) in a
--            named city with coordinates; a phone or video call is listed, not placed.

with

members as (
    select * from int_meeting_members
),

mentions as (
    select * from int_meeting_mentions
),

joined as (
    select
        members.meeting_id,
        members.date as meeting_date,
        members.place_key as meeting_place_key,
        members.mode as meeting_mode,
        mentions.*
    from members
    inner join mentions using (mention_id)
),

-- the place of a merged meeting: the one its anchor names (a mention without a place, or
-- with only the country, borrows it)
located as (
    select
        joined.*,
        (joined.place_key is not distinct from joined.meeting_place_key) as at_meeting_place
    from joined
),

grouped as (
    select
        meeting_id,
        any_value(participants) as participants,
        first(place order by at_meeting_place desc, mention_id) as place,
        first(country order by at_meeting_place desc, mention_id) as country,
        first(lat order by at_meeting_place desc, mention_id) as lat,
        first(lon order by at_meeting_place desc, mention_id) as lon,
        first(place_kind order by at_meeting_place desc, mention_id) as place_kind,
        any_value(meeting_place_key) as place_key,
        any_value(meeting_date) as date,
        period_precision(any_value(meeting_date)) as date_precision,
        first(status order by published desc nulls last, status_finality(status) desc,
            evidence_start desc, mention_id desc) as status,
        coalesce(
            any_value(meeting_mode),
            first(mode order by published desc nulls last, evidence_start desc, mention_id desc)
                filter (where mode is not null)
        ) as mode,
        count(distinct article_id)::integer as sources,
        min(published) as first_reported,
        max(published) as last_reported,
        -- the day the meeting is placed at in time (DATE), for timelines and route order
        coalesce(period_start(any_value(meeting_date)), min(sort_date)) as sort_date
    from located
    group by meeting_id
),

final as (
    select
        grouped.*,
        coalesce(mode, '') not in ('phone', 'video') and place_kind = 'city'
            and lat is not null as on_map
    from grouped
)

select * from final
