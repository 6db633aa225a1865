"""The casualty timeline, pure: reports in, a plotly Figure out. One line per series (one
reporting source's count of one population: the Gaza health ministry's toll, its count of
children), a marker per report; one panel per figure (killed, wounded, ...) for one place,
or, for every place at once, small multiples: one panel per place."""

from __future__ import annotations

import math
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from etl import facts
from ui import chart_trust, trust
from ui.chart_style import GREY, OKABE_ITO, add_source_line, titled
from ui.escape import esc

QUALIFIER_SHORT = {"at least": "≥", "more than": ">", "about": "~", "up to": "≤"}
# The qualifier in the marker's shape: a lower bound points up, an upper bound down.
QUALIFIER_SYMBOL = {"at least": "triangle-up", "more than": "triangle-up", "about": "diamond",
                    "up to": "triangle-down"}
# Past this many reports in one panel the printed figures overlap: hover shows them instead
# (the marker's shape still tells the qualifier); a small multiple has less room.
MAX_LABELLED_REPORTS = 20
MAX_LABELLED_SMALL = 6
# Reports of one series further apart than this are not joined by a line.
MAX_GAP_DAYS = 120
# ... nor a report under this share of the one before it (a toll does not halve).
MIN_KEPT_SHARE = 0.5
# A small multiple whose reports span fewer days than this shows this many days either side
# (a single day's reports would otherwise get an axis of milliseconds).
MIN_PANEL_DAYS = 14
# Small multiples: at most this many places (the most reported first), this many a row.
MAX_PLACE_PANELS = 12
PANEL_COLUMNS = 3
# A sub-count is drawn in its source's colour with a line of its own: the toll solid.
POPULATION_DASH = {"all": "solid", "children": "dash", "women": "dot", "civilians": "dashdot",
                   "soldiers": "longdash", "staff": "longdashdot"}
# Beyond the palette's seven strong colours (yellow is kept out: faint on white), sources are
# grey, so no two sources ever share a colour.
STRONG = OKABE_ITO[:7]
MARKER_PX = 12
# One place's timeline opens on the shortest span holding this share of its reports (with a
# margin: this share of the span, at least this many days either side), when the place's
# reports span over this many times as long (focus_window).
FOCUS_SHARE = 0.75
FOCUS_MARGIN_SHARE = 0.15
FOCUS_MARGIN_DAYS = 14
FOCUS_MIN_RATIO = 3
# Printed figures are kept apart at the narrowest the page draws a panel: the plot of a 1280 px
# wide window, legend beside it, is about 380 px wide (a small multiple a third of it); a digit
# of the 14 px figures is about 7 px wide, a line 16 px high. The layout's top and bottom
# margins (ui/chart_style.py) take 210 px of the figure's height.
LABEL_PLOT_PX = 380
LABEL_CHAR_PX = 7
LABEL_HEIGHT_PX = 16
LAYOUT_MARGINS_PX = 210


def series_name(reporter: object, population: object) -> str:
    """The legend's name of a series: its source, and the population when not all.

    >>> series_name("Gaza health ministry", "children"), series_name(None, "all")
    ('Gaza health ministry · children', 'unattributed')
    """
    who = reporter if isinstance(reporter, str) and reporter else "unattributed"
    part = population if isinstance(population, str) else "all"
    return who if part == "all" else f"{who} · {part}"


def _place(value: object) -> str:
    return value if isinstance(value, str) and value else "unspecified place"


def _prepared(df: pd.DataFrame) -> pd.DataFrame:
    out = df.assign(
        reporter=[r if isinstance(r, str) and r else "unattributed" for r in df["reported_by"]],
        population=df["population"] if "population" in df else "all",
        place=[_place(w) for w in df["where"]],
    )
    out["series"] = [series_name(r, p) for r, p in zip(out["reporter"], out["population"],
                                                       strict=True)]
    return out


def _colours(df: pd.DataFrame) -> dict[str, str]:
    """A colour per named reporting source, the most reporting first; grey past the palette
    and for figures nobody is named for (colour is for sources a reader can weigh)."""
    named = df[df["reporter"] != "unattributed"]
    order = list(named.groupby("reporter").size().sort_values(ascending=False, kind="stable")
                 .index)
    colours = {r: STRONG[i] if i < len(STRONG) else GREY for i, r in enumerate(order)}
    colours["unattributed"] = GREY
    return colours


