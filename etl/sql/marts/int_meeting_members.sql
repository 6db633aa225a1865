-- int_meeting_members: which meeting each meeting mention belongs to.
--
-- Merge rule: the same set of participants, compatible dates, the same place when both give
-- one (a country-level place is compatible with a city in that country), and the same mode
-- when both give one: a phone call and a face-to-face meeting of the same pair in the same
-- month are two events ("spoke by telephone ... agreed to meet soon").
-- As for stops (int_stop_members): every distinct dated signature (participants, date,
-- place, mode) is a candidate; one that a more specific compatible signature refines is not a
-- meeting of its own; each mention joins the nearest (by publication date) anchor that
-- refines it; undated mentions join an anchor inside their story window or published within
-- 6 days, else merge by publication week.

with

mentions as (
    select * from int_meeting_mentions
),

signatures as (
    select
        party_key,
        date,
        place_key,
        mode,
        any_value(place_kind) as place_kind,
        any_value(country) as country,
        any_value(date_lo) as date_lo,
        any_value(date_hi) as date_hi,
        min(published) as min_published,
        max(published) as max_published
    from mentions
    where date is not null
    group by party_key, date, place_key, mode
),

anchors as (
    select signatures.*
    from signatures
    where not exists (
        select 1
        from signatures as finer
        where finer.party_key = signatures.party_key
            and date_refines(finer.date, signatures.date)
            and (
                signatures.place_key is null
                or finer.place_key = signatures.place_key
                or (signatures.place_kind = 'country' and finer.country = signatures.country)
            )
            and (signatures.mode is null or finer.mode = signatures.mode)
            and (
                finer.date <> signatures.date
                or finer.place_key is distinct from signatures.place_key
                or finer.mode is distinct from signatures.mode
            )
    )
),

candidates as (
    select
        mentions.mention_id,
        mentions.party_key,
        mentions.date as mention_date,
        anchors.date,
        anchors.place_key,
        anchors.mode,
        row_number() over (
            partition by mentions.mention_id
            order by abs(date_diff('day', coalesce(mentions.published, mentions.win_lo),
                anchors.date_lo)) nulls last,
                anchors.date, anchors.place_key nulls last, anchors.mode nulls last
        ) as choice
    from mentions
    inner join anchors
        on mentions.party_key = anchors.party_key
        and (
            mentions.place_key is null
            or anchors.place_key = mentions.place_key
            or (mentions.place_kind = 'country' and anchors.country = mentions.country)
        )
        and (mentions.mode is null or anchors.mode = mentions.mode)
        and (
            date_refines(anchors.date, mentions.date)
            or (
                mentions.date is null
                and (
                    (anchors.date_lo <= mentions.win_hi and anchors.date_hi >= mentions.win_lo)
                    or (
                        mentions.segment = 0
                        and mentions.published between anchors.min_published - 6
                            and anchors.max_published + 6
                    )
                )
            )
        )
),

undated_alone as (
    select
        mentions.mention_id,
        mentions.party_key,
        mentions.place_key,
        mentions.mode,
        case
            when mentions.segment = 0 and mentions.published is not null
                then 'week:' || strftime(mentions.published, '%G-W%V')
            else 'article:' || mentions.article_id || ':' || mentions.segment
        end as bucket
    from mentions
    where mentions.mention_id not in (
        select mention_id from candidates
    )
),

members as (
    select mention_id, party_key, date, place_key, mode, null as bucket
    from candidates
    where choice = 1
    union all
    select mention_id, party_key, null as date, place_key, mode, bucket
    from undated_alone
),

final as (
    select
        mention_id,
        short_id(
            'meeting|' || party_key || '|' || coalesce(date, bucket) || '|'
            || coalesce(place_key, '') || '|' || coalesce(mode, '')
        ) as meeting_id,
        party_key,
        date,
        place_key,
        mode
    from members
)

select * from final
