"""Sources: search titles and article text (ranked), list the articles, read one with its
evidence highlighted, opened at the sentence a search result found."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import correction_forms, db, evidence_table, filters, maps, paging, queries, search_text
from ui.escape import md

SHOWN_HITS = 20  # results listed with their sentence; the article list ranks them all

f = filters.current()
con = db.connection()

st.title("Sources")
st.caption("Every mark on the other pages rests on a sentence of an article. Search the "
           "titles and the full text of every article, or open one to read it with its "
           "evidence highlighted. The outlet and year filters apply here.")

filters.url_text("q")
text = st.text_input("Search titles and article text", key="q",
                     placeholder="A word or a few, e.g. Lavrov's, Skopje, radars")
filters.sync_url("q", text)
text = (text or "").strip()


def open_hit(article_id: str, n: int) -> None:
    """A result's button: open its article at the sentence that matched best."""
    st.session_state["article"] = article_id
    st.session_state["hit"] = int(n)


hits = queries.text_search(con, f, text) if text else None
if hits is not None:
    if hits.empty:
        st.info(md(f"No article holds every word of “{text}” in {f.years_text()}"
                   + (f" from {f.outlets_text()}" if f.outlets else "")
                   + ". Try fewer words, or widen the year range."))
    else:
        total = int(hits["total_rows"].iloc[0])
        shown = f"the best {len(hits):,} of {total:,}" if total > len(hits) else f"{total:,}"
        st.subheader(md(f"Articles holding “{text}”: {shown}, best first"))
        for i, r in enumerate(hits.head(SHOWN_HITS).itertuples(index=False)):
            with st.container(border=True):
                st.html(search_text.hit_html(r.title, r.sentence, list(r.words)))
                line, button = st.columns([5, 1], vertical_alignment="center")
                line.caption(md(" · ".join([
                    r.source if isinstance(r.source, str) and r.source else "unknown outlet",
                    maps.format_when(r.published, "day"),
                    f"{int(r.sentences_hit)} sentence{'s' if r.sentences_hit != 1 else ''}"
                    " hit"])))
                button.button("Open at this sentence", key=f"hit_{i}", on_click=open_hit,
                              args=(r.article_id, int(r.n)), width="stretch")

st.subheader(md(f"Articles, {f.describe('years', 'outlets')}"))
# A page of the articles at a time, newest first: the page's rows only are read.
scope = (f,)
wanted = paging.requested("articles", scope=scope)
articles = queries.article_list(con, f, limit=wanted.size, offset=wanted.offset)
total = int(articles["total_rows"].iloc[0]) if len(articles) else 0
if total == 0 and wanted.offset:
    total = int(queries.article_list(con, f, limit=1)["total_rows"].sum())
if total == 0:
    st.info(md(f"No articles in {f.years_text()}"
               + (f" from {f.outlets_text()}" if f.outlets else "")
               + ". Widen the year range or clear the outlets."))
    st.stop()
page = paging.control("articles", total, noun="articles", scope=scope)
if page.offset != wanted.offset or page.size != wanted.size:
    articles = queries.article_list(con, f, limit=page.size, offset=page.offset)
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

# The articles to open: those the search found (best first), then this page's.
if hits is not None and not hits.empty:
    found_first = hits[["article_id", "title", "published"]].rename(columns={"article_id": "id"})
    articles = pd.concat([found_first, articles[["id", "title", "published"]]],
                         ignore_index=True).drop_duplicates("id")
titles = dict(zip(articles["id"], articles["title"], strict=True))
dates = dict(zip(articles["id"], articles["published"], strict=True))
# An article named in a shared URL opens even when it is past the list's cap.
wanted = st.session_state.get("article") or st.query_params.get("article")
if wanted and wanted not in titles:
    found = queries.article_one(con, wanted)
    if found is not None:
        titles[wanted], dates[wanted] = found["title"], found["published"]
filters.url_choice("article", list(titles), None)
if "hit" not in st.session_state:
    raw = st.query_params.get("hit", "")
    st.session_state["hit"] = int(raw) if raw.lstrip("-").isdecimal() and len(raw) < 9 \
        else None
article_id = st.selectbox(
    "Open an article", options=list(titles), key="article", index=None,
    placeholder="Choose an article to read it with its evidence highlighted",
    format_func=lambda i: f"{maps.format_when(dates.get(i), 'day')}: {titles.get(i, i)}",
)
filters.sync_url("article", article_id)
if article_id is None:
    st.stop()
if st.session_state.get("_hit_article") not in (None, article_id):
    st.session_state["hit"] = None  # another article chosen by hand: no sentence to frame
st.session_state["_hit_article"] = article_id
filters.sync_url("hit", st.session_state.get("hit"))

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

found = hits[hits["article_id"] == article_id] if hits is not None and len(hits) else None
words = list(found["words"].iloc[0]) if found is not None and len(found) else \
    [search_text.fold(w) for w in search_text.WORD.findall(text)]
sentence = None
if st.session_state.get("hit") is not None:
    sentence = queries.article_sentence(con, article_id, int(st.session_state["hit"]))
focus = (int(sentence["start"]), int(sentence["end"])) if sentence is not None \
    and sentence["start"] is not None and not pd.isna(sentence["start"]) else None
if focus:
    st.caption("Opened at the sentence the search found (framed in blue); the words searched "
               "for are in bold, the evidence behind the marks highlighted in yellow.")
# Every piece of the article is escaped by search_text.article_html(); the only markup is
# its own <mark>, <b> and <span>, so nothing from the article can add HTML.
body = search_text.article_html(article["text"], zip(
    facts["evidence_start"], facts["evidence_end"], strict=True), words, focus)
st.html(body)
if focus:
    st.html(search_text.SCROLL_TO_HIT, unsafe_allow_javascript=True)
if not facts.empty:
    st.subheader("Facts extracted from this article")
    st.html(evidence_table.html_table(
        facts[["fact", "summary", "status", "evidence"]].rename(columns={
            "fact": "Fact", "summary": "What", "status": "Status", "evidence": "Evidence"}),
        short=("Fact", "Status")))
st.caption(md(f"Article id {article['id']}, file {article.get('path') or 'unknown'}"))
correction_forms.render(con, article_id)
