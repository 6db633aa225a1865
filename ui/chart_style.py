"""The house style of every plotly figure: the colour-blind-safe palette, the template
(fonts of 14 px and up, white background) registered once, the title that states the
filters and the source line under the plot ("Source: N articles, Shuttle")."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

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

# Streamlit's own typeface first (served with the app), then common fallbacks (kaleido).
FONT = '"Source Sans", "Source Sans 3", "Source Sans Pro", Arial, sans-serif'

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


def titled(fig: go.Figure, title: str) -> go.Figure:
    """The house template and the title that states the filters."""
    fig.update_layout(template=TEMPLATE, title=dict(text=esc(title)))
    return fig
