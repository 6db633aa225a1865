-- int_casualty_members: which casualty report each casualty mention belongs to.
-- A report is one distinct figure: (metric, value, as_of, reported_by, where). Two outlets
-- giving the same figure from the same reporter for the same day are one report with two
-- sources; a different value, day or reporter is another report, kept beside it: figures
-- are never averaged or summed across sources. The qualifier ("at least") is not part of the
-- key: "at least 4,634" and "4,634" from the UN on the same day are the same count.

with

casualties as (
    select * from mentions_casualty
),

articles as (
    select id as article_id, published from articles
),

normalised as (
    select
        casualties.mention_id,
        casualties.article_id,
        articles.published,
        casualties.metric,
        casualties.value,
        casualties.qualifier,
        period_text(casualties.as_of) as as_of,
        nullif(trim(casualties.reported_by), '') as reported_by,
        nullif(trim(casualties."where"), '') as "where",
        casualties.evidence_start
    from casualties
    left join articles using (article_id)
),

final as (
    select
        normalised.*,
        short_id(
            'casualty|' || metric || '|' || cast(value as varchar) || '|'
            || coalesce(as_of, '') || '|' || coalesce(reported_by, '') || '|'
            || coalesce("where", '')
        ) as report_id
    from normalised
)

select * from final
