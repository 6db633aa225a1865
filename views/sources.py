"""Sources: search the evidence, list the articles, read one with its evidence highlighted."""

from __future__ import annotations

import streamlit as st

from ui import correction_forms, db, filters, maps, queries
from ui.escape import highlight, md

f = filters.current()
con = db.connection()

st.title("Sources")
st.caption("Every mark on the other pages rests on a sentence of an article. Search those "
           "sentences, or open an article to read it with its evidence highlighted. The "
           "outlet and year filters apply here.")

filters.url_text("q")
text = st.text_input("Search the evidence", key="q",
                     placeholder="A word or phrase, e.g. Kyiv, train, £162 million")
filters.sync_url("q", text)
text = (text or "").strip()

if text:
    hits = queries.evidence_search(con, f, text)
    if hits.empty:
        st.info(md(f"No evidence sentence contains “{text}” in {f.years_text()}"
                   + (f" from {f.outlets_text()}" if f.outlets else "")
                   + ". Try a shorter word, or widen the year range."))
    else:
        total = int(hits["total_rows"].iloc[0])
        shown = f"the newest {len(hits):,} of {total:,}" if total > len(hits) else f"{total:,}"
        st.subheader(md(f"Sentences containing “{text}”: {shown}"))
        st.dataframe(
            hits.assign(published=[maps.format_when(p, "day") for p in hits["published"]],
                        source=hits["source"].fillna("unknown outlet"))[
                ["evidence", "facts", "title", "source", "published"]
            ].rename(columns={"evidence": "Evidence", "facts": "Facts", "title": "Article",
                              "source": "Outlet", "published": "Published"}),
            hide_index=True, key="evidence_hits",
            column_config={"Evidence": st.column_config.TextColumn(width="large")},
        )

articles = queries.article_list(con, f)
if text and not articles.empty:
    # With a search, offer the articles whose evidence matched first.
    matched = set(queries.evidence_search(con, f, text)["article_id"])
    articles = articles.assign(_hit=articles["id"].isin(matched)).sort_values(
        "_hit", ascending=False, kind="stable").drop(columns=["_hit"])

st.subheader(md(f"Articles, {f.describe('years', 'outlets')}"))
if articles.empty:
    st.info(md(f"No articles in {f.years_text()}"
               + (f" from {f.outlets_text()}" if f.outlets else "")
               + ". Widen the year range or clear the outlets."))
    st.stop()

total = int(articles["total_rows"].iloc[0])
if total > len(articles):
    st.caption(f"Showing the newest {len(articles):,} of {total:,} articles.")
st.dataframe(
    articles.assign(published=[maps.format_when(p, "day") for p in articles["published"]],
                    source=articles["source"].fillna("unknown outlet"))[
        ["published", "title", "source", "stops", "meetings", "aid", "casualties"]
    ].rename(columns={"published": "Published", "title": "Title", "source": "Outlet",
                      "stops": "Stops", "meetings": "Meetings", "aid": "Aid",
                      "casualties": "Casualties"}),
    hide_index=True, key="articles_table", height=min(420, 38 + 35 * len(articles)),
    column_config={"Title": st.column_config.TextColumn(width="large")},
)

titles = dict(zip(articles["id"], articles["title"], strict=True))
dates = dict(zip(articles["id"], articles["published"], strict=True))
# An article named in a shared URL opens even when it is past the list's cap.
wanted = st.session_state.get("article") or st.query_params.get("article")
if wanted and wanted not in titles:
    found = queries.article_one(con, wanted)
    if found is not None:
        titles[wanted], dates[wanted] = found["title"], found["published"]
filters.url_choice("article", list(titles), None)
article_id = st.selectbox(
    "Open an article", options=list(titles), key="article", index=None,
    placeholder="Choose an article to read it with its evidence highlighted",
    format_func=lambda i: f"{maps.format_when(dates.get(i), 'day')}: {titles.get(i, i)}",
)
filters.sync_url("article", article_id)
if article_id is None:
    st.stop()

article = queries.article_one(con, article_id)
if article is None:
    st.info("That article is no longer in the database (it was rebuilt); choose another.")
    st.stop()

facts = queries.article_facts(con, article_id)
st.subheader(md(article["title"]))
meta = [article.get("source") or "unknown outlet",
        maps.format_when(article.get("published"), "day")
        if article.get("published") is not None else "publication date unknown",
        f"{len(facts)} evidence span{'s' if len(facts) != 1 else ''} highlighted"]
st.caption(md(" · ".join(meta)))
url = article.get("url") or ""
if url.startswith(("https://", "http://")):
    st.link_button("Open the original page", url)

body = highlight(article["text"], zip(facts["evidence_start"], facts["evidence_end"],
                                      strict=True))
# Every piece of the article was escaped by highlight(); the only markup is <mark> and this
# wrapper, so nothing from the article can add HTML.
st.html(
    "<div style='white-space:pre-wrap;overflow-wrap:anywhere;font-size:17px;line-height:1.6;"
    "max-width:80ch;"
    "border-left:4px solid #0072B2;padding:4px 0 4px 16px'>"
    f"{body}</div>"
    "<style>mark{background:#FCE8A6;padding:0 2px;border-radius:2px}</style>"
)
if not facts.empty:
    st.subheader("Facts extracted from this article")
    st.dataframe(
        facts[["fact", "summary", "status", "evidence"]].rename(columns={
            "fact": "Fact", "summary": "What", "status": "Status", "evidence": "Evidence"}),
        hide_index=True, key="article_facts",
        column_config={"Evidence": st.column_config.TextColumn(width="large")},
    )
st.caption(md(f"Article id {article['id']}, file {article.get('path') or 'unknown'}"))
correction_forms.render(con, article_id)
