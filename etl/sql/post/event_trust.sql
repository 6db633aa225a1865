-- event_trust: how far an officer can stand behind each row of an event mart, from the facts
-- behind it (event_mentions, review_facts), computed once per build for the pages, the map's
-- styling and the verified-only filter. Run by etl/trust.py once per mart, after
-- review_facts.sql and trust_macros.sql; the placeholders are constants of that module,
-- never input: {table} the mart, {event_type} its event_mentions.event_type, {id} its id
-- column, {status} the expression of its status (null for casualty reports, which have none).
-- Reads only the mart's id and status: the marts' other columns belong to their models.
--
-- Columns added:
--   confidence        [0, 1], two decimals. Per independent outlet (trust_outlet: a wire and
--                     its reprints are one outlet) the best confidence among its reports that
--                     agree with the event (trust_agrees). The best outlet counts whole; each
--                     further agreeing outlet removes half of its own confidence's share of
--                     the doubt left:
--                         support = 1 - (1 - best) * product(1 - 0.5 * other)
--                     and outlets whose reports all give another status take their share off:
--                         confidence = support * (1 - 0.5 * disagreeing / (agreeing + disagreeing))
--                     A fact without an extractor confidence (one an analyst added) counts as
--                     0.5. With no agreeing report at all it is half the best report's. The
--                     weights are a first setting; the extraction engine's calibration sets
--                     the mention confidences these start from.
--   confidence_reasons short phrases: the best report and how it was found, how many
--                     independent outlets agree, which disagree;
--   review_state      verified | corrected | unreviewed: corrected when an analyst corrected
--                     a report that agrees with the event, else verified when one verified such
--                     a report, else unreviewed (a reviewed report of another status does not
--                     vouch for the status shown);
--   reviewed_by       the analysts behind those reviews, sorted.

create or replace table {table} as

with

mart as (
    select * from {table}
),

events as (
    select {id} as event_id, {status} as event_status from mart
),

links as (
    select
        event_mentions.event_id,
        event_mentions.mention_id,
        event_mentions.status as said,
        event_mentions.published,
        trust_outlet(articles.source) as outlet,
        review_facts.confidence as extracted,
        coalesce(review_facts.confidence, 0.5) as confidence,
        review_facts.confidence_reasons,
        review_facts.review_state,
        review_facts.reviewed_by
    from event_mentions
    left join articles on articles.id = event_mentions.article_id
    left join review_facts
        on review_facts.mention_id = event_mentions.mention_id
        and review_facts.fact_type = event_mentions.mention_type
    where event_mentions.event_type = '{event_type}'
),

settled as (
    select
        links.event_id,
        max(links.published) filter (
            where links.said is not distinct from events.event_status
        ) as settled_on
    from links
    inner join events using (event_id)
    group by links.event_id
),

judged as (
    select
        links.*,
        events.event_status,
        trust_agrees('{event_type}', links.said, events.event_status, links.published,
                     settled.settled_on) as agrees
    from links
    inner join events using (event_id)
    left join settled using (event_id)
),

outlets as (
    select
        event_id,
        outlet,
        bool_or(agrees) as agrees,
        max(confidence) filter (where agrees) as best,
        arg_max(confidence_reasons, confidence) filter (where agrees) as best_reasons,
        bool_or(agrees and extracted is null) as has_unscored,
        first(said order by published desc nulls last) filter (where not agrees) as other_status
    from judged
    group by event_id, outlet
),

ranked as (
    select
        outlets.*,
        row_number() over (
            partition by event_id order by agrees desc, best desc nulls last, outlet
        ) as rank
    from outlets
),

scored as (
    select
        event_id,
        count(*) filter (where agrees) as agreeing,
        count(*) filter (where not agrees) as disagreeing,
        max(best) filter (where rank = 1 and agrees) as best,
        any_value(outlet) filter (where rank = 1) as best_outlet,
        any_value(best_reasons) filter (where rank = 1 and agrees) as best_reasons,
        coalesce(product(1 - 0.5 * best) filter (where rank > 1 and agrees), 1) as others,
        list_sort(list(outlet) filter (where rank > 1 and agrees)) as also,
        list_sort(list(outlet || ': ' || coalesce(other_status, 'no status'))
                  filter (where not agrees)) as against,
        bool_or(has_unscored) as has_unscored
    from ranked
    group by event_id
),

best_any as (
    select event_id, max(confidence) as best_any
    from judged
    group by event_id
),

reviewed as (
    select
        event_id,
        case
            when bool_or(agrees and review_state = 'corrected') then 'corrected'
            when bool_or(agrees and review_state = 'verified') then 'verified'
            else 'unreviewed'
        end as review_state,
        list_sort(list(distinct reviewed_by) filter (
            where agrees and review_state in ('verified', 'corrected')
                and reviewed_by is not null
        )) as reviewed_by
    from judged
    group by event_id
),

trust as (
    select
        scored.event_id,
        round(
            case
                when scored.agreeing = 0 then 0.5 * best_any.best_any
                else (1 - (1 - scored.best) * scored.others)
                    * (1 - 0.5 * scored.disagreeing / (scored.agreeing + scored.disagreeing))
            end, 2
        ) as confidence,
        list_filter([
            case when scored.agreeing = 0
                then 'no report gives the status shown: half the best report''s confidence'
                else format('best report {:.2f} from {}: {}', scored.best, scored.best_outlet,
                            coalesce(nullif(array_to_string(scored.best_reasons, '; '), ''),
                                     'no reasons given'))
            end,
            case
                when scored.agreeing > 1
                    then format('{} independent outlets agree (also {})', scored.agreeing,
                                array_to_string(scored.also, ', '))
                when scored.agreeing = 1 then 'one outlet only'
            end,
            case when scored.disagreeing > 0
                then format('{} outlet{} report{} another status: {}', scored.disagreeing,
                            case when scored.disagreeing > 1 then 's' else '' end,
                            case when scored.disagreeing > 1 then '' else 's' end,
                            array_to_string(scored.against, '; '))
            end,
            case when scored.has_unscored
                then 'a fact added by an analyst has no extractor confidence: taken as 0.50'
            end
        ], lambda reason: reason is not null) as confidence_reasons
    from scored
    inner join best_any using (event_id)
),

final as (
    select
        mart.*,
        coalesce(trust.confidence, 0) as confidence,
        coalesce(trust.confidence_reasons, ['no report behind this row']) as confidence_reasons,
        coalesce(reviewed.review_state, 'unreviewed') as review_state,
        coalesce(reviewed.reviewed_by, []::varchar[]) as reviewed_by
    from mart
    left join trust on trust.event_id = mart.{id}
    left join reviewed on reviewed.event_id = mart.{id}
)

select * from final
