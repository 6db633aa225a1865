"""Trust on the plotly charts, in the channels the map uses (ui/maps.py, ui/trust.py): a fact
nobody reviewed whose confidence is under trust.LOW_CONFIDENCE is hollow (a marker white
inside, ringed in its colour) or hatched (a bar segment); one an analyst verified or
corrected has a near-black ring round its marker, or a near-black outline round its bar
segment. Colour stays the source's or the stage's, so trust never reads as another series.
The legend entries come from here too, in trust.LEGEND's words, grouped under "Trust"."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from ui import trust

INK = "#111111"  # the verified ring and outline, as the map's VERIFIED_INK
SWATCH = "#444444"  # the legend's neutral colour, as the map legend's
HATCH = "/"  # plotly's pattern shape for a low-confidence bar segment
HOLLOW_LINE = 2.5  # px: the ring of a hollow marker
RING_LINE = 2.5  # px: the near-black ring round a verified marker
RING_GAP = 9  # px added to a marker's size for the ring round it (a gap as on the map)
TRUST_GROUP = "trust"  # the legend group of the entries below, and of the rings


def bar_marker(colour: str, klass: str) -> dict:
    """The marker of one bar segment of class `klass`: solid in its colour; hatched in it on
    white (LOW); solid with a near-black outline (VERIFIED).

    >>> bar_marker("#0072B2", trust.LOW)["pattern"]["shape"]
    '/'
    >>> bar_marker("#0072B2", trust.VERIFIED)["line"]
    {'color': '#111111', 'width': 2.5}
    """
    if klass == trust.LOW:
        return dict(color="white", line=dict(color=colour, width=1.5),
                    pattern=dict(shape=HATCH, fgcolor=colour, bgcolor="white", size=9,
                                 solidity=0.45, fillmode="replace"))
    if klass == trust.VERIFIED:
        return dict(color=colour, line=dict(color=INK, width=2.5))
    return dict(color=colour, line=dict(color=colour, width=0))


def trust_marks(classes: Sequence[str], xs: Sequence, ys: Sequence, *,
                colours: Sequence[str], symbols: Sequence[str], size: float
                ) -> list[go.Scatter]:
    """What a chart of markers draws over its data for trust, one trace per channel and only
    where a row needs it: a hollow copy of each LOW marker (white inside, ringed in its
    colour, in its shape: a qualifier's triangle stays a triangle) and a near-black ring round
    each VERIFIED one. Drawn over the data rather than styled into it, so the legend's swatch
    of a series (plotly takes its first marker's style) never looks hollow because its first
    report is, and the marker under keeps answering the hover.

    >>> marks = trust_marks(["low", "unreviewed", "verified"], [1, 2, 3], [5, 6, 7],
    ...                     colours=["#0072B2"] * 3, symbols=["circle"] * 3, size=12)
    >>> [(m.name, list(m.x)) for m in marks]
    [('hollow: unreviewed, confidence below 0.7', [1]), ('ring: verified by an analyst', [3])]
    """
    rows = list(zip(classes, xs, ys, colours, symbols, strict=True))
    low = [r for r in rows if r[0] == trust.LOW]
    verified = [r for r in rows if r[0] == trust.VERIFIED]
    marks = []
    if low:
        marks.append(go.Scatter(
            x=[r[1] for r in low], y=[r[2] for r in low], mode="markers",
            name=f"hollow: {trust.LEGEND[trust.LOW]}", legendgroup=TRUST_GROUP,
            showlegend=False, hoverinfo="skip", cliponaxis=False,
            marker=dict(symbol=[r[4] for r in low], size=size, color="white",
                        line=dict(color=[r[3] for r in low], width=HOLLOW_LINE))))
    if verified:
        marks.append(go.Scatter(
            x=[r[1] for r in verified], y=[r[2] for r in verified], mode="markers",
            name=f"ring: {trust.LEGEND[trust.VERIFIED]}", legendgroup=TRUST_GROUP,
            showlegend=False, hoverinfo="skip", cliponaxis=False,
            marker=dict(symbol="circle-open", size=size + RING_GAP, color=INK,
                        line=dict(color=INK, width=RING_LINE))))
    return marks


def marker_legend(size: float = 12) -> list[go.Scatter]:
    """The legend's Trust entries of a chart of markers: a ringed dot (verified), a hollow
    one (unreviewed, low confidence). No data: they only explain."""
    ringed = go.Scatter(
        x=[None], y=[None], mode="markers", name=f"ring: {trust.LEGEND[trust.VERIFIED]}",
        legendgroup=TRUST_GROUP, legendgrouptitle=dict(text="Trust"), hoverinfo="skip",
        marker=dict(symbol="circle", size=size, color=SWATCH,
                    line=dict(color=INK, width=RING_LINE + 0.5)))
    hollow = go.Scatter(
        x=[None], y=[None], mode="markers", name=f"hollow: {trust.LEGEND[trust.LOW]}",
        legendgroup=TRUST_GROUP, hoverinfo="skip",
        marker=dict(symbol="circle", size=size, color="white",
                    line=dict(color=SWATCH, width=HOLLOW_LINE)))
    return [ringed, hollow]


def bar_legend(*, offsetgroup: str, orientation: str = "h") -> list[go.Bar]:
    """The legend's Trust entries of a bar chart: an outlined bar (verified), a hatched one
    (unreviewed, low confidence). No data: they only explain; they sit in `offsetgroup`'s
    slot, so the grouped bars keep their places, and rank last in a reversed legend (after
    the bars' own entries, whatever the order of the traces)."""
    return [go.Bar(x=[None], y=[None], orientation=orientation, name=f"{channel}: {words}",
                   legendgroup=TRUST_GROUP, hoverinfo="skip", offsetgroup=offsetgroup,
                   legendrank=1,
                   marker=bar_marker(SWATCH, klass))
            for klass, channel, words in (
                (trust.VERIFIED, "dark outline", trust.LEGEND[trust.VERIFIED]),
                (trust.LOW, "hatched", trust.LEGEND[trust.LOW]))]


def is_trust_trace(trace: object) -> bool:
    """Whether a trace is one of the rings or legend entries above (not data of its own)."""
    return getattr(trace, "legendgroup", None) == TRUST_GROUP
