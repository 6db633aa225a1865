"""Plotly figures for the dashboard, pure: a DataFrame and a title in, a Figure out.

Every builder sets the house template (ui/chart_style.py) and adds the title that states
the filters, axis titles with units and a source line ("Source: N articles, Shuttle"). The
casualty timeline lives in ui/casualty_chart.py and is named here too.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from etl import facts
from ui import chart_trust, trust
from ui.casualty_chart import casualty_timeline
from ui.chart_style import FONT, GREY, OKABE_ITO, TEMPLATE, add_source_line, titled
from ui.escape import esc

__all__ = ["FONT", "GREY", "OKABE_ITO", "TEMPLATE", "add_source_line", "aid_bars",
           "aid_timeline", "casualty_timeline", "format_money", "roles_timeline"]

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

USD_AXIS = "converted at ECB rate of the date"


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


COMMITTED_COLOUR = "#0072B2"  # Okabe-Ito blue: what was promised
DELIVERED_COLOUR = "#009E73"  # Okabe-Ito bluish green: what was given


def _stage_split(part: pd.DataFrame) -> str:
    """ "authorized USD 61 billion (1); announced USD 0.8 billion (3)": a party's committed
    money by the furthest stage of its packages, asked to given.

    >>> _stage_split(pd.DataFrame({"status": ["announced", "authorized"], "usd": [8e8, 61e9],
    ...                            "commitments": [3, 1]}))
    'authorized USD 61 billion (1); announced USD 800 million (3)'
    """
    order = {s: i for i, s in enumerate(AID_STATUS_ORDER)}
    rows = sorted(part.itertuples(), key=lambda r: order.get(r.status, len(order)))
    return "; ".join(f"{esc(r.status)} {format_money(r.usd)} ({int(r.commitments)})"
                     for r in rows)


TRUST_PARTS = (trust.VERIFIED, trust.SURE, trust.LOW)  # each bar's segments, from its axis


def _trust_parts(df: pd.DataFrame, per: pd.DataFrame, measure: str) -> dict[str, pd.Series]:
    """Per party, the USD of `measure` ("usd" committed, "delivered_usd") that is verified,
    unreviewed and sure enough, or unreviewed with low confidence: the segments one bar is
    cut into. A frame without the trust sums (verified_usd, low_usd, ...) is all unreviewed;
    the rest of a sum after its verified and low parts is the sure one (never below 0)."""
    total = per["usd" if measure == "usd" else "delivered"]
    parts = {}
    for klass in (trust.VERIFIED, trust.LOW):
        column = f"{klass}_{measure}"
        parts[klass] = (df.groupby("party", sort=False)[column].sum().reindex(per.index)
                        .fillna(0.0) if column in df else total * 0.0)
    parts[trust.SURE] = (total - parts[trust.VERIFIED] - parts[trust.LOW]).clip(lower=0.0)
    return {klass: parts[klass] for klass in TRUST_PARTS}


def _segment_text(value: float, count: int | None, klass: str) -> str:
    """The hover line of one segment: 'This part: USD 2 billion in 1 package, verified by an
    analyst'."""
    packages = "" if count is None else f" in {count} package{'s' if count != 1 else ''}"
    return f"This part: {format_money(value)}{packages}, {trust.LEGEND[klass]}"


