-- casualty_rows: casualty reports after the filters, one row per report (competing figures
-- stay side by side), with the latest sentence behind each. Params: $metrics $places
-- $country_names $outlets (lists, empty = all; a country matches when its name occurs in
-- "where"; a place is the report's "where", '' for reports that name none);
-- $date_from $date_to; $cap.

with

reports as (
    select *, ui_lo(as_of) as day_lo, ui_hi(as_of) as day_hi
    from casualty_reports
),

from_outlets as (
    select distinct event_mentions.event_id
    from event_mentions
    join articles on articles.id = event_mentions.article_id
    where event_mentions.event_type = 'casualty' and list_contains($outlets, articles.source)
),

filtered as (
    select *
    from reports
    where ui_picked($metrics, metric)
        and ui_picked($places, coalesce("where", ''))
        and (
            len($country_names) = 0
            or len(list_filter($country_names, lambda n: contains(lower("where"), lower(n)))) > 0
        )
        and ui_in_window(day_lo, day_hi, $date_from, $date_to)
        and (len($outlets) = 0 or report_id in (select event_id from from_outlets))
        and day_lo is not null
),

-- the rows shown, cut to $cap before their evidence is looked up
capped as (
    select *, (select count(*) from filtered) as total_rows
    from filtered
    order by day_lo desc, metric, reported_by, report_id
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
    where event_mentions.event_type = 'casualty'
        and event_mentions.event_id in (select report_id from capped)
    group by event_mentions.event_id
),

behind as (
    select count(distinct article_id) as articles_total
    from event_mentions
    where event_type = 'casualty' and event_id in (select report_id from filtered)
),

final as (
    select
        filtered.report_id,
        filtered.metric,
        filtered.value,
        filtered.qualifier,
        cast(filtered.as_of as varchar) as as_of_text,
        filtered.day_lo as as_of,
        filtered.reported_by,
        filtered."where",
        filtered.sources,
        evidence.evidence,
        greatest(coalesce(evidence.n_evidence, 0) - 1, 0) as evidence_more,
        filtered.total_rows,
        behind.articles_total
    from capped as filtered
    cross join behind
    left join evidence on evidence.event_id = filtered.report_id
)

select * from final
order by as_of desc, metric, reported_by, report_id
limit $cap
