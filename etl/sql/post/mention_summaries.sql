-- mention_summaries: every row of event_mentions gets the one-line summary and the status of
-- the event it links to, so the Sources page lists an article's facts by reading that
-- article's rows of event_mentions alone (stored in article order: a few row groups) instead
-- of joining them with four whole marts on every run (article_facts: 14x its raw scan at a
-- million mentions). Run by etl/events.py post_marts() after the marts and their trust
-- columns. Columns added:
--   event_summary  'who, where, when' of a stop or meeting, 'donor → recipient, amount, date'
--                  of aid, 'qualifier value metric, reported by, where, as of' of a casualty
--                  report (ui/sql/article_facts.sql shows it as is);
--   event_status   the event's status (not the mention's own `status`); null for casualty
--                  reports, which have none.

create or replace table event_mentions as

with

summaries as (
    select
        'stop' as event_type,
        stop_id as event_id,
        concat_ws(', ', actor, coalesce(place, country), cast(date as varchar)) as summary,
        status
    from stops
    union all
    select
        'meeting',
        meeting_id,
        concat_ws(', ', array_to_string(participants, ' & '), coalesce(place, country),
                  cast(date as varchar)),
        status
    from meetings
    union all
    select
        'aid',
        aid_id,
        concat_ws(', ', coalesce(donor, 'unnamed donor') || ' → '
                  || coalesce(recipient, 'unnamed recipient'),
                  currency || ' ' || format('{:,.0f}', amount),
                  cast(date as varchar)),
        status
    from aid
    union all
    select
        'casualty',
        report_id,
        concat_ws(', ', concat_ws(' ', qualifier, format('{:,}', value), metric),
                  reported_by, "where", cast(as_of as varchar)),
        null::varchar
    from casualty_reports
),

final as (
    select
        event_mentions.*,
        summaries.summary as event_summary,
        summaries.status as event_status
    from event_mentions
    left join summaries
        on summaries.event_type = event_mentions.event_type
        and summaries.event_id = event_mentions.event_id
)

select * from final
