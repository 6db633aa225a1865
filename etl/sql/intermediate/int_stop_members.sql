-- int_stop_members: which stop each visit mention belongs to. One row per visit mention that
-- has a place or a country (a visit with neither cannot be drawn and stays a mention only).
--
-- Merge rule: same actor, same place_key (a city, or a country-level guess), compatible dates.
-- A report the extractor dated only to its story's day (int_visit_mentions.date_stated false)
-- yields to a date another report states for the same person and place within the trip's
-- window, 10 days either side (legs.sql: a tour runs one to two weeks): an announced
-- itinerary and the stop reported later are one stop. Then every distinct dated (actor,
-- place, date) is a candidate; a candidate that a finer one refines ('2024-09' by
-- '2024-09-11') is not a stop of its own. The rest are the anchors.
--   * a dated mention joins the anchor inside its period; when a month or year holds several
--     anchor days, the one nearest to the mention's publication date;
--   * an undated mention joins an anchor of the same actor and place whose period comes
--     within 10 days of the mention's story window (int_article_windows: the trip's window,
--     as above) or whose reports were published within 6 days of it (the same week of
--     publication), the nearest to its publication date;
--   * undated mentions that join no anchor merge with each other by publication week (ISO,
--     article's own story) or else stay per article story.

with

reports as (
    select * from int_visit_mentions
    where place_key is not null
),

stated as (
    select distinct actor, place_key, date, date_lo
    from reports
    where date_stated
),

-- the stated date a story-dated report yields to: the nearest within the trip's window
absorbed as (
    select reports.mention_id, stated.date
    from reports
    inner join stated
        on stated.actor = reports.actor
        and stated.place_key = reports.place_key
        and stated.date_lo between reports.date_lo - 10 and reports.date_hi + 10
    where reports.date is not null and not reports.date_stated
    qualify row_number() over (
        partition by reports.mention_id
        order by abs(date_diff('day', reports.date_lo, stated.date_lo)), stated.date
    ) = 1
),

mentions as (
    select reports.* replace (
        coalesce(absorbed.date, reports.date) as date,
        coalesce(period_start(absorbed.date), reports.date_lo) as date_lo,
        coalesce(period_end(absorbed.date), reports.date_hi) as date_hi
    )
    from reports
    left join absorbed using (mention_id)
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

-- the periods a finer signature lies inside: a signature whose date is one of them is refined
refined as (
    select distinct actor, place_key, prefix as date
    from (
        select actor, place_key, date, unnest(date_prefixes(date)) as prefix
        from signatures
    )
    where prefix <> date
),

anchors as (
    select signatures.*
    from signatures
    where not exists (
        select 1
        from refined
        where refined.actor = signatures.actor
            and refined.place_key = signatures.place_key
            and refined.date = signatures.date
    )
),

-- each anchor under every period that contains its date: a dated mention joins the anchors
-- inside its period by equality
anchor_periods as (
    select anchors.*, unnest(date_prefixes(anchors.date)) as period
    from anchors
),

dated_choice as (
    select
        mentions.mention_id,
        mentions.actor,
        mentions.place_key,
        anchor_periods.date as anchor_date,
        row_number() over (
            partition by mentions.mention_id
            order by abs(date_diff('day', mentions.published, anchor_periods.date_lo))
                nulls last,
                anchor_periods.date
        ) as choice
    from mentions
    inner join anchor_periods
        on mentions.actor = anchor_periods.actor
        and mentions.place_key = anchor_periods.place_key
        and mentions.date = anchor_periods.period
    where mentions.date is not null
),

-- undated mentions meet anchors in month buckets (the months of the story window, or of the
-- publication date), then the exact tests below decide
undated as (
    select * from mentions where date is null
),

anchor_months as (
    select anchors.*, unnest(month_span(date_lo, date_hi)) as month
    from anchors
),

anchor_report_months as (
    select anchors.*, unnest(month_span(min_published - 6, max_published + 6)) as month
    from anchors
),

undated_pairs as (
    -- the anchor's period comes within 10 days of the story's window
    select undated.mention_id, anchor_months.date
    from (
        select *, unnest(month_span(win_lo - 10, win_hi + 10)) as month from undated
    ) as undated
    inner join anchor_months
        on undated.actor = anchor_months.actor
        and undated.place_key = anchor_months.place_key
        and undated.month = anchor_months.month
    where anchor_months.date_lo <= undated.win_hi + 10
        and anchor_months.date_hi >= undated.win_lo - 10
    union
    -- or the reports came out in the same week (6 days either side)
    select undated.mention_id, anchor_report_months.date
    from undated
    inner join anchor_report_months
        on undated.actor = anchor_report_months.actor
        and undated.place_key = anchor_report_months.place_key
        and month_number(undated.published) = anchor_report_months.month
    where undated.segment = 0
        and undated.published between anchor_report_months.min_published - 6
            and anchor_report_months.max_published + 6
),

undated_choice as (
    select
        undated.mention_id,
        undated.actor,
        undated.place_key,
        anchors.date as anchor_date,
        row_number() over (
            partition by undated.mention_id
            order by abs(date_diff('day', coalesce(undated.published, undated.win_lo),
                anchors.date_lo)) nulls last,
                anchors.date
        ) as choice
    from undated_pairs
    inner join undated using (mention_id)
    inner join anchors
        on undated.actor = anchors.actor
        and undated.place_key = anchors.place_key
        and undated_pairs.date = anchors.date
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
