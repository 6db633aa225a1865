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

from ui import casualty_chart, charts, colours, maps, playback, queries, tables
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

    frame: what the figure draws (stops, aid bars per party and furthest stage, casualty
    reports);
    figure: the page's figure (a pydeck Deck or a plotly Figure), None when frame is empty;
    note: what the figure leaves out, in words ('' when nothing is);
    articles: the articles behind the marks (id, title, outlet, url, published, mentions);
    rows, legs, colours: the aid packages behind the bars, the legs and colours of a map;
    meetings: the meetings of a map's diplomats (marked on it, or listed when by phone);
    options: the view's own choices (by, by_place, place, series, until) for the slide;
    headline: the key figures in one line, the same on the page and as the deck slide's
    title ('' when the slide's own caption stands).
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
    headline: str = ""

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
                window_text: str = "") -> View:
    """The routes map: the stops and legs under the filters (and the map's time window)."""
    view = visible(f, cancelled=cancelled)
    title = routes_title(f, cancelled=cancelled, window_text=window_text)
    stops = queries.route_stops(con, view, date_from=date_from, date_to=date_to)
    if stops.empty:
        return View("routes", title, stops, options={"until": None})
    legs = queries.route_legs(con, view, date_from=date_from, date_to=date_to, drawn=stops)
    meetings = queries.route_meetings(con, view, date_from=date_from, date_to=date_to)
    width, height = ROUTE_MAP_SIZE
    colour_of = route_colours(con, _busiest(stops))
    return View("routes", title, stops,
                figure=maps.routes_deck(stops, legs, colour_of, meetings=meetings,
                                        chosen=f.diplomats, height=height, width=width),
                note=route_note(stops, legs), legs=legs, colours=colour_of, meetings=meetings,
                options={"until": None, "chosen": f.diplomats},
                articles=queries.articles_behind(con, "stop", list(stops["stop_id"])))


def routes_moment(whole: View, until: date,
                  con: duckdb.DuckDBPyConnection | None = None) -> View:
    """The routes map at one moment of the playback: of the `whole` window's view (already
    fetched), only what was travelled by `until`, drawn in the whole window's frame, so
    the frame stays put while the legs appear in the order they were travelled; its title
    (the slide's) says the moment.

    No query runs for a step: the stops, legs and meetings are filtered from `whole`, and
    its colours and its note on a capped map kept (a diplomat keeps one colour through the
    playback; the page says how many of the window's stops a moment shows). With `con`, the
    articles behind the stops drawn are looked up (one query, for the slide's source line);
    without it the view has none, and no slide can be made of it."""
    if whole.empty or whole.figure is None:
        return whole
    stops, legs, meetings = travelled_by(whole.frame, whole.legs, whole.meetings, until)
    frame = whole.figure.initial_view_state
    width, height = ROUTE_MAP_SIZE
    chosen = tuple(whole.options.get("chosen") or ())
    figure = maps.routes_deck(stops, legs, whole.colours, meetings=meetings, chosen=chosen,
                              height=height, width=width, view=frame)
    articles = queries.articles_behind(con, "stop", list(stops["stop_id"])) \
        if con is not None else pd.DataFrame()
    title = f"{whole.title}, travelled by {playback.step_label(until)}"
    return dataclasses.replace(whole, title=title, frame=stops, figure=figure, legs=legs,
                               meetings=meetings, note=whole.note,
                               articles=articles, options={**whole.options, "until": until})


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
    """'Aid by donor, 2014-2024, all stages, USD'; `statuses` are the furthest stages shown.

    >>> aid_title(Filters(year_bounds=(2014, 2024)), ["announced"], "recipient")
    'Aid by recipient, 2014-2024, announced, USD'
    """
    status_text = and_list(list(statuses), word="or") or "all stages"
    return trust_title(
        f, f"Aid by {by}, {f.describe('years', 'countries', 'outlets')}, {status_text}, USD")