def aid_bars(df: pd.DataFrame, *, by: str, title: str, n_articles: int,
             note: str = "") -> go.Figure:
    """Per donor (or recipient), two horizontal bars: the money committed, each package
    counted once at its furthest stage, and beside it what was delivered so far (the Kiel
    view: commitments beside allocations). Each bar is cut by trust (ui/chart_trust.py):
    from the axis, the part an analyst verified (outlined dark), the unreviewed part, and
    the part nobody reviewed with low confidence (hatched), so an officer sees how much of a
    donor's total rests on weak reading before pasting it into a brief.

    df: one row per (party, status = furthest stage) with columns party, status, usd
    (committed), delivered_usd, commitments (packages), sources and originals (the committed
    amounts in their own currencies, as text), and where the query gives them the trust
    parts verified_usd, low_usd, verified_delivered_usd, low_delivered_usd,
    verified_commitments, low_commitments. The sums come from DuckDB
    (ui/sql/aid_by_party.sql), where a package is one row whatever its stages and parts.
    """
    df = df.assign(delivered_usd=df["delivered_usd"] if "delivered_usd" in df else 0.0)
    per = df.groupby("party", sort=False).agg(
        usd=("usd", "sum"), delivered=("delivered_usd", "sum"),
        packages=("commitments", "sum"), sources=("sources", "sum"))
    per = per.sort_values("usd")  # plotly draws the first category at the bottom
    divisor, unit = money_scale(float(per["usd"].max()) if len(per) else 0.0)
    labels = [esc(p) for p in per.index]
    custom = [
        [esc(party), format_money(r.usd), format_money(r.delivered), int(r.packages),
         _stage_split(df[df["party"] == party]),
         esc("; ".join(o for o in df[df["party"] == party]["originals"] if o)),
         int(r.sources)]
        for party, r in per.iterrows()
    ]
    hover = ("<b>%{customdata[0]}</b><br>Committed %{customdata[1]} in %{customdata[3]} "
             "package(s)<br>Delivered so far %{customdata[2]}<br>By furthest stage: "
             "%{customdata[4]}<br>Original: %{customdata[5]}<br>%{customdata[6]} source(s)"
             "<br>%{customdata[7]}<extra></extra>")
    fig = go.Figure()
    # horizontal groups stack their traces upwards: delivered first puts it under committed
    for measure, name, colour, size in (
            ("delivered_usd", "Delivered so far", DELIVERED_COLOUR, 14),
            ("usd", "Committed (each package once)", COMMITTED_COLOUR, 15)):
        parts = _trust_parts(df, per, measure)
        counts = {k: (df.groupby("party", sort=False)[f"{k}_commitments"].sum()
                      .reindex(per.index).fillna(0) if f"{k}_commitments" in df else None)
                  for k in (trust.VERIFIED, trust.LOW)}
        base = per["usd"] * 0.0
        # the bar's total is printed once, at the end of its outermost segment
        outer = {party: next((k for k in reversed(TRUST_PARTS) if parts[k][party] > 0), None)
                 for party in per.index}
        for klass in TRUST_PARTS:
            values = parts[klass]
            total = per["usd" if measure == "usd" else "delivered"]
            known = counts.get(klass)
            fig.add_bar(
                y=labels, x=[v / divisor if v > 0 else None for v in values],
                base=list(base / divisor), offsetgroup=measure, orientation="h",
                name=name if klass == trust.SURE else f"{name}, {trust.LEGEND[klass]}",
                legendgroup=measure, showlegend=klass == trust.SURE,
                marker=chart_trust.bar_marker(colour, klass),
                customdata=[row + [_segment_text(v, None if known is None or
                                                 measure != "usd" else int(known[p]), klass)]
                            for row, v, p in zip(custom, values, per.index, strict=True)],
                text=[format_money(t) if outer[p] == klass and t > 0 else ""
                      for p, t in zip(per.index, total, strict=True)],
                textposition="outside", textfont=dict(size=size, color="#333333"),
                cliponaxis=False, hovertemplate=hover)
            base = base + values
    # the Trust entries share delivered's slot, or the grouped bars would leave them a gap
    for entry in chart_trust.bar_legend(offsetgroup="delivered_usd"):
        fig.add_trace(entry)
    unit_text = f"USD {unit}, " if unit else "USD, "
    fig.update_xaxes(range=[0, float(per["usd"].max()) / divisor * 1.22] if len(per) else None)
    fig.update_layout(
        barmode="group", bargap=0.25, bargroupgap=0.05,
        height=max(420, 170 + 62 * len(per)),
        legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom",
                    traceorder="reversed"),
        xaxis=dict(title=dict(text=unit_text + USD_AXIS), tickformat=",~f"),
        # a category axis whatever the first trace (the Trust entries have no party)
        yaxis=dict(title=dict(text="Donor" if by == "donor" else "Recipient"),
                   type="category", categoryorder="array", categoryarray=labels),
    )
    titled(fig, title)
    # room above the bars for the legend: at a laptop's width its four entries take two rows
    fig.update_layout(margin=dict(t=165))
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


