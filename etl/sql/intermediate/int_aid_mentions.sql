-- int_aid_mentions: one row per aid mention, ready to be merged into aid commitments.
-- Adds the date as a period (date_lo..date_hi, DATE), the publication date, and is_total.
--
-- is_total: the figure is a running or overall total that includes other figures, not a new
-- sum. True when the evidence sentence says so ("a total of", "brings the total to",
-- "in total", "totalling", "in all,", "altogether", "so far", "to date", "cumulative") and
-- the amount is the largest one the sentence gives for the same donor, recipient and
-- currency: in "another £30m, bringing the total to £50m" only the £50m is the total.
-- Also a total: the largest of several amounts in one currency in a sentence that says the
-- others are inside it ("$61bn for Ukraine, part of a $95bn package", "£600m, including
-- £242m"), and a figure counted "since the start" of a war or programme.

with

aid as (
    select * from mentions_aid
),

articles as (
    select id as article_id, published from articles
),

parsed as (
    select
        aid.mention_id,
        aid.article_id,
        trim(aid.donor) as donor,
        trim(aid.recipient) as recipient,
        aid.amount,
        upper(trim(aid.currency)) as currency,
        coalesce(aid.aid_type, 'unspecified') as aid_type,
        aid.status,
        period_text(aid.date) as date,
        period_precision(aid.date) as date_precision,
        period_start(aid.date) as date_lo,
        period_end(aid.date) as date_hi,
        aid.qualifier,
        aid.evidence,
        aid.evidence_start,
        aid.evidence_end,
        regexp_matches(
            lower(aid.evidence),
            '\btotal(s|led|ling|ed|ing)?\b|\bin all\s*[,.;:)]|\bin all$|\baltogether\b'
            || '|\bso far\b|\bto date\b|\bcumulative|\bsince the (start|beginning|outbreak)'
        ) as says_total,
        aid.amount = max(aid.amount) over (
            partition by aid.article_id, aid.evidence_start, aid.donor, aid.recipient,
                upper(trim(aid.currency))
        ) as largest_in_sentence,
        regexp_matches(
            lower(aid.evidence),
            '\bpart of\b|\bincluding\b|\bof which\b|\bincludes\b|\bout of\b|\bcomprising\b|: '
        ) as says_contains,
        aid.amount = max(aid.amount) over (
            partition by aid.article_id, aid.evidence_start, upper(trim(aid.currency))
        ) and count(*) over (
            partition by aid.article_id, aid.evidence_start, upper(trim(aid.currency))
        ) > 1 as largest_of_several
    from aid
),

final as (
    select
        parsed.* exclude (says_total, largest_in_sentence, says_contains, largest_of_several),
        (says_total and largest_in_sentence)
            or (says_contains and largest_of_several) as is_total,
        articles.published
    from parsed
    left join articles using (article_id)
)

select * from final