def aid_headline(bars: pd.DataFrame, by: str = "donor") -> str:
    """The sum of the packages behind the bars, said as such and short enough for a slide's
    title: 'USD 61.4 bn committed: 3 packages, counted once at their furthest stage; USD 9 bn
    delivered'.

    >>> aid_headline(pd.DataFrame({"usd": [61e9, 0.4e9], "delivered_usd": [0, 0],
    ...                            "commitments": [1, 2]}))
    'USD 61.4 bn committed: 3 packages, counted once at their furthest stage'
    """
    usd = float(bars["usd"].sum()) if len(bars) else 0.0
    delivered = float(bars["delivered_usd"].sum()) if len(bars) else 0.0
    n = int(bars["commitments"].sum()) if len(bars) else 0
    text = (f"{_short_money(usd)} committed: {n:,} package{'s' if n != 1 else ''}, counted "
            f"once at {'their' if n != 1 else 'its'} furthest stage")
    if delivered > 0:
        text += f"; {_short_money(delivered)} delivered"
    return text


def _short_money(usd: float) -> str:
    """ "USD 243.1 bn", "USD 37 m": format_money with the press's short scale words.

    >>> _short_money(243.1e9), _short_money(37e6)
    ('USD 243.1 bn', 'USD 37 m')
    """
    return charts.format_money(usd).replace(" billion", " bn").replace(" million", " m")


def aid_view(con: duckdb.DuckDBPyConnection, f: Filters, *, statuses: Sequence[str] = (),
             by: str = "donor") -> View:
    """USD committed and delivered per donor (or recipient), each package once, at most
    MAX_AID_BARS parties, and the packages behind them (`rows`: the page's table and
    timeline). `statuses` picks packages by their furthest stage. Packages of an unnamed
    donor (recipient) are in the rows and the note, never in the bars; the headline is the
    sum of the packages in the bars, all of them, not only the largest MAX_AID_BARS."""
    title = aid_title(f, statuses, by)
    rows = queries.aid_rows(con, f, statuses=list(statuses), by=by)
    if rows.empty:
        return View("aid", title, rows, rows=rows, options={"by": by})
    bars = queries.aid_by_party(con, f, statuses=list(statuses), by=by)
    unconverted = int(bars["unconverted"].sum())
    bars = bars[bars["usd"].notna()].copy()
    bars["originals"] = [tables.originals_text(o) for o in bars["originals"]]
    unnamed = bars[~bars["named"].astype(bool)]
    bars = bars[bars["named"].astype(bool)]
    notes = []
    if len(unnamed):
        n = int(unnamed["commitments"].sum())
        notes.append(f"{_short_money(float(unnamed['usd'].sum()))} in {n} package"
                     f"{'s' if n != 1 else ''} of an unnamed {by} not in the bars")
    if unconverted:
        notes.append(f"{unconverted} package(s) in a currency without an ECB rate are in the "
                     "table, not the bars")
    headline = aid_headline(bars, by)
    order = bars.groupby("party")["usd"].sum().sort_values(ascending=False)
    if len(order) > MAX_AID_BARS:
        bars = bars[bars["party"].isin(order.index[:MAX_AID_BARS])]
        notes.append(f"the {MAX_AID_BARS} largest of {len(order)} {by}s")
    note = "; ".join(notes)
    figure = None if bars.empty else charts.aid_bars(
        bars, by=by, title=title, n_articles=int(rows["articles_total"].iloc[0]), note=note)
    return View("aid", title, bars, figure=figure, note=note, rows=rows,
                options={"by": by, "unnamed_usd": float(unnamed["usd"].sum())},
                articles=queries.articles_behind(con, "aid", _aid_ids(con, rows)),
                headline=headline)


