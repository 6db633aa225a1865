"""Slides: each view's builder (ui/builders.py) output as a slide at 1920x1080, with a
headline of its key figures and the articles behind it; the same View the page draws."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import plotly.graph_objects as go

from ui import builders, charts, maps, meeting_marks
from ui.builders import View
from ui.export import facts_shown
from ui.export.style import slide_figure
from ui.export.words import period_text, plural, source_line
from ui.scope import Filters

VIEWS = ("routes", "aid", "casualties", "person")
AID_LEGEND_PX = 50  # px between the aid slide's title and its bars, for the legend
VIEW_LABELS = {"routes": "Routes", "aid": "Aid", "casualties": "Casualties",
               "person": "Itinerary"}


# CSS px of a slide's map, drawn by deck.gl at twice that (ui/export/map_picture.py); the
# PPTX places it 12.33 in wide (2.71:1)
MAP_PICTURE = (900, 332)


@dataclass(frozen=True)
class Slide:
    """One view ready for a slide: its title (the filters), key figures (`caption`), source
    line and note, and what draws it: a plotly `figure` at slide size (aid, casualties; the
    PNG export), or a pydeck `deck` drawn by deck.gl (maps), plus the builder's rows (`data`)
    that the deck's native PowerPoint charts are made of; the articles behind the marks
    (columns id, title, outlet, url, published, mentions)."""

    view: str
    title: str
    caption: str
    figure: go.Figure | None = field(repr=False)
    articles: pd.DataFrame = field(repr=False)
    source: str = ""
    note: str = ""
    deck: object = field(default=None, repr=False)
    colours: dict[str, str] = field(default_factory=dict)
    data: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    options: dict[str, object] = field(default_factory=dict)
    # the facts the slide draws and their review (ui/export/facts_shown.py), for the title
    facts: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    @property
    def label(self) -> str:
        return VIEW_LABELS.get(self.view, self.view.capitalize())

    @property
    def headline(self) -> str:
        """The deck slide's title: the view and its key figures."""
        return f"{self.label}: {self.caption}" if self.caption else self.label


def route_caption(stops: pd.DataFrame, legs: pd.DataFrame) -> str:
    """'3 trips, 9 stops, 4 countries, Sep 2024': a trip is one chain of legs in the legs
    mart; a stop on no leg is a trip of its own."""
    on_legs: set[str] = set()
    trips = set()
    if len(legs):
        trips = set(legs["trip_id"].astype(str))
        for col in ("from_stop_id", "to_stop_id"):
            if col in legs:
                on_legs |= set(legs[col].dropna().astype(str))
    alone = [s for s in stops["stop_id"].astype(str) if s not in on_legs] \
        if "stop_id" in stops and on_legs else ([] if len(legs) else list(stops.index))
    n_trips = len(trips) + len(alone)
    countries = {c for c in stops["country"] if isinstance(c, str) and c}
    parts = [plural(n_trips, "trip"), plural(len(stops), "stop"),
             plural(len(countries), "country", "countries")]
    period = period_text(list(stops["day_lo"]) if "day_lo" in stops else [])
    return ", ".join(parts + ([period] if period else []))


def routes_slide(built: View) -> Slide:
    """A routes (or one person's itinerary) slide: the page's map, drawn by the same
    ui/maps.routes_deck for the slide's map box, as a still picture."""
    stops, legs = built.frame, built.legs
    source = source_line(built.articles, "Basemap: Natural Earth.")
    deck = maps.routes_deck(stops, legs, built.colours, meetings=built.meetings,
                            chosen=tuple(built.options.get("chosen") or ()),
                            width=MAP_PICTURE[0], height=MAP_PICTURE[1], interactive=False)
    note = built.note or ("Solid lines took place, dashed ones were planned or possible; a "
                          "dotted ring: a stop not yet made; hollow: unreviewed, low "
                          "confidence; dark ring: verified; diamonds mark meetings.")
    return Slide(view=built.kind, title=built.title, caption=route_caption(stops, legs),
                 figure=None, articles=built.articles, source=source, note=note, deck=deck,
                 colours=built.colours, data=stops)


def aid_caption(rows: pd.DataFrame, by: str = "donor") -> str:
    """'USD 5.2 billion in 4 commitments, 3 donors, Apr 2024 to Sep 2024'; stated running
    totals are not added to the commitments they include."""
    counted = rows[~rows["is_total"].astype(bool)] if "is_total" in rows else rows
    usd = float(counted["usd"].dropna().sum()) if len(counted) else 0.0
    parties = {p for p in rows[by] if isinstance(p, str) and p} if by in rows else set()
    parts = [f"{charts.format_money(usd)} in {plural(len(counted), 'commitment')}",
             plural(len(parties), by)]
    period = period_text(list(rows["day_lo"]) if "day_lo" in rows else [])
    return ", ".join(parts + ([period] if period else []))


def aid_slide(bars: pd.DataFrame, rows: pd.DataFrame, *, by: str, title: str,
              articles: pd.DataFrame, note: str = "") -> Slide:
    """The aid bars (USD by donor or recipient and status) as a slide."""
    source = source_line(articles, "USD at the ECB rate of the date of each package's figure.")
    fig = slide_figure(charts.aid_bars(bars, by=by, title=title, n_articles=len(articles)),
                       title=title, source=source + (f" {note[0].upper()}{note[1:]}." if note
                                                     else ""))
    # the legend (committed, delivered) sits above the bars: room for it under the title
    fig.update_layout(margin=dict(t=fig.layout.margin.t + AID_LEGEND_PX))
    return Slide(view="aid", title=title, caption=aid_caption(rows, by), figure=fig,
                 articles=articles, source=source,
                 note=(f"{note[0].upper()}{note[1:]}." if note else
                       "Each package counted once, at its furthest stage; parts and stated "
                       "totals are never added beside it."),
                 data=bars, options={"by": by})


