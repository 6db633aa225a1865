"""Plotly figures for the dashboard, pure: a DataFrame and a title in, a Figure out.

The house template (fonts of 15 px and up, Okabe-Ito colours, white background) is
registered once here; every builder adds the title that states the filters, axis titles
with units and a source line ("Source: N articles, Shuttle").
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

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
AID_STATUS_ORDER = ["requested", "proposed", "authorized", "pledged", "announced", "delivered"]
AID_STATUS_COLOURS = {
    "requested": "#F0E442",
    "proposed": "#E69F00",
    "authorized": "#CC79A7",
    "pledged": "#56B4E9",
    "announced": "#0072B2",
    "delivered": "#009E73",
}
VISIT_STATUS_COLOURS = {
    "occurred": "#0072B2",
    "planned": "#E69F00",
    "possible": "#56B4E9",
    "cancelled": "#D55E00",
}

FONT = "Source Sans 3, Source Sans Pro, Helvetica Neue, Arial, sans-serif"
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
pio.templates.default = "plotly_white+shuttle"


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
    fig.update_layout(title=dict(text=esc(title)))
    return fig


def aid_bars(df: pd.DataFrame, *, by: str, title: str, n_articles: int, note: str = "") -> go.Figure:
    """Horizontal bars of aid in USD per donor (or recipient), stacked and coloured by status.

    df: one row per (party, status) with columns party, status, usd, commitments, sources,
    originals (a plain-text list of the original amounts, e.g. "GBP 162 million").
    """
    totals = df.groupby("party", sort=False)["usd"].sum().sort_values()
    # Stacked totals are larger than any one segment: scale the axis on the biggest bar.
    divisor, unit = money_scale(float(totals.max()) if len(totals) else 0.0)
    fig = go.Figure()
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
             int(row.commitments), int(row.sources)]
            for party, row in part.iterrows()
        ]
        fig.add_bar(
            y=[esc(p) for p in part.index],
            x=part["usd"] / divisor,
            name=status,
            orientation="h",
            marker=dict(color=AID_STATUS_COLOURS.get(status, GREY),
                        line=dict(color="white", width=1)),
            customdata=custom,
            hovertemplate=(
                "<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]}"
                "<br>Original: %{customdata[3]}"
                "<br>%{customdata[4]} commitment(s), %{customdata[5]} source(s)<extra></extra>"
            ),
        )
    unit_text = f"USD {unit}, " if unit else "USD, "
    fig.update_layout(
        barmode="stack",
        height=max(420, 160 + 46 * len(totals)),
        legend=dict(title=dict(text="Status"), traceorder="normal"),
        xaxis=dict(title=dict(text=unit_text + USD_AXIS), tickformat=",~f"),
        yaxis=dict(title=dict(text="Donor" if by == "donor" else "Recipient")),
    )
    _title(fig, title)
    return add_source_line(fig, n_articles, note)


def aid_timeline(df: pd.DataFrame, *, title: str, n_articles: int, note: str = "") -> go.Figure:
    """One marker per aid commitment over time: x = date, y = USD (log scale), colour = status.

    df columns: date, usd, status, donor, recipient, amount, currency, aid_type, sources.
    """
    fig = go.Figure()
    statuses = [s for s in AID_STATUS_ORDER if s in set(df["status"])]
    statuses += sorted(set(df["status"]) - set(statuses))
    for status in statuses:
        part = df[df["status"] == status]
        custom = [
            [esc(r.donor or "unnamed donor"), esc(r.recipient or "unnamed recipient"),
             format_money(r.usd), format_money(r.amount, r.currency), esc(r.aid_type or ""),
             esc(status), int(r.sources)]
            for r in part.itertuples()
        ]
        fig.add_scatter(
            x=part["date"], y=part["usd"], mode="markers", name=status,
            marker=dict(size=15, color=AID_STATUS_COLOURS.get(status, GREY),
                        line=dict(color="#333333", width=1)),
            customdata=custom,
            hovertemplate=(
                "<b>%{customdata[0]} → %{customdata[1]}</b><br>%{x|%d %b %Y} · %{customdata[5]}"
                "<br>%{customdata[2]} (original %{customdata[3]})"
                "<br>%{customdata[4]} · %{customdata[6]} source(s)<extra></extra>"
            ),
        )
    fig.update_layout(
        height=460,
        legend=dict(title=dict(text="Status")),
        xaxis=dict(title=dict(text="Date of the commitment")),
        yaxis=dict(title=dict(text="USD (log scale), " + USD_AXIS), type="log",
                   tickformat="$~s"),
    )
    _title(fig, title)
    return add_source_line(fig, n_articles, note)


QUALIFIER_SHORT = {"at least": "≥", "more than": ">", "about": "~", "up to": "≤"}


def casualty_timeline(df: pd.DataFrame, *, title: str, n_articles: int,
                      note: str = "") -> go.Figure:
    """One panel per metric; in each, one line per reporting source with a marker per report.

    df columns: metric, as_of, value, qualifier, reported_by, where, sources.
    """
    metrics = [m for m in ["killed", "wounded", "displaced", "missing", "captured"]
               if m in set(df["metric"])]
    metrics += sorted(set(df["metric"]) - set(metrics))
    reporters = list(dict.fromkeys(df.sort_values("as_of")["reported_by"].fillna("unattributed")))
    colours = {r: OKABE_ITO[i % len(OKABE_ITO)] for i, r in enumerate(reporters)}
    fig = make_subplots(
        rows=len(metrics), cols=1, shared_xaxes=True, vertical_spacing=0.12,
        subplot_titles=[m.capitalize() for m in metrics],
    )
    shown: set[str] = set()
    for row, metric in enumerate(metrics, start=1):
        in_metric = df[df["metric"] == metric].copy()
        in_metric["reporter"] = in_metric["reported_by"].fillna("unattributed")
        for reporter in reporters:
            part = in_metric[in_metric["reporter"] == reporter].sort_values("as_of")
            if part.empty:
                continue
            labels = [
                f"{QUALIFIER_SHORT.get(q, '')}{v:,}" if isinstance(q, str) else f"{v:,}"
                for q, v in zip(part["qualifier"], part["value"], strict=True)
            ]
            custom = [
                [esc(reporter), esc(metric), esc(q if isinstance(q, str) else "exactly"),
                 f"{int(v):,}", esc(w if isinstance(w, str) else "unspecified area"), int(s)]
                for q, v, w, s in zip(part["qualifier"], part["value"], part["where"],
                                      part["sources"], strict=True)
            ]
            fig.add_scatter(
                x=part["as_of"], y=part["value"], mode="lines+markers+text",
                name=esc(reporter), legendgroup=esc(reporter), showlegend=reporter not in shown,
                line=dict(color=colours[reporter], width=3),
                marker=dict(size=12, color=colours[reporter]),
                text=labels, textposition="top center", textfont=dict(size=15),
                customdata=custom,
                hovertemplate=(
                    "<b>%{customdata[0]}</b>, %{x|%d %b %Y}<br>%{customdata[2]} "
                    "%{customdata[3]} %{customdata[1]}<br>%{customdata[4]}"
                    "<br>%{customdata[5]} source(s)<extra></extra>"
                ),
                row=row, col=1,
            )
            shown.add(reporter)
        fig.update_yaxes(title_text="people", rangemode="tozero", tickformat=",~f",
                         row=row, col=1)
    fig.update_xaxes(title_text="Date the figure describes", row=len(metrics), col=1)
    fig.update_annotations(font=dict(size=17))
    fig.update_layout(height=max(440, 150 + 290 * len(metrics)),
                      legend=dict(title=dict(text="Reported by")))
    _title(fig, title)
    return add_source_line(fig, n_articles, note)


def roles_timeline(df: pd.DataFrame, *, title: str, today: pd.Timestamp) -> go.Figure:
    """Bars of a person's roles over time. df columns: title, country, start, end (end may be NaT)."""
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
        height=max(260, 170 + 50 * len(df)), margin=dict(b=70),
        xaxis=dict(type="date", title=dict(text="Years in office")),
        yaxis=dict(title=dict(text="")),
    )
    return _title(fig, title)
