"""Trust on the plotly charts (ui/trust.py): the same three classes as the map, in the
charts' own marks. An unreviewed low-confidence report is a hollow marker and such an aid
segment a hatched bar; a verified one has a near-black outline; a legend entry says so,
only for the classes the chart shows. Kept apart from ui/charts.py so that the charts' own
code changes only where a marker or bar is styled."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go

from ui.trust import LOW, LOW_CONFIDENCE, VERIFIED, group_class, trust_class

VERIFIED_LINE = ("#111111", 3.0)  # colour, px of a verified mark's outline
PLAIN_LINE = ("white", 1.0)
HATCH = "/"


def classes(frame: pd.DataFrame) -> list[str]:
    """Each row's trust class, from its review_state and confidence where it has them."""
    states = frame["review_state"] if "review_state" in frame else [None] * len(frame)
    confidences = frame["confidence"] if "confidence" in frame else [None] * len(frame)
    return [trust_class(s, c) for s, c in zip(states, confidences, strict=True)]


def symbol(base: str, cls: str) -> str:
    """A plotly marker symbol, hollow ('-open') for a low-confidence unreviewed report.

    >>> symbol("triangle-up", "low"), symbol("circle", "verified")
    ('triangle-up-open', 'circle')
    """
    return f"{base}-open" if cls == LOW else base


def outline(cls: str, plain: tuple[str, float] = PLAIN_LINE) -> tuple[str, float]:
    """(colour, width) of a mark's outline: near-black and thick when verified."""
    return VERIFIED_LINE if cls == VERIFIED else plain


def segment_classes(rows: pd.DataFrame, keys: Sequence[str],
                    key_of: Iterable[tuple]) -> list[str]:
    """The class of each aggregated mark (one bar segment of several facts), in the order
    of `key_of`, from the facts in `rows` grouped by the columns `keys`
    (ui/trust.group_class: hatched only when every fact behind it is low)."""
    if rows.empty or "review_state" not in rows:
        return ["unreviewed" for _ in key_of]
    groups: dict[tuple, list[str]] = {}
    for key, cls in zip(zip(*(rows[k] for k in keys), strict=True), classes(rows),
                        strict=True):
        groups.setdefault(tuple(key), []).append(cls)
    return [group_class(groups.get(tuple(k), [])) for k in key_of]


def add_legend(fig: go.Figure, shown: set[str], *, bars: bool) -> None:
    """Legend entries for the trust classes the chart draws (none when all are plain)."""
    low = f"unreviewed, confidence below {LOW_CONFIDENCE:.1f}"
    if LOW in shown:
        if bars:
            fig.add_bar(x=[None], y=[None], orientation="h", name=f"hatched: {low}",
                        marker=dict(color="white", line=dict(color="#444", width=1),
                                    pattern=dict(shape=HATCH, fgcolor="#444")),
                        legendgroup="trust", hoverinfo="skip")
        else:
            fig.add_scatter(x=[None], y=[None], mode="markers", name=f"hollow: {low}",
                            marker=dict(size=13, color="#444", symbol="circle-open"),
                            legendgroup="trust", hoverinfo="skip")
    if VERIFIED in shown:
        colour, width = VERIFIED_LINE
        mark = dict(color="#bbbbbb", line=dict(color=colour, width=width))
        if bars:
            fig.add_bar(x=[None], y=[None], orientation="h", name="dark outline: verified",
                        marker=mark, legendgroup="trust", hoverinfo="skip")
        else:
            fig.add_scatter(x=[None], y=[None], mode="markers",
                            name="dark outline: verified", legendgroup="trust",
                            marker=dict(size=13, symbol="circle", **mark), hoverinfo="skip")
