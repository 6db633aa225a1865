-- text_search: articles whose title and text hold every word of the query, best first
-- (BM25 over titles and sentences, a title counting double), each with its best sentence.
-- Params: $text (the query as typed); $outlets (list, empty = all); $date_from $date_to
-- (publication window); $cap.
-- The query is split into words exactly as etl/sql/post/search_index.sql splits the
-- documents (tests/test_search.py holds the expressions equal); a word of three letters or
-- more also matches the words it begins ("negotiat" finds "negotiations").
-- Reads search_terms and search_docs. BM25: k1 = 1.2, b = 0.75, idf = ln(1 + (N - df + 0.5)
-- / (df + 0.5)) with N documents and df those holding the query word.

with

query as (
    select distinct unnest(regexp_extract_all(
        regexp_replace(lower(strip_accents($text)), '[''’]s\b', '', 'g'), '[\pL\pN]+'
    )) as word
),

stats as (
    select count(*)::double as docs, avg(length)::double as avg_length
    from search_docs
),

matched as (
    select query.word, search_terms.article_id, search_terms.n, sum(search_terms.tf) as tf
    from query
    inner join search_terms
        on search_terms.term = query.word
        or (len(query.word) >= 3 and starts_with(search_terms.term, query.word))
    group by query.word, search_terms.article_id, search_terms.n
),

frequency as (
    select word, count(*)::double as df
    from matched
    group by word
),

scored as (
    select
        matched.article_id,
        matched.n,
        sum(
            ln(1 + (stats.docs - frequency.df + 0.5) / (frequency.df + 0.5))
            * (matched.tf * 2.2)
            / (matched.tf + 1.2 * (0.25 + 0.75 * docs.length / stats.avg_length))
            * (case when matched.n = -1 then 2 else 1 end)
        ) as score,
        list(distinct matched.word) as words
    from matched
    inner join frequency using (word)
    inner join search_docs as docs using (article_id, n)
    cross join stats
    group by matched.article_id, matched.n
),

articles_hit as (
    select
        scored.article_id,
        max(scored.score) + 0.25 * (sum(scored.score) - max(scored.score)) as score,
        arg_max(scored.n, scored.score + case when scored.n >= 0 then 1e-9 else 0 end)
            as best_n,
        count(*) filter (where scored.n >= 0) as sentences_hit,
        list_distinct(flatten(list(scored.words))) as words
    from scored
    group by scored.article_id
    having len(list_distinct(flatten(list(scored.words)))) = (select count(*) from query)
),

-- the best sentence of the body when the title matched best: the reader lands in the text
best_body as (
    select scored.article_id, arg_max(scored.n, scored.score) as n
    from scored
    where scored.n >= 0
    group by scored.article_id
),

final as (
    select
        articles.id as article_id,
        articles.title,
        articles.source,
        articles.published,
        articles_hit.score,
        articles_hit.sentences_hit,
        articles_hit.words,
        coalesce(best_body.n, -1) as n,
        sentence.text as sentence,
        sentence.start as sentence_start,
        sentence."end" as sentence_end,
        count(*) over () as total_rows
    from articles_hit
    inner join articles on articles.id = articles_hit.article_id
    left join best_body on best_body.article_id = articles_hit.article_id
    left join search_docs as sentence
        on sentence.article_id = articles_hit.article_id and sentence.n = best_body.n
    where ui_picked($outlets, articles.source)
        and ui_in_window(articles.published, articles.published, $date_from, $date_to)
)

select * from final
order by score desc, published desc nulls last, article_id
limit $cap
