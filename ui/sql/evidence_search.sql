-- evidence_search: sentences behind events that contain the search text, newest first, one row
-- per sentence with the kinds of fact it supports ("stop ×3, meeting").
-- Params: $pattern (an ILIKE pattern: '%' || escaped text || '%', escape character '\');
-- $outlets (list, empty = all); $date_from $date_to (publication window); $cap and $offset:
-- one page of the hits, $offset of them skipped.
-- Reads evidence_sentences (etl/sql/post/evidence_sentences.sql): one row per sentence, its
-- kinds of fact and its article's date, outlet and title already beside it.

with

-- inlined where it is read (the count and the cut) rather than stored: storing every hit
-- with its columns took twice as long as scanning the sentences twice for a common word
hits as not materialized (
    select *
    from evidence_sentences
    where evidence ilike $pattern escape '\'
        and ui_picked($outlets, source)
        and ui_in_window(published, published, $date_from, $date_to)
),

final as (
    select
        evidence,
        facts,
        article_id,
        title,
        source,
        published,
        evidence_start,
        (select count(*) from hits) as total_rows
    from hits
)

select * from final
order by published desc nulls last, article_id, evidence_start
limit $cap offset $offset