def casualty_caption(rows: pd.DataFrame) -> str:
    """'6 reports from 2 sources, Sep 2023; highest: 11,300 killed'."""
    sources = {r if isinstance(r, str) else "unattributed" for r in rows["reported_by"]}
    text = f"{plural(len(rows), 'report')} from {plural(len(sources), 'source')}"
    period = period_text(list(rows["as_of"]))
    if period:
        text += f", {period}"
    if len(rows):
        top = rows.loc[rows["value"].astype(float).idxmax()]
        text += f"; highest: {int(top['value']):,} {top['metric']}"
    return text


def casualties_slide(rows: pd.DataFrame, *, title: str, articles: pd.DataFrame,
                     note: str = "", by_place: bool = False) -> Slide:
    """The casualty timeline (one line per reporting source) as a slide."""
    source = source_line(articles)
    shown_note = (f"Showing {note}. " if note else "") + \
        "Competing figures are shown side by side, not averaged."
    fig = slide_figure(charts.casualty_timeline(rows, title=title, n_articles=len(articles),
                                                by_place=by_place),
                       title=title, source=f"{source} {shown_note}")
    days = pd.to_datetime(rows["as_of"], errors="coerce").dropna()
    if len(days) and (days.max() - days.min()).days < 60:
        # Reports of a few days would get an axis of hours (or milliseconds): show two months.
        middle = days.min() + (days.max() - days.min()) / 2
        fig.update_xaxes(range=[middle - pd.Timedelta(days=30), middle + pd.Timedelta(days=30)],
                         tickformat="%d %b %Y")
    _spread_labels(fig)
    return Slide(view="casualties", title=title, caption=casualty_caption(rows), figure=fig,
                 articles=articles, source=source, note=shown_note, data=rows,
                 options={"by_place": by_place})


def _spread_labels(fig: go.Figure) -> None:
    """Two figures a source gave for the same day would print on top of each other: the
    second printed one goes right of its marker, the third left. Markers printed without a
    figure (the chart prints one a day) do not count."""
    for trace in fig.data:
        if trace.type != "scatter" or "text" not in (trace.mode or "") or trace.text is None:
            continue
        default = trace.textposition if isinstance(trace.textposition, str) else "top center"
        seen: dict[object, int] = {}
        positions = []
        for x, text in zip(trace.x, trace.text, strict=False):
            k = seen.get(x, 0)
            if text:
                seen[x] = k + 1
            positions.append([default, "middle right", "middle left", "bottom center"][k % 4])
        if any(k > 1 for k in seen.values() if k):
            trace.textposition = positions


def slide_of(view: View) -> Slide | None:
    """The slide of a built view (None when the view has nothing to show): the same title,
    rows and note as its page."""
    if view.empty or view.figure is None:
        return None
    if view.kind in ("routes", "person"):
        slide = routes_slide(view)
    elif view.kind == "aid":
        slide = aid_slide(view.frame, view.rows, by=str(view.options["by"]), title=view.title,
                          articles=view.articles, note=view.note)
    elif view.kind == "casualties":
        slide = casualties_slide(view.frame, title=view.title, articles=view.articles,
                                 note=view.note, by_place=bool(view.options["by_place"]))
    else:
        raise ValueError(f"no slide for a {view.kind!r} view")
    slide = dataclasses.replace(slide, facts=facts_shown.facts_of(view.kind, {
        "frame": view.frame, "rows": view.rows,
        # the meetings the map marks (calls are listed on the page, not on the slide)
        "meetings": meeting_marks.placed(view.meetings) if not view.meetings.empty
        else view.meetings}))
    # the builder's headline (ui/builders.py) is the page's: the slide says the same
    return dataclasses.replace(slide, caption=view.headline) if view.headline else slide


def build_routes(con: duckdb.DuckDBPyConnection, f: Filters) -> Slide | None:
    """The routes page's default view as a slide."""
    return slide_of(builders.routes_view(con, f))


def build_person(con: duckdb.DuckDBPyConnection, f: Filters, person: str) -> Slide | None:
    """One person's itinerary as a slide."""
    return slide_of(builders.person_view(con, f, person))


def build_aid(con: duckdb.DuckDBPyConnection, f: Filters, *, statuses: Sequence[str] = (),
              by: str = "donor") -> Slide | None:
    """The aid page's view (its default choices unless given) as a slide."""
    return slide_of(builders.aid_view(con, f, statuses=statuses, by=by))


def build_casualties(con: duckdb.DuckDBPyConnection, f: Filters, *,
                     metrics: Sequence[str] = (), place: str | None = None) -> Slide | None:
    """The casualties page's default view (the most reported place, or `place`)."""
    return slide_of(builders.casualties_view(con, f, metrics=metrics, place=place))


def build_slides(con: duckdb.DuckDBPyConnection, f: Filters, views: Sequence[str], *,
                 person: str | None = None) -> tuple[list[Slide], list[str]]:
    """The chosen views under the filters, in the order given, and a sentence for each view
    that had nothing to show."""
    slides: list[Slide] = []
    empty: list[str] = []
    for view in views:
        if view == "routes":
            slide = build_routes(con, f)
        elif view == "aid":
            slide = build_aid(con, f)
        elif view == "casualties":
            slide = build_casualties(con, f)
        elif view == "person":
            who = person or builders.default_person(con, f)
            slide = build_person(con, f, who) if who else None
        else:
            raise ValueError(f"unknown view {view!r}; choose from {', '.join(VIEWS)}")
        if slide is None:
            empty.append(f"{VIEW_LABELS[view]}: nothing under these filters, left out.")
        else:
            slides.append(slide)
    return slides, empty