def _aid_ids(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> list[str]:
    """The aid reports behind the packages of `rows` (the articles behind them all)."""
    return list(queries.package_reports(con, list(rows["package_id"]))["aid_id"])


# -- casualties -------------------------------------------------------------------------------

def default_place(places: pd.DataFrame) -> str | None:
    """The place of the series with the most reports (casualty_places lists it first); one
    that is named beats the reports that name none."""
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


def casualty_headline(rows: pd.DataFrame) -> str:
    """The most reported series and where it stands, short enough for a slide's title: 'Gaza
    health ministry, Gaza Strip: more than 11,000 killed by 10 Nov 2023; children 4,104'.
    Its sub-counts (the same source, place and figure, another population) follow it.

    >>> casualty_headline(pd.DataFrame({"series_id": ["a", "a", "b"],
    ...     "reported_by": ["UN"] * 3, "where": ["Ukraine"] * 3, "metric": ["killed"] * 3,
    ...     "population": ["all", "all", "children"], "value": [331, 691, 48],
    ...     "qualifier": [None, None, None], "as_of": pd.to_datetime(
    ...     ["2022-03-04", "2022-03-15", "2022-03-15"])}))
    'UN, Ukraine: 691 killed by 15 Mar 2022; children 48'
    """
    if rows.empty or "series_id" not in rows:
        return ""
    sizes = rows.groupby("series_id").size()
    latest = rows.groupby("series_id")["as_of"].max()
    top = max(sizes.index, key=lambda s: (sizes[s], latest[s], s))
    series = rows[rows["series_id"] == top]
    head = series.iloc[0]

    def stands(part: pd.DataFrame) -> str:
        last = part.sort_values(["as_of", "value"]).iloc[-1]
        qualifier = f"{last['qualifier']} " if isinstance(last["qualifier"], str) else ""
        return f"{qualifier}{int(last['value']):,} by {maps.format_when(last['as_of'], 'day')}"

    who = head["reported_by"] if isinstance(head["reported_by"], str) else "unattributed"
    where = head["where"] if isinstance(head["where"], str) and head["where"] else \
        "no place named"
    population = "" if head["population"] == "all" else f" ({head['population']})"
    text = f"{who}, {where}: {stands(series).replace(' by ', f' {head.metric} by ', 1)}" \
        f"{population}"
    if head["population"] == "all":
        same = ((rows["reported_by"].fillna("") == (head["reported_by"] or "")
                 if isinstance(head["reported_by"], str) else rows["reported_by"].isna())
                & (rows["where"] == head["where"]) & (rows["metric"] == head["metric"])
                & (rows["population"] != "all"))
        for population, part in rows[same].groupby("population"):
            text += f"; {population} {stands(part).split(' by ')[0]}"
    return text


def casualties_view(con: duckdb.DuckDBPyConnection, f: Filters, *,
                    metrics: Sequence[str] = (), place: str | None = None) -> View:
    """The casualty timeline of one place (`place`; ALL_PLACES for every one, drawn as small
    multiples; None for the default_place: that of the series with the most reports), one
    line per series: a reporting source's count of one population."""
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
    notes = [f"the {len(rows):,} latest of {total:,} reports"] if total > len(rows) else []
    places = rows["where"].fillna("").nunique()
    if every and places > casualty_chart.MAX_PLACE_PANELS:
        notes.append(f"the {casualty_chart.MAX_PLACE_PANELS} most reported of {places} places")
    if every and len(set(rows["metric"])) > 1:
        notes.append("each panel shows its place's most reported figure")
    focus = None if every else casualty_chart.focus_window(rows)
    if focus is not None:
        notes.append(f"{focus.start:%d %b %Y} to {focus.end:%d %b %Y}, the span of {focus.inside} "
                     f"of the {focus.inside + focus.outside} reports ({focus.outside} outside it)")
    note = "; ".join(notes)
    figure = charts.casualty_timeline(rows, title=title, note=note, by_place=every,
                                      n_articles=int(rows["articles_total"].iloc[0]))
    return View("casualties", title, rows, figure=figure, note=note, options=options,
                articles=queries.articles_behind(con, "casualty", list(rows["report_id"])),
                headline="" if every else casualty_headline(rows))
