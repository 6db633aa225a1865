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

-- every finer-or-equal signature under each period containing its date: the candidates that
-- may refine a signature share its party_key and have its date as this period
signature_periods as (
    select signatures.*, unnest(date_prefixes(signatures.date)) as period
    from signatures
),

anchors as (
    select signatures.*
    from signatures
    where not exists (
        select 1
        from signature_periods as finer
        where finer.party_key = signatures.party_key
            and finer.period = signatures.date
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

-- each anchor under every period that contains its date (dated mentions join by equality),
-- and under the months of its period and of its reports (undated mentions, then exact tests)
anchor_periods as (
    select anchors.*, unnest(date_prefixes(anchors.date)) as period
    from anchors
),

anchor_months as (
    select anchors.*, unnest(month_span(date_lo, date_hi)) as month
    from anchors
),

anchor_report_months as (
    select anchors.*, unnest(month_span(min_published - 6, max_published + 6)) as month
    from anchors
),

undated as (
    select * from mentions where date is null
),

pairs as (
    select mentions.mention_id, anchor_periods.date, anchor_periods.place_key,
        anchor_periods.mode
    from mentions
    inner join anchor_periods
        on mentions.party_key = anchor_periods.party_key
        and mentions.date = anchor_periods.period
    where (
            mentions.place_key is null
            or anchor_periods.place_key = mentions.place_key
            or (mentions.place_kind = 'country' and anchor_periods.country = mentions.country)
        )
        and (mentions.mode is null or anchor_periods.mode = mentions.mode)
    union
    select undated.mention_id, anchor_months.date, anchor_months.place_key, anchor_months.mode
    from (select *, unnest(month_span(win_lo, win_hi)) as month from undated) as undated
    inner join anchor_months
        on undated.party_key = anchor_months.party_key
        and undated.month = anchor_months.month
    where (
            undated.place_key is null
            or anchor_months.place_key = undated.place_key
            or (undated.place_kind = 'country' and anchor_months.country = undated.country)
        )
        and (undated.mode is null or anchor_months.mode = undated.mode)
        and anchor_months.date_lo <= undated.win_hi and anchor_months.date_hi >= undated.win_lo
    union
    select undated.mention_id, anchor_report_months.date, anchor_report_months.place_key,
        anchor_report_months.mode
    from undated
    inner join anchor_report_months
        on undated.party_key = anchor_report_months.party_key
        and month_number(undated.published) = anchor_report_months.month
    where (
            undated.place_key is null
            or anchor_report_months.place_key = undated.place_key
            or (undated.place_kind = 'country'
                and anchor_report_months.country = undated.country)
        )
        and (undated.mode is null or anchor_report_months.mode = undated.mode)
        and undated.segment = 0
        and undated.published between anchor_report_months.min_published - 6
            and anchor_report_months.max_published + 6
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
    from pairs
    inner join mentions using (mention_id)
    inner join anchors
        on mentions.party_key = anchors.party_key
        and pairs.date = anchors.date
        and pairs.place_key is not distinct from anchors.place_key
        and pairs.mode is not distinct from anchors.mode
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
