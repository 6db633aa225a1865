-- aid_stages: the history of each aid package, one row per report behind it (aid rows that
-- belong to a package), in the order the package went through them.
--   aid_id          the report (the aid mart's key; its mentions are in event_mentions);
--   seq             1-based position in the package's history: by day (undated last), then
--                   stage from asked to given;
--   kind            'stage' (the figure at a stage), 'restatement' (a stated total that is
--                   the figure again) or 'part' (a tranche or piece inside the package);
--   stage           the report's status (requested ... delivered);
--   amount, currency, amount_usd   the report's figure (units of currency; USD at the
--                   package's rate, so parts compare with the package);
--   is_figure       this report gives the package's committed figure;
--   date, date_precision, day_lo (DATE: its day, or FX day when undated);
--   sources         distinct articles; first_reported/last_reported their publication dates.
-- The sentences behind each row: evidence, evidence_count, article_ids and outlets
-- (etl/sql/post/package_columns.sql).

with

events as (
    select * from int_aid_events
),

members as (
    select * from int_aid_package_members
),

packages as (
    select package_id, fx_rate, figure_aid_id from aid_packages
),

final as (
    select
        members.package_id,
        events.aid_id,
        row_number() over (
            partition by members.package_id
            order by events.day_lo nulls last, aid_stage(events.status), events.amount desc,
                events.aid_id
        )::integer as seq,
        members.kind,
        events.status as stage,
        events.amount,
        events.currency,
        events.amount * packages.fx_rate as amount_usd,
        events.aid_id = packages.figure_aid_id as is_figure,
        events.date,
        events.date_precision,
        events.day_lo,
        events.sources,
        events.first_reported,
        events.last_reported
    from members
    inner join events using (aid_id)
    inner join packages using (package_id)
    where members.package_id is not null
)

select * from final
