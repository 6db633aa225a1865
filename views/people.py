"""People: one diplomat's itinerary, the counterparts met, and the offices held over time."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import (
    builders,
    charts,
    db,
    evidence_table,
    export,
    filters,
    maps,
    paging,
    people_forms,
    queries,
    tables,
)
from ui.escape import md
from ui.meeting_marks import calls_table

f = filters.current()
con = db.connection()

st.title("People")
people = queries.person_list(con)
if people.empty:
    st.info("The database holds no people with a stop or a meeting yet.")
    st.stop()

counts = dict(zip(people["name"], people["events"], strict=True))
names = list(counts)
# The sidebar's first chosen diplomat leads the list, so the page opens on them.
if f.diplomats and f.diplomats[0] in counts:
    names.remove(f.diplomats[0])
    names.insert(0, f.diplomats[0])
filters.url_choice("person", names, names[0])
person = st.selectbox(
    "Diplomat", options=names, key="person",
    format_func=lambda n: f"{n} ({counts.get(n, 0)} stops and meetings)",
)
filters.sync_url("person", person)
if person is None:
    st.stop()

roles = queries.person_roles(con, person)
st.header(md(person))
if not roles.empty:
    current = roles[roles["end"].isna()]
    shown = current if not current.empty else roles.tail(1)
    st.caption(md("; ".join(
        f"{r.title}, {r.country}" + (" (current)" if pd.isna(r.end) else "")
        for r in shown.itertuples()
    )))

scope = f.describe("years", "countries", "statuses", "outlets")
built = builders.person_view(con, f, person)
stops = built.frame

# The map as on Routes (the same ui/maps.routes_deck, legend above it, calls listed below),
# across the page's width, then the itinerary with the whole sentence of every stop.
st.subheader(md(built.title))
if stops.empty:
    def count(ff: filters.Filters) -> int:
        return int(len(queries.person_stops(con, ff, person, cap=1)))

    st.info(md(filters.explain_empty("stops", filters.Filters(
        diplomats=(person,), years=f.years, countries=f.countries, statuses=f.statuses,
        outlets=f.outlets, year_bounds=f.year_bounds), count)))
else:
    st.html(maps.legend_html(built.colours, {person: len(stops)}))
    st.html(maps.SEA_CSS)
    st.pydeck_chart(built.figure, key="person_map", height=builders.PERSON_MAP_SIZE[1])
    n = int(stops["articles_total"].iloc[0])
    st.caption(f"Source: {n:,} article{'s' if n != 1 else ''}, Shuttle. Hover a dot for the "
               "sentence behind it. Basemap: Natural Earth.")
    st.download_button(
        "Download slide (PNG)", key="person_slide", file_name="shuttle-itinerary.png",
        mime="image/png", on_click="ignore",
        help="This itinerary as a 1920x1080 slide: title with the filters, map, source.",
        data=export.deferred_png(export.slide_of, built),
    )
    calls = calls_table(built.meetings)
    if not calls.empty:
        st.subheader("Calls and meetings the map cannot place")
        st.html(evidence_table.html_table(calls, short=("How", "Status")))
    st.subheader("Itinerary and the sentences behind it")
    itinerary = tables.stops_table(stops).drop(columns=["Diplomat"])
    page = paging.control("itinerary", len(itinerary), noun="stops", scope=(f, person))
    st.html(evidence_table.html_table(paging.rows_of(itinerary, page)))

st.subheader(md(f"Counterparts met, {scope}"))
counterparts = queries.person_counterparts(con, f, person)
if counterparts.empty:
    st.info(md(f"No meetings of {person} in {f.years_text()} with these filters."))
else:
    st.dataframe(tables.counterparts_table(counterparts), hide_index=True,
                 key="counterparts")

st.subheader("Roles over time")
if roles.empty:
    st.info(md(f"No roles of {person} in the reference data (data/reference/roles.csv)."))
else:
    st.plotly_chart(
        charts.roles_timeline(roles, title=f"Offices held by {person}",
                              today=pd.Timestamp.today().normalize()),
        theme=None, key="roles_chart", config={"displaylogo": False},
    )

people_forms.render(con, person)