def _series_trace(part: pd.DataFrame, *, name: str, colour: str, dash: str, labels: bool,
                  position: str, show_legend: bool) -> go.Scatter:
    """One series as a line with a marker per report, broken across long silences; the
    hover says each report's trust in ui/trust.py's words (the marks that show it are drawn
    over the series: casualty_timeline)."""
    xs: list = []
    ys: list = []
    texts: list = []
    symbols: list = []
    custom: list = []
    previous = None
    previous_value: int | None = None
    ordered = part.sort_values(["as_of", "value"])
    # two figures of one day ("more than 5,000" and "5,087") print one label: the higher
    last_of_day = ~pd.to_datetime(ordered["as_of"]).duplicated(keep="last")
    for r, labelled in zip(ordered.itertuples(index=False), last_of_day, strict=True):
        day = pd.Timestamp(r.as_of)
        # a toll only rises: a later figure under half the one before it counts another
        # event (an aftershock, one strike), so the line is not drawn down to it; two
        # figures of one day are two statements, not a rise, so no line joins them either
        if previous is not None and ((day - previous).days > MAX_GAP_DAYS or (
                previous_value is not None and day > previous
                and int(r.value) < previous_value * MIN_KEPT_SHARE) or (
                day == previous and int(r.value) != previous_value)):
            xs.append(None)
            ys.append(None)
            texts.append(None)
            symbols.append("circle")
            custom.append(["", "", "", "", "", 0, ""])
        previous, previous_value = day, int(r.value)
        qualifier = r.qualifier if isinstance(r.qualifier, str) else None
        xs.append(day)
        ys.append(int(r.value))
        texts.append(f"{QUALIFIER_SHORT.get(qualifier, '')}{int(r.value):,}" if labelled
                     else "")
        symbols.append(QUALIFIER_SYMBOL.get(qualifier, "circle"))
        custom.append([esc(name), esc(r.metric), esc(qualifier or "exactly"),
                       f"{int(r.value):,}", esc(r.place), int(r.sources),
                       esc(trust.trust_text(getattr(r, "review_state", None),
                                            getattr(r, "confidence", None),
                                            getattr(r, "reviewed_by", None)))])
    return go.Scatter(
        x=xs, y=ys, connectgaps=False, mode="lines+markers+text" if labels else "lines+markers",
        name=esc(name), legendgroup=esc(name), showlegend=show_legend,
        line=dict(color=colour, width=3 if colour != GREY else 2, dash=dash),
        marker=dict(size=MARKER_PX, color=colour, symbol=symbols),
        text=texts, textposition=position, textfont=dict(size=14, color=colour),
        cliponaxis=False, customdata=custom,
        hovertemplate=("<b>%{customdata[0]}</b>, %{x|%d %b %Y}<br>%{customdata[2]} "
                       "%{customdata[3]} %{customdata[1]}<br>%{customdata[4]}"
                       "<br>%{customdata[5]} source(s) · %{customdata[6]}<extra></extra>"),
    )


class Focus(NamedTuple):
    """The days a place's timeline opens on: first and last day shown, and how many of the
    place's reports lie between them and outside them."""

    start: pd.Timestamp
    end: pd.Timestamp
    inside: int
    outside: int


def focus_window(df: pd.DataFrame) -> Focus | None:
    """The days to open one place's timeline on: the densest run of its reports, with a
    margin, when its reports spread far wider; None when they do not.

    Why: an axis spanning every report of a place squeezes the weeks most of them describe
    into a sliver (a war's toll reported every few days, beside a handful of reports of an
    earlier war years before), and their printed figures overlap. The reader wants those
    weeks readable; the few reports far outside stay one double-click away (the chart's
    autoscale), and the note says how many there are.

    The rule, on the reports' days (every report counts, whatever its series): the shortest
    span holding FOCUS_SHARE of them (the latest of equally short ones); widened to take in
    any report within the margin of its edges, one after another, so a report a few days
    before the burst (the attack that began it) is not cut off; then the margin either side:
    FOCUS_MARGIN_SHARE of the span, at least FOCUS_MARGIN_DAYS. A place whose reports are
    spread evenly has no such span: its window would cover most of its days, so no focus
    (the place's whole span must be over FOCUS_MIN_RATIO times the window).
    """
    days = pd.to_datetime(df["as_of"], errors="coerce").dropna().sort_values()
    n = len(days)
    if n < 2:
        return None
    values = list(days)
    k = max(2, math.ceil(n * FOCUS_SHARE))
    # the shortest run of k reports: ties go to the latest (the newest crisis)
    first = min(range(n - k + 1), key=lambda i: (values[i + k - 1] - values[i], -i))
    lo, hi = first, first + k - 1
    reach = _focus_margin(values[hi] - values[lo])
    while lo > 0 and values[lo] - values[lo - 1] <= reach:
        lo -= 1
    while hi < n - 1 and values[hi + 1] - values[hi] <= reach:
        hi += 1
    margin = _focus_margin(values[hi] - values[lo])
    start, end = values[lo] - margin, values[hi] + margin
    if values[-1] - values[0] <= FOCUS_MIN_RATIO * (end - start):
        return None
    inside = int(days.between(start, end).sum())
    return Focus(start, end, inside, n - inside)


