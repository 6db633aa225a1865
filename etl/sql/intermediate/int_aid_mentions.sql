-- int_aid_mentions: one row per aid mention, ready to be merged into aid reports and those
-- into packages. Adds the date as a period (date_lo..date_hi, DATE), the publication date,
-- and what the amount is in its sentence (stg_aid_roles, read by etl/aid_roles.py from the
-- words around the amount):
--   role          'commitment' (money promised, asked or given), 'part' (a tranche, an
--                 instalment, "EUR 3 bn of the EUR 18 bn", a piece of a package the sentence
--                 breaks down), 'total' (a running or overall figure that includes others:
--                 "brings the total to", "since the start of the war"), 'rate' ("EUR 1.5 bn a
--                 month": a flow, never added up);
--   container_id  the mention whose amount holds this part in the same sentence, if any;
--   holds_parts   another mention of the sentence is a part of this one;
--   is_total      role = 'total' (kept for the pages that mark stated totals).
-- A part the extractor gave no donor or recipient takes its container's ("the EU pledged
-- EUR 9 bn ...; so far Ukraine has received EUR 1 bn": the EUR 1 bn is the EU's).

with

aid as (
    select * from mentions_aid
),

articles as (
    select id as article_id, published from articles
),

roles as (
    select * from stg_aid_roles
),

holders as (
    select distinct container_id as mention_id
    from roles
    where container_id is not null and role = 'part'
),

parsed as (
    select
        aid.mention_id,
        aid.article_id,
        nullif(trim(aid.donor), '') as donor,
        nullif(trim(aid.recipient), '') as recipient,
        aid.amount,
        upper(trim(aid.currency)) as currency,
        coalesce(aid.aid_type, 'unspecified') as aid_type,
        -- a sentence that says a part of this amount was paid ("EUR 3 bn, the first
        -- instalment of a package of up to EUR 18 bn") has not said the whole was: the whole
        -- is committed, its part delivered
        case
            when holders.mention_id is not null and aid.status = 'delivered' then 'pledged'
            -- a commitment its sentence says a legislature or board passed is authorized,
            -- whatever verb tells it ("a package of about $60 billion passed by the Senate
            -- remains stalled")
            when aid.status in ('pledged', 'announced') and regexp_matches(lower(aid.evidence),
                '\b(passed|approved|authori[sz](ed|es)|ratified|signed into law|voted)\b')
                then 'authorized'
            -- given, when the sentence says only that it was agreed or is still to be ("staff
            -- reached agreement on a $17.5 billion programme, which still needs approval")
            -- and no word of giving: committed
            when aid.status = 'delivered'
                and regexp_matches(lower(aid.evidence), '\b(agreement|agreed|needs approval|'
                    || 'still needs|will|would|plans?|planned|expected)\b')
                and not regexp_matches(lower(aid.evidence), '\b(disburs\w*|paid|pays|sent|'
                    || 'deliver\w*|transferr\w*|received|arrived|handed|donated|'
                    || 'contributed|provided|gave|given)\b')
                then 'pledged'
            else aid.status
        end as status,
        period_text(aid.date) as date,
        period_precision(aid.date) as date_precision,
        period_start(aid.date) as date_lo,
        period_end(aid.date) as date_hi,
        aid.qualifier,
        aid.evidence,
        aid.evidence_start,
        aid.evidence_end,
        coalesce(roles.role, 'commitment') as role,
        roles.container_id,
        roles.reason as role_reason,
        holders.mention_id is not null as holds_parts
    from aid
    left join roles using (mention_id)
    left join holders using (mention_id)
),

final as (
    select
        parsed.* exclude (donor, recipient),
        coalesce(parsed.donor, container.donor) as donor,
        coalesce(parsed.recipient, container.recipient) as recipient,
        parsed.role = 'total' as is_total,
        articles.published
    from parsed
    left join parsed as container
        on container.mention_id = parsed.container_id
    left join articles on articles.article_id = parsed.article_id
)

select * from final
