-- review_facts: one row per fact (mention) of every type, with how sure the extractor is and
-- what an analyst made of it: what the review queue lists and what every event's review
-- state is built from (etl/sql/post/event_trust.sql). Key: mention_id (unique across the
-- four mentions tables: the fact type is part of the hash).
-- Run by etl/trust.py after the marts; reads the mentions tables, articles and corrections.
-- Columns:
--   fact_type         visit | meeting | aid | casualty (the mentions_* table);
--   summary           the fact in a line, for the queue ("Antony Blinken in Tokyo, JP");
--   status, date      as the fact says (a casualty's date is its as_of; it has no status);
--   confidence        the extractor's, in [0, 1]; null for a fact an analyst added;
--   confidence_reasons how each part was found (etl/extract/confidence.py);
--   review_state      unreviewed | verified | corrected, from the last correction applied to
--                     the fact (correction_id): a verify makes it verified, an edit or an add
--                     corrected; rejected facts are not in the mentions tables at all;
--   reviewed_by, reviewed_at   who made that correction, and when (UTC);
--   correction_target the JSON target of that correction: a further correction of this fact
--                     names it the same way (etl/corrections/store.py mention_target);
--   actor, place, country, participants, donor, recipient, amount, currency, metric, value:
--                     the fields of its type, null for the others (identity for the queue);
--   published, title, source   the article's.

create or replace table review_facts as

with

visits as (
    select
        'visit' as fact_type, mention_id, article_id,
        concat_ws(', ', actor || ' in ' || coalesce(place, country, 'an unnamed place'),
                  case when place is not null then country end) as summary,
        status, date, confidence, confidence_reasons, evidence, evidence_start, evidence_end,
        correction_id, actor, place, country, null::varchar[] as participants,
        null::varchar as donor, null::varchar as recipient, null::double as amount,
        null::varchar as currency, null::varchar as metric, null::bigint as value
    from mentions_visit
),

meetings as (
    select
        'meeting', mention_id, article_id,
        array_to_string(participants[1:len(participants) - 1], ', ') || ' and '
            || participants[len(participants)] || ' meet'
            || coalesce(' in ' || coalesce(place, country), ''),
        status, date, confidence, confidence_reasons, evidence, evidence_start, evidence_end,
        correction_id, null, place, country, participants, null, null, null, null, null, null
    from mentions_meeting
),

aid as (
    select
        'aid', mention_id, article_id,
        coalesce(donor, 'an unnamed donor') || ' to ' || coalesce(recipient, 'an unnamed recipient')
            || ': ' || currency || ' ' || format('{:,.0f}', amount),
        status, date, confidence, confidence_reasons, evidence, evidence_start, evidence_end,
        correction_id, null, null, null, null, donor, recipient, amount, currency, null, null
    from mentions_aid
),

casualties as (
    select
        'casualty', mention_id, article_id,
        concat_ws(' ', qualifier, format('{:,}', value), metric)
            || coalesce(' in ' || "where", '') || coalesce(', per ' || reported_by, ''),
        null, as_of, confidence, confidence_reasons, evidence, evidence_start, evidence_end,
        correction_id, null, null, null, null, null, null, null, null, metric, value
    from mentions_casualty
),

facts as (
    select * from visits
    union all
    select * from meetings
    union all
    select * from aid
    union all
    select * from casualties
),

reviews as (
    select id, action, user_name, created_at, target
    from corrections
    where status = 'applied'
),

articles as (
    select id as article_id, published, title, source from articles
),

final as (
    select
        facts.fact_type,
        facts.mention_id,
        facts.article_id,
        facts.summary,
        facts.status,
        facts.date,
        facts.confidence,
        coalesce(facts.confidence_reasons, []::varchar[]) as confidence_reasons,
        facts.evidence,
        facts.evidence_start,
        facts.evidence_end,
        facts.correction_id,
        case reviews.action
            when 'verify' then 'verified'
            when 'edit' then 'corrected'
            when 'add' then 'corrected'
            else 'unreviewed'
        end as review_state,
        reviews.user_name as reviewed_by,
        reviews.created_at as reviewed_at,
        reviews.target as correction_target,
        facts.actor,
        facts.place,
        facts.country,
        facts.participants,
        facts.donor,
        facts.recipient,
        facts.amount,
        facts.currency,
        facts.metric,
        facts.value,
        articles.published,
        articles.title,
        articles.source
    from facts
    left join reviews on reviews.id = facts.correction_id
    left join articles using (article_id)
)

select * from final
order by published desc nulls last, article_id, evidence_start, fact_type, mention_id
