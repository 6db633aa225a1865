-- int_casualty_members: which casualty report (and series) each casualty mention belongs to.
--
-- A series is one line on the timeline: (metric, place, reporting source, population). The
-- names are folded through the alias tables (data/reference/areas.csv, reporters.csv, read by
-- etl/casualty_terms.py): "Gaza" and "the Gaza Strip" are the area Gaza Strip (PS); "the
-- health ministry in Gaza" and "the health ministry in the Hamas-run territory" are the Gaza
-- health ministry; a form that is only clear with its place ("the ministry", "Ministry of
-- Health") takes the reporter its alias names for that area or country. A report that names
-- no place takes the area its article's headline names ("Gaza toll passes 8,000"). A name
-- no alias knows is kept as written; a pronoun ("they") is no reporter. population is the
-- extractor's ("2,055 children": children; null: all): a sub-count is its own series, never
-- a point on the total's line.
--
-- A report is one distinct figure of one series on one day: (metric, value, as_of,
-- reported_by, where, population). Two outlets giving the same figure from the same reporter
-- for the same day are one report with two sources; a different value, day, reporter or
-- population is another report, kept beside it: figures are never averaged or summed. The
-- qualifier ("at least") is not part of the key. Figures that are not counts of people
-- (stg_casualty_checks: a population, a number of ambulances) are in no report.

with

casualties as (
    select * from mentions_casualty
),

articles as (
    select id as article_id, published, title from articles
),

checks as (
    select * from stg_casualty_checks
),

reporters as (
    select name_key(alias) as alias_key, nullif(trim(reporter), '') as reporter, scope,
        nullif(trim(reporter), '') is null as no_one
    from stg_reporters
),

-- one area per folded alias ('Philippines' and 'The Philippines' fold alike)
areas as (
    select name_key(alias) as alias_key, area, country
    from stg_areas
    qualify row_number() over (partition by name_key(alias) order by area, country) = 1
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
        nullif(trim(casualties.reported_by), '') as reported_as,
        nullif(trim(casualties."where"), '') as where_as,
        coalesce(casualties.population, 'all') as population,
        casualties.evidence_start
    from casualties
    left join articles using (article_id)
    where casualties.mention_id not in (select mention_id from checks)
),

-- the place an article's headline names first ("Gaza toll passes 8,000 as Israel widens
-- its offensive" is about Gaza); at one position the longest alias ("southern Israel")
headline_areas as (
    select articles.article_id, areas.area, areas.country
    from articles
    inner join areas
        on contains(' ' || name_key(articles.title) || ' ', ' ' || areas.alias_key || ' ')
    qualify row_number() over (
        partition by articles.article_id
        order by strpos(' ' || name_key(articles.title) || ' ', ' ' || areas.alias_key || ' '),
            length(areas.alias_key) desc, areas.area
    ) = 1
),

placed as (
    select
        normalised.*,
        coalesce(areas.area, normalised.where_as, headline_areas.area) as area,
        case
            when areas.area is not null then areas.country
            when normalised.where_as is null then headline_areas.country
        end as area_country
    from normalised
    left join areas on areas.alias_key = name_key(normalised.where_as)
    left join headline_areas
        on headline_areas.article_id = normalised.article_id
        and normalised.where_as is null
),

-- an alias meant for the report's area beats one meant for its country, which beats one
-- meant anywhere
reporter_choice as (
    select
        placed.mention_id,
        reporters.reporter,
        reporters.no_one
    from placed
    inner join reporters
        on reporters.alias_key = name_key(placed.reported_as)
        and (reporters.scope is null or reporters.scope = placed.area
            or reporters.scope = placed.area_country)
    qualify row_number() over (
        partition by placed.mention_id
        order by case when reporters.scope = placed.area then 0
                when reporters.scope is not null then 1 else 2 end,
            reporters.reporter
    ) = 1
),

named as (
    select
        placed.*,
        -- a name no alias knows, as written, without the words a sentence put before it
        -- ("where the ministry said")
        case when reporter_choice.no_one then null
            else coalesce(reporter_choice.reporter, regexp_replace(placed.reported_as,
                '^((where|and|but|while|as|according to)\s+)+', '', 'i'))
        end as reported_by,
        placed.area as "where"
    from placed
    left join reporter_choice using (mention_id)
),

final as (
    select
        named.*,
        short_id(
            'series|' || metric || '|' || coalesce("where", '') || '|'
            || coalesce(reported_by, '') || '|' || population
        ) as series_id,
        short_id(
            'casualty|' || metric || '|' || cast(value as varchar) || '|'
            || coalesce(as_of, '') || '|' || coalesce(reported_by, '') || '|'
            || coalesce("where", '') || '|' || population
        ) as report_id
    from named
)

select * from final