TIMELINE_MARKER_PX = 15


def aid_timeline(df: pd.DataFrame, *, title: str, n_articles: int, note: str = "") -> go.Figure:
    """One marker per aid package over time: x = the day it reached its furthest stage, y =
    USD committed (log scale), colour = that stage; a thin line runs from its first report
    to its last (the package's way through its stages). A package nobody reviewed whose
    confidence is low is a hollow marker, a verified one has a dark ring round it
    (ui/chart_trust.py), as on the map.

    df columns: date (the stage day), usd, status, donor, recipient, amount, currency,
    aid_type, sources, optionally first and last (its first and last report's days) and
    confidence, review_state, reviewed_by (ui/sql/aid_rows.sql has them).
    """
    fig = go.Figure()
    if "first" in df and "last" in df:
        xs: list = []
        ys: list = []
        for r in df.itertuples():
            if pd.notna(r.first) and pd.notna(r.last) and r.first != r.last:
                xs += [r.first, r.last, None]
                ys += [r.usd, r.usd, None]
        if xs:
            fig.add_scatter(x=xs, y=ys, mode="lines", line=dict(color=GREY, width=2),
                            name="first to last day reported", hoverinfo="skip")
    statuses = [s for s in AID_STATUS_ORDER if s in set(df["status"])]
    statuses += sorted(set(df["status"]) - set(statuses))
    for status in statuses:
        part = df[df["status"] == status]
        custom = [
            [esc(r.donor if isinstance(r.donor, str) else "unnamed donor"),
             esc(r.recipient if isinstance(r.recipient, str) else "unnamed recipient"),
             format_money(r.usd), format_money(r.amount, r.currency),
             esc(r.aid_type or ""), esc(status), int(r.sources),
             esc(trust.trust_text(getattr(r, "review_state", None),
                                  getattr(r, "confidence", None),
                                  getattr(r, "reviewed_by", None)))]
            for r in part.itertuples()
        ]
        fig.add_scatter(
            x=part["date"], y=part["usd"], mode="markers", name=status,
            marker=dict(size=TIMELINE_MARKER_PX, color=AID_STATUS_COLOURS.get(status, GREY),
                        line=dict(color="#333333", width=1)),
            customdata=custom,
            hovertemplate=(
                "<b>%{customdata[0]} → %{customdata[1]}</b><br>%{x|%d %b %Y} · %{customdata[5]}"
                "<br>%{customdata[2]} (original %{customdata[3]})"
                "<br>%{customdata[4]} · %{customdata[6]} source(s)<br>%{customdata[7]}"
                "<extra></extra>"
            ),
        )
    # trust over the packages' markers, as on the map (ui/chart_trust.py)
    for mark in chart_trust.trust_marks(
            trust.frame_classes(df), df["date"], df["usd"],
            colours=[AID_STATUS_COLOURS.get(s, GREY) for s in df["status"]],
            symbols=["circle"] * len(df), size=TIMELINE_MARKER_PX):
        fig.add_trace(mark)
    for entry in chart_trust.marker_legend(TIMELINE_MARKER_PX):
        fig.add_trace(entry)
    tickvals, ticktext = log_money_ticks(float(df["usd"].min()), float(df["usd"].max()))
    fig.update_layout(
        height=580,  # the legend holds the stages and the Trust entries
        legend=dict(title=dict(text="Furthest stage"), tracegroupgap=8),
        xaxis=dict(title=dict(text="Day the package reached its furthest stage")),
        yaxis=dict(title=dict(text="USD committed, log scale, ECB rate of the date"),
                   type="log", tickvals=tickvals, ticktext=ticktext,
                   range=[math.log10(tickvals[0]), math.log10(tickvals[-1])]),
    )
    titled(fig, title)
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
    return titled(fig, title)