def _focus_margin(span: pd.Timedelta) -> pd.Timedelta:
    return max(pd.Timedelta(days=FOCUS_MARGIN_DAYS), span * FOCUS_MARGIN_SHARE)


def _label_box(x: float, y: float, text: str, position: str) -> tuple[float, ...]:
    """The pixels (left, bottom, right, top) a figure printed at a marker takes."""
    half = len(text) * LABEL_CHAR_PX / 2
    gap = MARKER_PX / 2
    if position.startswith("top"):
        return x - half, y + gap, x + half, y + gap + LABEL_HEIGHT_PX
    return x - half, y - gap - LABEL_HEIGHT_PX, x + half, y - gap


def _meets(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def declutter_labels(traces: list[go.Scatter], *, days: tuple[pd.Timestamp, pd.Timestamp],
                     top: float, width_px: float, height_px: float) -> None:
    """Printed figures that would overlap another figure or another report's marker at the
    panel's narrowest size (`width_px` by `height_px` of plot, the x axis over `days`, the y
    axis from 0 to `top`) move to the other side of their marker, or, when both sides are
    taken, are not printed (hover still shows them). The first traces (the most reported
    series) and, in each, the latest report keep their place first: the figure a reader
    quotes is the newest of the main source."""
    span = max((days[1] - days[0]).total_seconds(), 1.0)

    def px(day: object, value: float) -> tuple[float, float]:
        return ((pd.Timestamp(day) - days[0]).total_seconds() / span * width_px,
                value / max(top, 1.0) * height_px)

    marks = [(n, i, px(x, y)) for n, t in enumerate(traces)
             for i, (x, y) in enumerate(zip(t.x, t.y, strict=True)) if y is not None]
    # a series' own markers of the day (its figures of that day print one label) are no
    # obstacle to that label
    obstacles = [((n, traces[n].x[i]), (x - MARKER_PX / 2, y - MARKER_PX / 2, x + MARKER_PX / 2,
                                        y + MARKER_PX / 2)) for n, i, (x, y) in marks]
    placed: list[tuple[float, ...]] = []
    for n, trace in enumerate(traces):
        if "text" not in (trace.mode or ""):
            continue
        texts = list(trace.text)
        default = trace.textposition if isinstance(trace.textposition, str) else "top center"
        positions = [default] * len(texts)
        other = "bottom center" if default.startswith("top") else "top center"
        for n_, i, (x, y) in sorted((m for m in marks if m[0] == n), key=lambda m: -m[1]):
            if not texts[i]:
                continue
            for position in (default, other):
                box = _label_box(x, y, texts[i], position)
                # under the x axis a figure would print over the dates
                if box[1] >= -MARKER_PX / 2 and not any(_meets(box, b) for b in placed) and not any(
                        _meets(box, b) for key, b in obstacles if key != (n_, trace.x[i])):
                    placed.append(box)
                    positions[i] = position
                    break
            else:
                texts[i] = ""
        trace.text = texts
        trace.textposition = positions if len(set(positions)) > 1 else positions[0]


def _panels(df: pd.DataFrame, by_place: bool) -> list[tuple[str, pd.DataFrame]]:
    """(panel title, its reports): per metric for one place; per place for all of them, each
    place with one figure (the chosen one, or its most reported)."""
    if not by_place:
        metrics = [m for m in facts.METRICS if m in set(df["metric"])]
        metrics += sorted(set(df["metric"]) - set(metrics))
        return [(m.capitalize(), df[df["metric"] == m]) for m in metrics]
    counts = df.groupby("place").size().sort_values(ascending=False, kind="stable")
    out = []
    for place in counts.index[:MAX_PLACE_PANELS]:
        here = df[df["place"] == place]
        metric = here.groupby("metric").size().sort_values(ascending=False,
                                                           kind="stable").index[0]
        out.append((f"{place} · {metric}", here[here["metric"] == metric]))
    return out


def casualty_timeline(df: pd.DataFrame, *, title: str, n_articles: int, note: str = "",
                      by_place: bool = False) -> go.Figure:
    """The timeline of casualty reports. One place: one panel per figure, one line per
    series. Every place (`by_place`): one small panel per place (the MAX_PLACE_PANELS most
    reported), each with its own scale, so unrelated crises are never one line or one axis.
    The qualifier shows in the printed figure ("≥4,634") and the marker's shape; a
    sub-count's line is dashed in its source's colour.

    df columns: metric, as_of, value, qualifier, reported_by, where, sources and, when the
    database has them, population.
    """
    df = _prepared(df)
    panels = _panels(df, by_place)
    focus = None if by_place else focus_window(df)
    if focus is not None:
        # a figure with no report in the weeks shown would be an empty panel (the note says
        # how many reports lie outside them)
        inside = [(t, part) for t, part in panels
                  if pd.to_datetime(part["as_of"]).between(focus.start, focus.end).any()]
        panels = inside or panels
    colours = _colours(df)
    cols = min(PANEL_COLUMNS, len(panels)) if by_place else 1
    rows = math.ceil(len(panels) / cols)
    # one place: a figure with more reports gets a taller panel (the toll, not a lone count
    # of the displaced, fills a slide); small multiples are all the same size
    weights = None if by_place else [max(len(part), 2) ** 0.5 for _, part in panels]
    fig = make_subplots(rows=rows, cols=cols, shared_xaxes=not by_place,
                        row_heights=None if weights is None else
                        [w / sum(weights) for w in weights],
                        vertical_spacing=0.12 if not by_place else min(0.3 / rows, 0.09),
                        horizontal_spacing=0.07, subplot_titles=[esc(t) for t, _ in panels])
    shown: set[str] = set()
    # Figures print above or below their marker, never beside it: a line runs through the
    # side of a marker, and "-2,055" would read as a negative count. A sub-count lies under
    # its toll, so its figures go under its own markers.
    positions = ["top center", "bottom center"]
    limit = MAX_LABELLED_SMALL if by_place else MAX_LABELLED_REPORTS
    series_order = list(df.groupby("series").size().sort_values(ascending=False,
                                                                 kind="stable").index)
    height = max(460, 170 + 300 * rows) if by_place else max(440, 150 + 290 * rows)
    all_days = pd.to_datetime(df["as_of"])
    for n, (_, part) in enumerate(panels):
        row, col = n // cols + 1, n % cols + 1
        labels = len(part) <= limit
        traces = []
        for series in [s for s in series_order if s in set(part["series"])]:
            lines = part[part["series"] == series]
            first = lines.iloc[0]
            traces.append(_series_trace(
                lines, name=series, colour=colours[first["reporter"]],
                dash=POPULATION_DASH.get(first["population"], "solid"), labels=labels,
                position="bottom center" if first["population"] != "all" else
                positions[series_order.index(series) % len(positions)],
                show_legend=series not in shown))
            shown.add(series)
        days = pd.to_datetime(part["as_of"])
        seen = part if focus is None else part[days.between(focus.start, focus.end)]
        top = max(float(seen["value"].max()) if len(seen) else 1.0, 1.0) * 1.3
        shown_days = (focus.start, focus.end) if focus is not None else \
            (days.min(), days.max()) if by_place else (all_days.min(), all_days.max())
        if by_place and (days.max() - days.min()).days < MIN_PANEL_DAYS:
            margin = pd.Timedelta(days=MIN_PANEL_DAYS)
            shown_days = (days.min() - margin, days.max() + margin)
            fig.update_xaxes(range=list(shown_days), row=row, col=col)
        domain = fig.get_subplot(row, col).yaxis.domain
        declutter_labels(traces, days=shown_days, top=top, width_px=LABEL_PLOT_PX / cols,
                         height_px=(height - LAYOUT_MARGINS_PX) * (domain[1] - domain[0]))
        for trace in traces:
            fig.add_trace(trace, row=row, col=col)
        # trust over the series: hollow where nobody reviewed a weak report, ringed where an
        # analyst verified it (ui/chart_trust.py)
        for mark in chart_trust.trust_marks(
                trust.frame_classes(part), days, part["value"].astype(int),
                colours=[colours[r] for r in part["reporter"]],
                symbols=[QUALIFIER_SYMBOL.get(q, "circle") if isinstance(q, str) else "circle"
                         for q in part["qualifier"]], size=MARKER_PX):
            fig.add_trace(mark, row=row, col=col)
        fig.update_yaxes(title_text="people" if col == 1 else None, range=[0, top],
                         tickformat=",~f", row=row, col=col)
    if by_place:
        fig.update_xaxes(nticks=4)
    else:
        fig.update_xaxes(title_text="Date the figure describes", row=rows, col=1)
        if focus is not None:
            fig.update_xaxes(range=[focus.start, focus.end])
    for entry in chart_trust.marker_legend(MARKER_PX):
        fig.add_trace(entry)
    fig.update_annotations(font=dict(size=17 if not by_place else 15))
    fig.update_layout(height=height, legend=dict(title=dict(text="Reported by")))
    titled(fig, title)
    return add_source_line(fig, n_articles, note)
