"""Plotly figures for the dashboard, pure: a DataFrame and a title in, a Figure out.

The house template (fonts of 14 px and up, Okabe-Ito colours, white background) is
registered once here and set on every figure; every builder adds the title that states the
filters, axis titles with units and a source line ("Source: N articles, Shuttle").
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from etl import facts
from ui import trust, trust_marks
from ui.escape import esc

# Okabe & Ito (2008), the colour-blind-safe palette; yellow last, it is faint on white.
OKABE_ITO = [
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
]
GREY = "#8C8C8C"

# Aid moves from asked to given; the colours follow the same order.
AID_STATUS_ORDER = list(facts.AID_STATUSES)
AID_STATUS_COLOURS = {
    "requested": "#F0E442",
    "proposed": "#E69F00",
    "authorized": "#CC79A7",
    "pledged": "#56B4E9",
    "announced": "#0072B2",
    "delivered": "#009E73",
}

# Streamlit's own typeface first (served with the app), then common fallbacks (kaleido).
FONT = '"Source Sans", "Source Sans 3", "Source Sans Pro", Arial, sans-serif'
USD_AXIS = "converted at ECB rate of the date"

pio.templates["shuttle"] = go.layout.Template(
    layout=dict(
        font=dict(family=FONT, size=16, color="#222222"),
        title=dict(font=dict(size=22), x=0, xanchor="left", xref="paper"),
        colorway=OKABE_ITO,
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=80, r=40, t=90, b=120),
        legend=dict(font=dict(size=15), title=dict(font=dict(size=15))),
        hoverlabel=dict(font=dict(size=15, family=FONT), bgcolor="white"),
        xaxis=dict(
            gridcolor="#E6E6E6", linecolor="#888888", ticks="outside",
            tickfont=dict(size=15), title=dict(font=dict(size=16)), automargin=True,
        ),
        yaxis=dict(
            gridcolor="#E6E6E6", linecolor="#888888", ticks="outside",
            tickfont=dict(size=15), title=dict(font=dict(size=16)), automargin=True,
        ),
    )
)
# Every builder sets this template on its figure: importing streamlit replaces plotly's global
# default template with its own, so the default cannot be relied on.
TEMPLATE = "plotly_white+shuttle"


def add_source_line(fig: go.Figure, n_articles: int, note: str = "") -> go.Figure:
    """Put "Source: N articles, Shuttle" under the plot, left-aligned, in the bottom margin."""
    noun = "article" if n_articles == 1 else "articles"
    text = f"Source: {n_articles:,} {noun}, Shuttle"
    if note:
        text += f". {esc(note)}"
    fig.add_annotation(
        text=text, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
        yshift=-78, showarrow=False, font=dict(size=14, color="#555555"), align="left",
    )
    return fig


def money_scale(max_value: float) -> tuple[float, str]:
    """Divisor and unit word for an axis of US dollars.

    >>> money_scale(61e9)
    (1000000000.0, 'billion')
    >>> money_scale(2e6)
    (1000000.0, 'million')
    >>> money_scale(5000)
    (1.0, '')
    """
    if max_value >= 1e9:
        return 1e9, "billion"
    if max_value >= 1e6:
        return 1e6, "million"
    return 1.0, ""


def format_money(amount: float | None, currency: str | None = "USD") -> str:
    """A short human amount: "USD 212.3 million", "GBP 162 million".

    >>> format_money(212_310_000, "USD")
    'USD 212.3 million'
    >>> format_money(61e9, "USD")
    'USD 61 billion'
    >>> format_money(None)
    'unknown amount'
    """
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return "unknown amount"
    divisor, unit = money_scale(abs(amount))
    value = amount / divisor
    number = f"{value:,.1f}".removesuffix(".0") if unit else f"{value:,.0f}"
    return f"{currency or ''} {number}{' ' + unit if unit else ''}".strip()


def _title(fig: go.Figure, title: str) -> go.Figure:
    """The house template and the title that states the filters."""
    fig.update_layout(template=TEMPLATE, title=dict(text=esc(title)))
    return fig


def _counted(commitments: int, totals: int) -> str:
    """ "2 commitments", "1 commitment, 1 stated total (the larger is shown)".

    >>> _counted(2, 0), _counted(1, 1)
    ('2 commitments', '1 commitment, 1 stated total (the larger is shown)')
    """
    text = f"{commitments} commitment{'s' if commitments != 1 else ''}"
    if totals:
        text += f", {totals} stated total{'s' if totals != 1 else ''} (the larger is shown)"
    return text


def aid_bars(df: pd.DataFrame, *, by: str, title: str, n_articles: int,
             note: str = "") -> go.Figure:
    """Horizontal bars of aid in USD per donor (or recipient), stacked and coloured by status.

    df: one row per (party, status) with columns party, status, usd, commitments, totals,
    sources, originals (a plain-text list of the original amounts, e.g. "GBP 162 million").
    The sums come from DuckDB (ui/sql/aid_by_party.sql), where stated totals are not added
    to their parts.
    """
    totals = df.groupby("party", sort=False)["usd"].sum().sort_values()
    # Largest bar on top; donors the articles did not name go to the bottom.
    unnamed = [p for p in totals.index if str(p).startswith("unnamed ")]
    totals = totals.loc[unnamed + [p for p in totals.index if p not in unnamed]]
    # Stacked totals are larger than any one segment: scale the axis on the biggest bar.
    divisor, unit = money_scale(float(totals.max()) if len(totals) else 0.0)
    fig = go.Figure()
    shown_trust: set[str] = set()
    statuses = [s for s in AID_STATUS_ORDER if s in set(df["status"])]
    statuses += sorted(set(df["status"]) - set(statuses))
    for status in statuses:
        part = df[df["status"] == status].set_index("party").reindex(totals.index).dropna(
            subset=["usd"]
        )
        if part.empty:
            continue
        custom = [
            [esc(party), esc(status), format_money(row.usd), esc(row.originals),
             _counted(int(row.commitments), int(getattr(row, "totals", 0) or 0)),
             int(row.sources)]
            for party, row in part.iterrows()
        ]
        if "trust" in part:  # a plain segment first: the legend's swatch is the first bar's
            part = part.iloc[sorted(range(len(part)), key=lambda i: part["trust"].iloc[i]
                                    == "low")]
        trust = list(part["trust"]) if "trust" in part else []  # ui/trust_marks.py
        shown_trust.update(trust)
        fig.add_bar(
            y=[esc(p) for p in part.index],
            x=part["usd"] / divisor,
            name=status,
            orientation="h",
            marker=dict(color=AID_STATUS_COLOURS.get(status, GREY),
                        line=dict(color=[trust_marks.outline(c)[0] for c in trust] or "white",
                                  width=[trust_marks.outline(c)[1] for c in trust] or 1),
                        pattern=dict(shape=[trust_marks.HATCH if c == "low" else ""
                                            for c in trust] or "", fillmode="overlay",
                                     fgcolor="white", size=9, solidity=0.35)),
            customdata=custom,
            hovertemplate=(
                "<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]}"
                "<br>Original: %{customdata[3]}"
                "<br>%{customdata[4]}, %{customdata[5]} source(s)<extra></extra>"
            ),
        )
    trust_marks.add_legend(fig, shown_trust, bars=True)
    # The total at the end of each bar, so a small donor beside a large one still reads.
    for party, usd in totals.items():
        fig.add_annotation(
            x=usd / divisor, y=esc(party), text=format_money(usd), showarrow=False,
            xanchor="left", xshift=8, font=dict(size=15, color="#333333"),
        )
    unit_text = f"USD {unit}, " if unit else "USD, "
    fig.update_xaxes(range=[0, float(totals.max()) / divisor * 1.18] if len(totals) else None)
    fig.update_layout(
        barmode="stack",
        height=max(420, 160 + 46 * len(totals)),
        legend=dict(title=dict(text="Status"), traceorder="normal"),
        xaxis=dict(title=dict(text=unit_text + USD_AXIS), tickformat=",~f"),
        yaxis=dict(title=dict(text="Donor" if by == "donor" else "Recipient"),
                   categoryorder="array", categoryarray=[esc(p) for p in totals.index]),
    )
    _title(fig, title)
    return add_source_line(fig, n_articles, note)


def log_money_ticks(low: float, high: float) -> tuple[list[float], list[str]]:
    """Decade ticks for a log axis of US dollars, labelled as a briefing writes them.

    >>> log_money_ticks(2e8, 6.1e10)[1]
    ['$100m', '$1bn', '$10bn', '$100bn']
    """
    low, high = max(low, 1.0), max(high, 1.0)
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    values, labels = [], []
    for power in range(first, last + 1):
        value = 10.0**power
        if power >= 9:
            label = f"${value / 1e9:,.0f}bn"
        elif power >= 6:
            label = f"${value / 1e6:,.0f}m"
        elif power >= 3:
            label = f"${value / 1e3:,.0f}k"
        else:
            label = f"${value:,.0f}"
        values.append(value)
        labels.append(label)
    return values, labels


def aid_timeline(df: pd.DataFrame, *, title: str, n_articles: int, note: str = "") -> go.Figure:
    """One marker per aid commitment over time: x = date, y = USD (log scale), colour = status.

    df columns: date, usd, status, donor, recipient, amount, currency, aid_type, sources and
    optionally is_total (a stated running total: drawn as an open diamond, not a commitment).
    """
    fig = go.Figure()
    df = df.assign(is_total=df["is_total"] if "is_total" in df else False)
    statuses = [s for s in AID_STATUS_ORDER if s in set(df["status"])]
    statuses += sorted(set(df["status"]) - set(statuses))
    for status in statuses:
        part = df[df["status"] == status]
        custom = [
            [esc(r.donor or "unnamed donor"), esc(r.recipient or "unnamed recipient"),
             format_money(r.usd), format_money(r.amount, r.currency),
             esc((r.aid_type or "") + (", stated total" if r.is_total else "")),
             esc(status), int(r.sources)]
            for r in part.itertuples()
        ]
        colour = AID_STATUS_COLOURS.get(status, GREY)
        fig.add_scatter(
            x=part["date"], y=part["usd"], mode="markers", name=status,
            marker=dict(size=15, color=colour,
                        symbol=["diamond-open" if t else "circle" for t in part["is_total"]],
                        line=dict(color=[colour if t else "#333333" for t in part["is_total"]],
                                  width=[3 if t else 1 for t in part["is_total"]])),
            customdata=custom,
            hovertemplate=(
                "<b>%{customdata[0]} → %{customdata[1]}</b><br>%{x|%d %b %Y} · %{customdata[5]}"
                "<br>%{customdata[2]} (original %{customdata[3]})"
                "<br>%{customdata[4]} · %{customdata[6]} source(s)<extra></extra>"
            ),
        )
    tickvals, ticktext = log_money_ticks(float(df["usd"].min()), float(df["usd"].max()))
    fig.update_layout(
        height=520,
        legend=dict(title=dict(text="Status")),
        xaxis=dict(title=dict(text="Date of the commitment")),
        yaxis=dict(title=dict(text="USD, log scale, ECB rate of the date"), type="log",
                   tickvals=tickvals, ticktext=ticktext,
                   range=[math.log10(tickvals[0]), math.log10(tickvals[-1])]),
    )
    _title(fig, title)
    return add_source_line(fig, n_articles, note)


QUALIFIER_SHORT = {"at least": "≥", "more than": ">", "about": "~", "up to": "≤"}


# Past this many reports in one panel the printed figures overlap: hover shows them instead
# (the marker's shape still tells the qualifier).
MAX_LABELLED_REPORTS = 20
# Reports of one source further apart than this are not joined by a line.
MAX_GAP_DAYS = 120
# The qualifier in the marker's shape: a lower bound points up, an upper bound down.
QUALIFIER_SYMBOL = {"at least": "triangle-up", "more than": "triangle-up", "about": "diamond",
                    "up to": "triangle-down"}


def casualty_timeline(df: pd.DataFrame, *, title: str, n_articles: int, note: str = "",
                      by_place: bool = False) -> go.Figure:
    """One panel per metric; in each, one line per reporting source with a marker per report
    and its figure printed beside it (up to MAX_LABELLED_REPORTS reports a panel; past that,
    in the hover). The qualifier shows in the label ("≥4,634") and the marker's shape.

    df columns: metric, as_of, value, qualifier, reported_by, where, sources. With
    `by_place`, a line joins only the reports of one source about one place, so figures of
    unrelated crises are never drawn as one series.
    """
    df = df.assign(reported_by=[
        (r if isinstance(r, str) else "unattributed")
        + (f", {w if isinstance(w, str) and w else 'unspecified place'}" if by_place else "")
        for r, w in zip(df["reported_by"], df["where"], strict=True)
    ])
    metrics = [m for m in facts.METRICS if m in set(df["metric"])]
    metrics += sorted(set(df["metric"]) - set(metrics))
    reporters = list(dict.fromkeys(df.sort_values("as_of")["reported_by"].fillna("unattributed")))
    colours = {r: OKABE_ITO[i % len(OKABE_ITO)] for i, r in enumerate(reporters)}
    fig = make_subplots(
        rows=len(metrics), cols=1, shared_xaxes=True, vertical_spacing=0.12,
        subplot_titles=[m.capitalize() for m in metrics],
    )
    shown: set[str] = set()
    shown_trust: set[str] = set()
    # Reports of different sources on the same day would print their figures on top of
    # each other: each source puts its labels on its own side of the marker.
    positions = ["top center", "bottom center", "middle right", "middle left"]
    for row, metric in enumerate(metrics, start=1):
        in_metric = df[df["metric"] == metric].copy()
        in_metric["reporter"] = in_metric["reported_by"].fillna("unattributed")
        show_labels = len(in_metric) <= MAX_LABELLED_REPORTS
        for reporter in reporters:
            part = in_metric[in_metric["reporter"] == reporter].sort_values("as_of")
            if part.empty:
                continue
            xs: list = []
            ys: list = []
            labels: list = []
            symbols: list = []
            rims: list[tuple[str, float]] = []  # each marker's outline: trust
            custom: list = []
            previous = None
            for r in part.itertuples(index=False):
                day = pd.Timestamp(r.as_of)
                # A long silence means another crisis or count: do not draw a line across it.
                if previous is not None and (day - previous).days > MAX_GAP_DAYS:
                    xs.append(None)
                    ys.append(None)
                    labels.append(None)
                    symbols.append("circle")
                    rims.append((colours[reporter], 1.0))
                    custom.append(["", "", "", "", "", 0])
                previous = day
                qualifier = r.qualifier if isinstance(r.qualifier, str) else None
                xs.append(day)
                ys.append(int(r.value))
                labels.append(f"{QUALIFIER_SHORT.get(qualifier, '')}{int(r.value):,}")
                cls = trust.trust_class(getattr(r, "review_state", None),
                                        getattr(r, "confidence", None))
                shown_trust.add(cls)
                symbols.append(trust_marks.symbol(QUALIFIER_SYMBOL.get(qualifier, "circle"), cls))
                rims.append(trust_marks.outline(cls, (colours[reporter], 1.0)))
                custom.append([
                    esc(reporter), esc(metric), esc(qualifier or "exactly"),
                    f"{int(r.value):,}",
                    esc(r.where if isinstance(r.where, str) and r.where else "unspecified place"),
                    int(r.sources),
                ])
            fig.add_scatter(
                x=xs, y=ys, connectgaps=False,
                mode="lines+markers+text" if show_labels else "lines+markers",
                name=esc(reporter), legendgroup=esc(reporter), showlegend=reporter not in shown,
                line=dict(color=colours[reporter], width=3),
                marker=dict(size=13, color=colours[reporter], symbol=symbols,
                            line=dict(color=[c for c, _ in rims], width=[w for _, w in rims])),
                text=labels, textposition=positions[reporters.index(reporter) % len(positions)],
                textfont=dict(size=15, color=colours[reporter]), cliponaxis=False,
                customdata=custom,
                hovertemplate=(
                    "<b>%{customdata[0]}</b>, %{x|%d %b %Y}<br>%{customdata[2]} "
                    "%{customdata[3]} %{customdata[1]}<br>%{customdata[4]}"
                    "<br>%{customdata[5]} source(s)<extra></extra>"
                ),
                row=row, col=1,
            )
            shown.add(reporter)
        top = float(in_metric["value"].max()) if len(in_metric) else 1.0
        # Headroom above the highest marker for its label.
        fig.update_yaxes(title_text="people", range=[0, max(top, 1.0) * 1.3],
                         tickformat=",~f", row=row, col=1)
    trust_marks.add_legend(fig, shown_trust, bars=False)
    fig.update_xaxes(title_text="Date the figure describes", row=len(metrics), col=1)
    fig.update_annotations(font=dict(size=17))
    fig.update_layout(height=max(440, 150 + 290 * len(metrics)),
                      legend=dict(title=dict(text="Reported by")))
    _title(fig, title)
    return add_source_line(fig, n_articles, note)


def roles_timeline(df: pd.DataFrame, *, title: str, today: pd.Timestamp,
                   source: str = ("Source: the registry (data/reference/roles.csv), offices "
                                  "learned from articles, analyst corrections; Shuttle"),
                   ) -> go.Figure:
    """Bars of a person's roles over time. df: title, country, start, end (NaT: in office)."""
    fig = go.Figure()
    for i, r in enumerate(df.itertuples()):
        start = pd.Timestamp(r.start)
        end = pd.Timestamp(r.end) if pd.notna(r.end) else today
        label = esc(f"{r.title} ({r.country})" if isinstance(r.country, str) else r.title)
        fig.add_bar(
            y=[label], x=[(end - start).days * 86_400_000], base=[start], orientation="h",
            marker=dict(color=OKABE_ITO[i % len(OKABE_ITO)]), showlegend=False,
            hovertemplate=f"{label}<br>%{{base|%d %b %Y}} to "
            + ("today" if pd.isna(r.end) else end.strftime("%d %b %Y"))
            + "<extra></extra>",
        )
    fig.update_layout(
        height=max(300, 220 + 50 * len(df)),
        xaxis=dict(type="date", title=dict(text="Years in office")),
        yaxis=dict(title=dict(text=""), autorange="reversed"),
    )
    fig.add_annotation(
        text=esc(source), xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
        yshift=-78, showarrow=False, font=dict(size=14, color="#555555"), align="left",
    )
    return _title(fig, title)
