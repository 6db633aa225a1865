-- search_index: the words of every article for the Sources page's full-text search, built
-- once per build (run by etl/events.py post_marts()). A document is an article's title
-- (n = -1) or one of its sentences (n, as in `sentences`; boilerplate left out).
-- Words: lower case, accents stripped, a possessive 's dropped ("Lavrov's" is "lavrov"),
-- then every run of letters and digits. ui/sql/text_search.sql splits the query the same
-- way; tests/test_search.py holds the two expressions equal.
-- Tables:
--   search_terms (term, article_id, n, tf)   how often each word is in each document
--   search_docs  (article_id, n, length, start, "end", text)   each document, its length
--                in words (for BM25's length norm) and, for a sentence, its offsets

create or replace table search_docs as

with

docs as (
    select id as article_id, -1 as n, title as text, null::integer as start,
        null::integer as "end"
    from articles
    where title is not null
    union all
    select article_id, n, text, start, "end"
    from sentences
    where not boilerplate
),

final as (
    select
        article_id,
        n,
        len(regexp_extract_all(
            regexp_replace(lower(strip_accents(text)), '[''’]s\b', '', 'g'), '[\pL\pN]+'
        )) as length,
        start,
        "end",
        text
    from docs
)

select * from final;

create or replace table search_terms as

with

words as (
    select
        article_id,
        n,
        unnest(regexp_extract_all(
            regexp_replace(lower(strip_accents(text)), '[''’]s\b', '', 'g'), '[\pL\pN]+'
        )) as term
    from search_docs
),

final as (
    select term, article_id, n, count(*)::integer as tf
    from words
    group by term, article_id, n
)

select * from final
order by term, article_id, n;
