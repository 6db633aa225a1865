-- article_facts: the events an article reports, one row per evidence span, in text order,
-- with a one-line summary of the event. Param: $article_id.
select
    event_mentions.event_type as fact,
    case event_mentions.event_type
        when 'stop' then concat_ws(', ', stops.actor, coalesce(stops.place, stops.country),
                                   cast(stops.date as varchar))
        when 'meeting' then concat_ws(', ', array_to_string(meetings.participants, ' & '),
                                      coalesce(meetings.place, meetings.country),
                                      cast(meetings.date as varchar))
        when 'aid' then concat_ws(', ', coalesce(aid.donor, 'unnamed donor') || ' → '
                                  || coalesce(aid.recipient, 'unnamed recipient'),
                                  aid.currency || ' ' || format('{:,.0f}', aid.amount),
                                  cast(aid.date as varchar))
        when 'casualty' then concat_ws(', ', concat_ws(' ', casualty_reports.qualifier,
                                       format('{:,}', casualty_reports.value),
                                       casualty_reports.metric),
                                       casualty_reports.reported_by,
                                       casualty_reports."where",
                                       cast(casualty_reports.as_of as varchar))
    end as summary,
    coalesce(stops.status, meetings.status, aid.status) as status,
    event_mentions.evidence,
    event_mentions.evidence_start,
    event_mentions.evidence_end
from event_mentions
left join stops
    on event_mentions.event_type = 'stop' and stops.stop_id = event_mentions.event_id
left join meetings
    on event_mentions.event_type = 'meeting' and meetings.meeting_id = event_mentions.event_id
left join aid
    on event_mentions.event_type = 'aid' and aid.aid_id = event_mentions.event_id
left join casualty_reports
    on event_mentions.event_type = 'casualty'
    and casualty_reports.report_id = event_mentions.event_id
where event_mentions.article_id = $article_id
order by event_mentions.evidence_start, fact
