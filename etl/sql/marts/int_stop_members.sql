-- int_stop_members: which stop each visit mention belongs to. One row per visit mention that
-- has a place or a country (a visit with neither cannot be drawn and stays a mention only).
--
-- Merge rule: same actor, same place_key (a city, or a country-level guess), compatible dates.
-- Every distinct dated (actor, place, date) is a candidate; a candidate that a finer one
-- refines ('2024-09' by '2024-09-11') is not a stop of its own. The rest are the anchors.
--   * a dated mention joins the anchor inside its period; when a month or year holds several
--     anchor days, the one nearest to the mention's publication date;
--   * an undated mention joins an anchor of the same actor and place whose period meets the
--     mention's story window (int_article_windows) or whose reports were published within
--     6 days of it (the same week of publication), the nearest to its publication date;
--   * undated mentions that join no anchor merge with each other by publication week (ISO,
--     article's own story) or else stay per article story.

with

mentions as (
    select * from int_visit_mentions
    where place_key is not null
),

signatures as (
    select
        actor,
        place_key,
        date,
        any_value(date_lo) as date_lo,
        any_value(date_hi) as date_hi,
        min(published) as min_published,
        max(published) as max_published
    from mentions
    where date is not null
    group by actor, place_key, date
),

anchors as (
    select signatures.*
    from signatures
    where not exists (
        select 1
        from signatures as finer
        where finer.actor = signatures.actor
            and finer.place_key = signatures.place_key
            and finer.date <> signatures.date
            and date_refines(finer.date, signatures.date)
    )
),

dated_choice as (
    select
        mentions.mention_id,
        mentions.actor,
        mentions.place_key,
        anchors.date as anchor_date,
        row_number() over (
            partition by mentions.mention_id
            order by abs(date_diff('day', mentions.published, anchors.date_lo)) nulls last,
                anchors.date
        ) as choice
    from mentions
    inner join anchors
        on mentions.actor = anchors.actor
        and mentions.place_key = anchors.place_key
        and date_refines(anchors.date, mentions.date)
    where mentions.date is not null
),

undated_choice as (
    select
        mentions.mention_id,
        mentions.actor,
        mentions.place_key,
        anchors.date as anchor_date,
        row_number() over (
            partition by mentions.mention_id
            order by abs(date_diff('day', coalesce(mentions.published, mentions.win_lo),
                anchors.date_lo)) nulls last,
                anchors.date
        ) as choice
    from mentions
    inner join anchors
        on mentions.actor = anchors.actor
        and mentions.place_key = anchors.place_key
        and (
            -- the anchor's period meets the story's window (days)
            (anchors.date_lo <= mentions.win_hi and anchors.date_hi >= mentions.win_lo)
            -- or the reports came out in the same week (6 days either side)
            or (
                mentions.segment = 0
                and mentions.published between anchors.min_published - 6
                    and anchors.max_published + 6
            )
        )
    where mentions.date is null
),

undated_alone as (
    select
        mentions.mention_id,
        mentions.actor,
        mentions.place_key,
        case
            when mentions.segment = 0 and mentions.published is not null
                then 'week:' || strftime(mentions.published, '%G-W%V')
            else 'article:' || mentions.article_id || ':' || mentions.segment
        end as bucket
    from mentions
    where mentions.date is null
        and mentions.mention_id not in (
            select mention_id from undated_choice
        )
),

members as (
    select mention_id, actor, place_key, anchor_date as date, null as bucket
    from dated_choice
    where choice = 1
    union all
    select mention_id, actor, place_key, anchor_date as date, null as bucket
    from undated_choice
    where choice = 1
    union all
    select mention_id, actor, place_key, null as date, bucket
    from undated_alone
),

final as (
    select
        mention_id,
        short_id('stop|visit|' || actor || '|' || place_key || '|' || coalesce(date, bucket))
            as stop_id,
        actor,
        place_key,
        date
    from members
)

select * from final
