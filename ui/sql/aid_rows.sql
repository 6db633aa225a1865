-- aid_rows: aid commitments after the filters, one row each, with the latest sentence behind
-- it; for the table and the time view. Params: $aid_statuses $country_names $outlets (lists,
-- empty = all; a country matches donor or recipient by name); $date_from $date_to; $cap.
-- An undated commitment is placed at its FX date (the day its amount was converted).

with

aid as (
    select
        *,
        coalesce(ui_lo(date), fx_date) as day_lo,
        coalesce(ui_hi(date), fx_date) as day_hi
    from aid
),

from_outlets as (
    select distinct event_mentions.event_id
    from event_mentions
    join articles on articles.id = event_mentions.article_id
    where event_mentions.event_type = 'aid' and list_contains($outlets, articles.source)
),

filtered as (
    select *
    from aid
    where ui_picked($aid_statuses, status)
        and (
            len($country_names) = 0
            or list_contains($country_names, donor)
            or list_contains($country_names, recipient)
        )
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and (len($outlets) = 0 or aid_id in (select event_id from from_outlets))
),

-- the rows shown, cut to $cap before their evidence is looked up
capped as (
    select *, (select count(*) from filtered) as total_rows
    from filtered
    order by amount_usd desc nulls last, day_lo, aid_id
    limit $cap
),

evidence as (
    select
        event_mentions.event_id,
        arg_max(
            event_mentions.evidence,
            (articles.published, event_mentions.article_id, -event_mentions.evidence_start)
        ) as evidence,
        count(*) as n_evidence
    from event_mentions
    join articles on articles.id = event_mentions.article_id
    where event_mentions.event_type = 'aid'
        and event_mentions.event_id in (select aid_id from capped)
    group by event_mentions.event_id
),

behind as (
    select count(distinct article_id) as articles_total
    from event_mentions
    where event_type = 'aid' and event_id in (select aid_id from filtered)
),

final as (
    select
        filtered.aid_id,
        filtered.donor,
        filtered.recipient,
        filtered.amount,
        filtered.currency,
        filtered.amount_usd as usd,
        filtered.fx_rate,
        filtered.fx_date,
        filtered.aid_type,
        filtered.status,
        cast(filtered.date as varchar) as date,
        filtered.date_precision,
        coalesce(filtered.is_total, false) as is_total,
        filtered.day_lo,
        filtered.sources,
        evidence.evidence,
        greatest(coalesce(evidence.n_evidence, 0) - 1, 0) as evidence_more,
        filtered.total_rows,
        behind.articles_total
    from capped as filtered
    cross join behind
    left join evidence on evidence.event_id = filtered.aid_id
)

select * from final
order by usd desc nulls last, day_lo, aid_id
limit $cap
