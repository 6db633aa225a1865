"""One builder per view, for its page and its slide alike: the filters in, the title that
states them, the rows, the page's figure and the note on what is left out.

A page (views/*.py) draws what its builder returns; the exporter (ui/export) turns the same
View into a slide. Titles, caps and defaults are decided here only, so a slide always says
what the page says. No streamlit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from ui import charts, colours, maps, queries, tables, trust_marks
from ui.scope import Filters, and_list

# Bars on the aid chart: past this many donors (or recipients) the smaller ones are left
# out, with a note; at slide size 15 bars still read from the back of a room.
MAX_AID_BARS = 15
ALL_PLACES = "*"  # the casualties page's choice of every place at once
# px: the maps are fitted for the narrowest they are drawn, and wider screens show more land
# around the same stops. Measured in chromium with the sidebar open (tests/browser/
# test_map_frame.py holds them): the Routes and People maps are 820 px wide at 1280x800 and
# 1460 px at 1920x1080.
ROUTE_MAP_SIZE = (820, 560)
PERSON_MAP_SIZE = (820, 460)


@dataclass(frozen=True)
class View:
    """One view under the filters, as its page draws it and its slide prints it.

    frame: what the figure draws (stops, aid bars per party and status, casualty reports);
    figure: the page's figure (a pydeck Deck or a plotly Figure), None when frame is empty;
    note: what the figure leaves out, in words ('' when nothing is);
    articles: the articles behind the marks (id, title, outlet, url, published, mentions);
    rows, legs, colours: the aid commitments behind the bars, the legs and colours of a map;
    meetings: the meetings of a map's diplomats (marked on it, or listed when by phone);
    options: the view's own choices (by, by_place, place, until) for the slide.
    """

    kind: str  # routes | person | aid | casualties
    title: str
    frame: pd.DataFrame = field(repr=False)
    figure: object = field(default=None, repr=False)
    note: str = ""
    articles: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    rows: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    legs: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    colours: dict[str, str] = field(default_factory=dict)
    meetings: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    options: dict[str, object] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.frame.empty


def trust_title(f: Filters, title: str) -> str:
    """A view's title with what the "Verified facts only" toggle leaves out, said once here
    for every view and slide.

    >>> trust_title(Filters(verified_only=True), "Aid by donor, 2014, USD")
    'Aid by donor, 2014, USD, verified facts only'
    >>> trust_title(Filters(), "Aid by donor, 2014, USD")
    'Aid by donor, 2014, USD'
    """
    return ", ".join(filter(None, [title, f.verified_text()]))


# -- routes -----------------------------------------------------------------------------------

def visible(f: Filters, *, cancelled: bool = False) -> Filters:
    """The routes filters: cancelled trips taken out unless asked for (by `cancelled` or by
    the status filter)."""
    statuses = f.statuses or queries.VISIT_STATUSES
    if not cancelled and "cancelled" not in f.statuses:
        statuses = tuple(s for s in statuses if s != "cancelled")
    return dataclasses.replace(f, statuses=tuple(statuses))


def routes_title(f: Filters, *, cancelled: bool = False, window_text: str = "") -> str:
    """'Routes of Antony Blinken, 2023-2024, all but cancelled'.

    >>> routes_title(Filters(diplomats=("John Kerry",), years=(2014, 2014)))
    'Routes of John Kerry, 2014, all but cancelled'
    >>> routes_title(Filters(), cancelled=True, window_text="Nov 2023 to Nov 2023")
    'Routes of all diplomats, Nov 2023 to Nov 2023, all statuses'
    """
    view = visible(f, cancelled=cancelled)
    heading = f"Routes of {f.diplomats_text()}, {window_text or f.years_text()}"
    rest = view.describe("countries", "outlets")
    shown = "all statuses" if set(view.statuses) == set(queries.VISIT_STATUSES) else (
        "all but cancelled" if not f.statuses else view.statuses_text())
    return trust_title(f, heading + (f", {rest}" if rest else "") + f", {shown}")


def route_colours(con: duckdb.DuckDBPyConnection, actors: Sequence[str]) -> dict[str, str]:
    """Each diplomat's colour from the whole database's ranking (ui/colours.py), in the
    order given (the legend's)."""
    return colours.colours_for(actors, list(queries.diplomat_counts(con)["actor"]))


def _busiest(stops: pd.DataFrame) -> list[str]:
    return list(stops.groupby("actor").size().sort_values(ascending=False, kind="stable").index)


def route_note(stops: pd.DataFrame, legs: pd.DataFrame) -> str:
    """What a capped map leaves out: the best-sourced stops and the legs between them."""
    notes = []
    total = int(stops["total_rows"].iloc[0]) if len(stops) else 0
    if total > len(stops):
        notes.append(f"Showing the {len(stops):,} best-sourced of {total:,} stops: narrow the "
                     "filters to see the rest.")
    leg_total = int(legs["total_rows"].iloc[0]) if len(legs) else 0
    if leg_total > len(legs):
        between = ", those between the stops drawn" if total > len(stops) else ""
        notes.append(f"Showing {len(legs):,} of {leg_total:,} legs{between}.")
    return " ".join(notes)


def routes_view(con: duckdb.DuckDBPyConnection, f: Filters, *, cancelled: bool = False,
                date_from: date | None = None, date_to: date | None = None,
                window_text: str = "", until: date | None = None) -> View:
    """The routes map: the stops and legs under the filters (and the map's time window).

    With `until` (a moment of the playback), only what was travelled by that day is drawn,
    in a view fitted to the whole window, so the frame stays put while the legs appear."""
    view = visible(f, cancelled=cancelled)
    title = routes_title(f, cancelled=cancelled, window_text=window_text)
    stops = queries.route_stops(con, view, date_from=date_from, date_to=date_to)
    if stops.empty:
        return View("routes", title, stops, options={"until": until})
    legs = queries.route_legs(con, view, date_from=date_from, date_to=date_to, drawn=stops)
    meetings = queries.route_meetings(con, view, date_from=date_from, date_to=date_to)
    width, height = ROUTE_MAP_SIZE
    frame = maps.fit_view(list(stops["lat"]), list(stops["lon"]), width_px=width,
                          height_px=height)
    if until is not None:
        stops, legs, meetings = travelled_by(stops, legs, meetings, until)
    colour_of = route_colours(con, _busiest(stops))
    return View("routes", title, stops,
                figure=maps.routes_deck(stops, legs, colour_of, meetings=meetings,
                                        chosen=f.diplomats, height=height, width=width,
                                        view=frame),
                note=route_note(stops, legs), legs=legs, colours=colour_of, meetings=meetings,
                options={"until": until, "chosen": f.diplomats},
                articles=queries.articles_behind(con, "stop", list(stops["stop_id"])))


def travelled_by(stops: pd.DataFrame, legs: pd.DataFrame, meetings: pd.DataFrame,
                 until: date) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """What had happened by `until`: the stops and meetings of that day or before, and the
    legs into them (a leg is dated by its own day, else by the day of the stop it ends at)."""
    day = pd.Timestamp(until)
    stops = stops[pd.to_datetime(stops["sort_day"]) <= day]
    legs = legs[pd.to_datetime(legs["travel_day"]) <= day] if len(legs) else legs
    meetings = meetings[pd.to_datetime(meetings["day_lo"]) <= day] if len(meetings) \
        else meetings
    return stops, legs, meetings


def person_view(con: duckdb.DuckDBPyConnection, f: Filters, person: str) -> View:
    """One person's itinerary: their stops and legs under the filters (diplomats aside)."""
    scope = f.describe("years", "countries", "statuses", "outlets")
    title = trust_title(f, f"Itinerary of {person}, {scope}")
    stops = queries.person_stops(con, f, person)
    if stops.empty:
        return View("person", title, stops, options={"person": person})
    legs = queries.person_legs(con, f, person)
    meetings = queries.route_meetings(con, dataclasses.replace(f, diplomats=(person,)))
    colour_of = route_colours(con, [person])
    width, height = PERSON_MAP_SIZE
    return View("person", title, stops,
                figure=maps.routes_deck(stops, legs, colour_of, meetings=meetings,
                                        chosen=(person,), height=height, width=width),
                legs=legs, colours=colour_of, meetings=meetings,
                options={"person": person, "chosen": (person,)},
                articles=queries.articles_behind(con, "stop", list(stops["stop_id"])))


def default_person(con: duckdb.DuckDBPyConnection, f: Filters) -> str | None:
    """The first chosen diplomat, else the person with the most stops and meetings."""
    if f.diplomats:
        return f.diplomats[0]
    people = queries.person_list(con)
    return None if people.empty else str(people["name"].iloc[0])


# -- aid --------------------------------------------------------------------------------------

def aid_title(f: Filters, statuses: Sequence[str], by: str) -> str:
    """'Aid by donor, 2014-2024, all statuses, USD'.

    >>> aid_title(Filters(year_bounds=(2014, 2024)), ["announced"], "recipient")
    'Aid by recipient, 2014-2024, announced, USD'
    """
    status_text = and_list(list(statuses), word="or") or "all statuses"
    return trust_title(
        f, f"Aid by {by}, {f.describe('years', 'countries', 'outlets')}, {status_text}, USD")


def _segment_trust(rows: pd.DataFrame, bars: pd.DataFrame, by: str) -> list[str]:
    """Each bar segment's trust class (ui/trust_marks.py) from the commitments behind it."""
    named = rows.assign(party=rows[by].fillna(f"unnamed {by}"))
    return trust_marks.segment_classes(named, ["party", "status"],
                                       zip(bars["party"], bars["status"], strict=True))


def aid_view(con: duckdb.DuckDBPyConnection, f: Filters, *, statuses: Sequence[str] = (),
             by: str = "donor") -> View:
    """USD bars per donor (or recipient) and status, at most MAX_AID_BARS of them, and the
    commitments behind them (`rows`; the page's table and timeline)."""
    title = aid_title(f, statuses, by)
    rows = queries.aid_rows(con, f, statuses=list(statuses))
    if rows.empty:
        return View("aid", title, rows, rows=rows, options={"by": by})
    bars = queries.aid_by_party(con, f, statuses=list(statuses), by=by)
    unconverted = int(bars["unconverted"].sum())
    bars = bars[bars["usd"].notna()].copy()
    bars["originals"] = [tables.originals_text(o) for o in bars["originals"]]
    bars["trust"] = _segment_trust(rows, bars, by)
    notes = []
    if unconverted:
        notes.append(f"{unconverted} commitment(s) in a currency without an ECB rate are in "
                     "the table, not the bars")
    order = bars.groupby("party")["usd"].sum().sort_values(ascending=False)
    if len(order) > MAX_AID_BARS:
        bars = bars[bars["party"].isin(order.index[:MAX_AID_BARS])]
        notes.append(f"the {MAX_AID_BARS} largest of {len(order)} {by}s")
    note = "; ".join(notes)
    figure = None if bars.empty else charts.aid_bars(
        bars, by=by, title=title, n_articles=int(rows["articles_total"].iloc[0]), note=note)
    return View("aid", title, bars, figure=figure, note=note, rows=rows, options={"by": by},
                articles=queries.articles_behind(con, "aid", list(rows["aid_id"])))


# -- casualties -------------------------------------------------------------------------------

def default_place(places: pd.DataFrame) -> str | None:
    """The most reported place; one that is named beats the reports that name none."""
    if places.empty:
        return None
    named = [p for p in places["place"] if isinstance(p, str) and p]
    return named[0] if named else places["place"].iloc[0]


def casualties_title(f: Filters, metrics: Sequence[str], place: str | None) -> str:
    """'Casualty figures, eastern Ukraine, by reporting source, 2014, all figures, people'."""
    metric_text = and_list(list(metrics), word="and") or "all figures"
    place_text = "all places" if place in (None, ALL_PLACES) else (place or "no place named")
    return trust_title(f, f"Casualty figures, {place_text}, by reporting source, "
                          f"{f.describe('years', 'countries', 'outlets')}, {metric_text}, people")


def casualties_view(con: duckdb.DuckDBPyConnection, f: Filters, *,
                    metrics: Sequence[str] = (), place: str | None = None) -> View:
    """The casualty timeline of one place (`place`; ALL_PLACES for every one; None for the
    default_place), one line per reporting source."""
    if place is None:
        place = default_place(queries.casualty_places(con, f, metrics=list(metrics)))
    every = place in (None, ALL_PLACES)
    title = casualties_title(f, metrics, place)
    rows = queries.casualty_rows(con, f, metrics=list(metrics),
                                 places=[] if every else [place])
    options = {"place": place, "by_place": every}
    if rows.empty:
        return View("casualties", title, rows, options=options)
    total = int(rows["total_rows"].iloc[0])
    note = f"the {len(rows):,} latest of {total:,} reports" if total > len(rows) else ""
    figure = charts.casualty_timeline(rows, title=title, note=note, by_place=every,
                                      n_articles=int(rows["articles_total"].iloc[0]))
    return View("casualties", title, rows, figure=figure, note=note, options=options,
                articles=queries.articles_behind(con, "casualty", list(rows["report_id"])))
