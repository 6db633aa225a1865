"""Briefing: pick views under the sidebar filters, preview them as slides, download a PPTX."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ui import builders, db, export, filters, queries
from ui.escape import md
from ui.export.facts_shown import trust_line

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DEFAULT_VIEWS = ["routes", "aid", "casualties"]

f = filters.current()
con = db.connection()

st.title("Briefing")
scope = f.describe("diplomats", "years", "countries", "statuses", "outlets")
st.caption(md(
    "A deck of the chosen views under the sidebar filters: a title slide with the filters and "
    "the date, then one 1920x1080 slide per view with its key figures, and the articles "
    f"behind it in the speaker notes. Filters now: {scope}. With the sidebar's “Verified "
    "facts only” on, the deck holds only what an analyst verified or corrected."
))

if "brief_views" not in st.session_state:
    st.session_state["brief_views"] = [
        v for v in st.query_params.get_all("brief_views") if v in export.VIEWS
    ] or DEFAULT_VIEWS
left, right = st.columns([3, 2])
with left:
    views = st.multiselect(
        "Views", options=list(export.VIEWS), key="brief_views",
        format_func=lambda v: {"person": "A person's itinerary"}.get(v, export.VIEW_LABELS[v]),
        placeholder="Choose the views for the deck",
        help="Routes, aid and casualties follow the sidebar filters as their pages do, with "
        "each page's default choices.",
    )
filters.sync_url("brief_views", views, default=DEFAULT_VIEWS)

person = None
if "person" in views:
    people = list(queries.person_list(con)["name"])
    first = builders.default_person(con, f)
    if first in people:
        people.remove(first)
        people.insert(0, first)
    filters.url_choice("brief_person", people, people[0] if people else None)
    with right:
        person = st.selectbox("Person for the itinerary", options=people, key="brief_person")
    filters.sync_url("brief_person", person, default=people[0] if people else None)

if not views:
    st.info("Choose at least one view.")
    st.stop()

slides, empty = export.build_slides(con, f, views, person=person)
for line in empty:
    st.info(md(line))
if not slides:
    st.stop()

st.subheader("Slides")
trust = trust_line([s.facts for s in slides], verified_only=f.verified_only)
st.markdown("\n".join(
    [f"1. Title: the filters and today's date. {md(trust)}"]
    + [f"{i}. {md(s.headline)}" for i, s in enumerate(slides, start=2)]
))

st.download_button(
    "Download deck (PPTX)", key="brief_deck", type="primary", mime=PPTX_MIME,
    file_name=f"shuttle-briefing-{date.today():%Y-%m-%d}.pptx", on_click="ignore",
    help="Renders every slide (a few seconds) and downloads one PowerPoint file.",
    data=lambda: export.build_deck(slides, f, omitted=empty),
)

show = st.toggle("Preview the slides", key="brief_preview",
                 help="Renders each slide as it will appear (a few seconds the first time).")
if show:
    with st.spinner("Rendering the slides…"):
        pngs = export.slide_pngs(slides)
    for slide, png in zip(slides, pngs, strict=True):
        # A border shows where the white slide ends on the white page.
        with st.container(border=True):
            st.image(png, caption=slide.headline, width="stretch")
            st.download_button(
                "Download slide (PNG)", data=png, file_name=f"{export.file_stem(slide)}.png",
                mime="image/png", key=f"brief_png_{slide.view}", on_click="ignore",
            )
