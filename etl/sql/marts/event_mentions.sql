-- event_mentions: the link from every event row to the mentions behind it, so every point,
-- arc, bar and marker can open its sentences. One row per (event_type, event_id, mention_id).
--   event_type    'stop' | 'meeting' | 'aid' | 'casualty' (the mart: stops, meetings, aid,
--                 casualty_reports; event_id is its stop_id, meeting_id, aid_id, report_id);
--   mention_type  which mentions_* table mention_id is in ('visit', 'meeting', 'aid',
--                 'casualty'): a stop implied by a meeting links to the meeting's mentions;
--   status, date  what that one report said: the history behind the event's latest status
--                 (planned on Monday, occurred on Wednesday) stays visible here;
--   evidence, evidence_start, evidence_end: the sentence and its character offsets in
--                 articles.text; published: the article's publication date;
--   corrected, correction_id: whether an analyst changed or added that mention, and the last
--                 correction applied to it (etl/corrections).

with

articles as (
    select id as article_id, published from articles
),

stop_visit_links as (
    select
        'stop' as event_type,
        int_stop_members.stop_id as event_id,
        'visit' as mention_type,
        mentions_visit.mention_id,
        mentions_visit.article_id,
        mentions_visit.status,
        mentions_visit.date,
        mentions_visit.evidence,
        mentions_visit.evidence_start,
        mentions_visit.evidence_end,
        coalesce(mentions_visit.corrected, false) as corrected,
        mentions_visit.correction_id
    from int_stop_members
    inner join mentions_visit using (mention_id)
),

stop_meeting_links as (
    select distinct
        'stop' as event_type,
        int_meeting_stop_members.stop_id as event_id,
        'meeting' as mention_type,
        mentions_meeting.mention_id,
        mentions_meeting.article_id,
        mentions_meeting.status,
        mentions_meeting.date,
        mentions_meeting.evidence,
        mentions_meeting.evidence_start,
        mentions_meeting.evidence_end,
        coalesce(mentions_meeting.corrected, false) as corrected,
        mentions_meeting.correction_id
    from int_meeting_stop_members
    inner join int_meeting_members using (meeting_id)
    inner join mentions_meeting using (mention_id)
),

meeting_links as (
    select
        'meeting' as event_type,
        int_meeting_members.meeting_id as event_id,
        'meeting' as mention_type,
        mentions_meeting.mention_id,
        mentions_meeting.article_id,
        mentions_meeting.status,
        mentions_meeting.date,
        mentions_meeting.evidence,
        mentions_meeting.evidence_start,
        mentions_meeting.evidence_end,
        coalesce(mentions_meeting.corrected, false) as corrected,
        mentions_meeting.correction_id
    from int_meeting_members
    inner join mentions_meeting using (mention_id)
),

aid_links as (
    select
        'aid' as event_type,
        int_aid_members.aid_id as event_id,
        'aid' as mention_type,
        mentions_aid.mention_id,
        mentions_aid.article_id,
        mentions_aid.status,
        mentions_aid.date,
        mentions_aid.evidence,
        mentions_aid.evidence_start,
        mentions_aid.evidence_end,
        coalesce(mentions_aid.corrected, false) as corrected,
        mentions_aid.correction_id
    from int_aid_members
    inner join mentions_aid using (mention_id)
),

casualty_links as (
    select
        'casualty' as event_type,
        int_casualty_members.report_id as event_id,
        'casualty' as mention_type,
        mentions_casualty.mention_id,
        mentions_casualty.article_id,
        null::varchar as status,
        mentions_casualty.as_of as date,
        mentions_casualty.evidence,
        mentions_casualty.evidence_start,
        mentions_casualty.evidence_end,
        coalesce(mentions_casualty.corrected, false) as corrected,
        mentions_casualty.correction_id
    from int_casualty_members
    inner join mentions_casualty using (mention_id)
),

links as (
    select * from stop_visit_links
    union all
    select * from stop_meeting_links
    union all
    select * from meeting_links
    union all
    select * from aid_links
    union all
    select * from casualty_links
),

final as (
    select
        links.event_type,
        links.event_id,
        links.mention_id,
        links.article_id,
        links.evidence,
        links.evidence_start,
        links.evidence_end,
        links.mention_type,
        links.status,
        links.date,
        articles.published,
        links.corrected,
        links.correction_id
    from links
    left join articles using (article_id)
)

select * from final
