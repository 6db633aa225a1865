-- int_aid_members: which aid commitment each aid mention belongs to.
--
-- Merge rule: same donor, recipient, currency and kind of figure (int_aid_mentions.role: a
-- total never merges with a commitment or a part, nor a rate with anything; a commitment and
-- a part of one amount may, "it amounted to EUR 3 bn" being the instalment another article
-- calls one; a null donor matches a null donor), amounts
-- within 1% of each other, compatible dates. These are reports of one figure at one stage;
-- int_aid_package_members then follows a commitment through its stages. Amounts are chained into islands: sorted by
-- amount, a mention more than 1% above the previous one starts a new island.
-- Within an island, as for stops: each distinct date is a candidate, a candidate a finer
-- date refines is not a commitment of its own, and a dated mention joins the anchor inside
-- its period nearest to its publication date. An undated mention (most restatements carry no
-- date: "another $61 billion") joins the anchor nearest to its publication date within 366
-- days (bills and pledging rounds take up to a year to pass and pay); undated mentions that
-- join no anchor merge with each other unless a year passes between two reports.

with

mentions as (
    select * from int_aid_mentions
),

keyed as (
    select
        mentions.*,
        coalesce(donor, '') || '|' || coalesce(recipient, '') || '|' || currency || '|'
            || case when role in ('total', 'rate') then role else 'figure' end as party_key
    from mentions
),

stepped as (
    select
        keyed.*,
        case when amount > 1.01 * lag(amount) over (partition by party_key order by amount,
            mention_id) then 1 else 0 end as new_island
    from keyed
),

islands as (
    select
        stepped.*,
        sum(new_island) over (partition by party_key order by amount, mention_id) as island_n
    from stepped
),

island_keys as (
    select
        islands.*,
        party_key || '|' || cast(min(amount) over (partition by party_key, island_n) as varchar)
            as island_key
    from islands
),

signatures as (
    select
        island_key,
        date,
        any_value(date_lo) as date_lo,
        min(published) as min_published,
        max(published) as max_published
    from island_keys
    where date is not null
    group by island_key, date
),

-- the periods a finer signature lies inside: a signature whose date is one of them is refined
refined as (
    select distinct island_key, prefix as date
    from (
        select island_key, date, unnest(date_prefixes(date)) as prefix
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
        where refined.island_key = signatures.island_key
            and refined.date = signatures.date
    )
),

-- each anchor under every period that contains its date (dated mentions join by equality),
-- and under the years within 366 days of its date or of its reports (undated mentions, then
-- the exact tests)
anchor_periods as (
    select anchors.*, unnest(date_prefixes(anchors.date)) as period
    from anchors
),

anchor_years as (
    select island_key, date, date_lo, min_published, max_published, unnest(list_distinct(
        range(year(date_lo - 366), year(date_lo + 366) + 1)
        || case when min_published is not null and max_published is not null
            then range(year(min_published - 366), year(max_published + 366) + 1)
            else [] end
    )) as year
    from anchors
),

pairs as (
    select island_keys.mention_id, anchor_periods.date
    from island_keys
    inner join anchor_periods
        on island_keys.island_key = anchor_periods.island_key
        and island_keys.date = anchor_periods.period
    union all
    select island_keys.mention_id, anchor_years.date
    from island_keys
    inner join anchor_years
        on island_keys.island_key = anchor_years.island_key
        and year(island_keys.published) = anchor_years.year
    where island_keys.date is null
        and (
            abs(date_diff('day', island_keys.published, anchor_years.date_lo)) <= 366
            or island_keys.published between anchor_years.min_published - 366
                and anchor_years.max_published + 366
        )
),

candidates as (
    select
        island_keys.mention_id,
        island_keys.island_key,
        anchors.date,
        row_number() over (
            partition by island_keys.mention_id
            order by abs(date_diff('day', island_keys.published, anchors.date_lo)) nulls last,
                anchors.date
        ) as choice
    from pairs
    inner join island_keys using (mention_id)
    inner join anchors
        on island_keys.island_key = anchors.island_key
        and pairs.date = anchors.date
),

undated_alone as (
    select island_keys.*
    from island_keys
    where island_keys.mention_id not in (
        select mention_id from candidates
    )
),

undated_gaps as (
    select
        undated_alone.*,
        date_diff('day', lag(published) over by_published, published) as gap_days
    from undated_alone
    window by_published as (
        partition by island_key order by published nulls last, mention_id
    )
),

undated_runs as (
    select
        undated_gaps.*,
        sum(case when gap_days is null or gap_days > 366 then 1 else 0 end) over (
            partition by island_key order by published nulls last, mention_id
        ) as run_n
    from undated_gaps
),

undated_buckets as (
    select
        undated_runs.*,
        case
            when published is null then 'article:' || article_id
            else 'run:' || strftime(
                min(published) over (partition by island_key, run_n), '%Y-%m-%d'
            )
        end as bucket
    from undated_runs
),

members as (
    select mention_id, island_key, date, null as bucket
    from candidates
    where choice = 1
    union all
    select mention_id, island_key, null as date, bucket
    from undated_buckets
),

final as (
    select
        mention_id,
        short_id('aid|' || island_key || '|' || coalesce(date, bucket)) as aid_id,
        island_key,
        date
    from members
)

select * from final
