"""A dashboard figure restyled for a 1920x1080 slide: slide size, fonts scaled up (none below
MIN_FONT px, so it reads from the back of a meeting room), the title that states the
filters and the source line at the bottom."""

from __future__ import annotations

import copy

import plotly.graph_objects as go

from ui.export.words import wrap_title

WIDTH, HEIGHT = 1920, 1080
TITLE_FONT = 36
TEXT_FONT = 24
TICK_FONT = 22
MIN_FONT = 20  # px at 1920x1080: the smallest text on any slide


def _bigger(size: object, factor: float = 1.4) -> int:
    """A font size scaled up from screen to slide, never under MIN_FONT."""
    base = float(size) if isinstance(size, (int, float)) else 16.0
    return max(MIN_FONT, round(base * factor))


MARGIN_X = (70, 60)  # px left and right of the plot
# The source line at MIN_FONT holds about this many characters across the slide; each line
# past the first takes this many px of the bottom margin.
SOURCE_LINE_CHARS = 160
SOURCE_LINE_PX = 28


def slide_margins(title: str, *, legend_below: bool = False) -> tuple[int, int]:
    """Top and bottom margins in px: room for the title's lines above the plot, and below
    it for the axis (or a legend of up to three rows) and the source line."""
    lines = wrap_title(title).count("<br>") + 1
    return 64 + 46 * lines, 200 if legend_below else 150


def _bump_fonts(node: object) -> None:
    """Scale every font size in a (template) layout dict up for the slide, in place."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict) and \
                    isinstance(value.get("size"), (int, float)):
                value["size"] = _bigger(value["size"])
            _bump_fonts(value)
    elif isinstance(node, list):
        for item in node:
            _bump_fonts(item)


def slide_figure(fig: go.Figure, *, title: str, source: str, legend_below: bool = False
                 ) -> go.Figure:
    """A dashboard figure restyled for a 1920x1080 slide: fonts scaled up (none below
    MIN_FONT), the title stating the filters, and the source line at the bottom in place of
    the builder's own."""
    out = go.Figure(copy.deepcopy(fig))
    # The house template's screen sizes (14-16 px) would still apply wherever the layout
    # sets none: scale the template itself.
    template = out.layout.template.to_plotly_json()
    _bump_fonts(template)
    out.layout.template = template
    kept = [a for a in out.layout.annotations
            if not str(a.text or "").startswith(("Source:", "Source: "))]
    for a in kept:
        a.font.size = _bigger(a.font.size)
    out.layout.annotations = kept
    for trace in out.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and textfont.size is not None:
            textfont.size = _bigger(textfont.size)
        marker = getattr(trace, "marker", None)
        size = getattr(marker, "size", None) if marker is not None else None
        if isinstance(size, (int, float)):
            marker.size = round(size * 1.3)
        if getattr(trace, "line", None) is not None and isinstance(trace.line.width,
                                                                   (int, float)):
            if trace.type == "scatter":
                trace.line.width = trace.line.width * 1.3
    top, bottom = slide_margins(title, legend_below=legend_below)
    # a source line longer than the slide is wide (the notes of what the figure leaves out
    # follow it) wraps, and the bottom margin grows by its extra lines
    source_lines = wrap_title(source, width=SOURCE_LINE_CHARS).count("<br>")
    bottom += SOURCE_LINE_PX * source_lines
    out.update_layout(
        width=WIDTH, height=HEIGHT, autosize=False,
        font=dict(size=TEXT_FONT),
        title=dict(text=wrap_title(title), font=dict(size=TITLE_FONT, color="#111111"),
                   x=0.03, xref="container", xanchor="left", y=1 - 36 / HEIGHT,
                   yref="container", yanchor="top"),
        margin=dict(l=MARGIN_X[0], r=MARGIN_X[1], t=top, b=bottom, autoexpand=True),
        legend=dict(font=dict(size=TICK_FONT), title=dict(font=dict(size=TICK_FONT))),
        hoverlabel=dict(font=dict(size=TICK_FONT)),
    )
    if legend_below:
        out.update_layout(legend=dict(orientation="h", x=0, xanchor="left", y=-0.02,
                                      yanchor="top"))
    out.update_xaxes(tickfont=dict(size=TICK_FONT), title_font=dict(size=TEXT_FONT),
                     title_standoff=14)
    out.update_yaxes(tickfont=dict(size=TICK_FONT), title_font=dict(size=TEXT_FONT),
                     title_standoff=14)
    out.add_annotation(
        text=wrap_title(source, width=SOURCE_LINE_CHARS), xref="paper", yref="paper", x=0,
        y=0, xanchor="left",
        yanchor="top", yshift=-(bottom - 45 - SOURCE_LINE_PX * source_lines), showarrow=False,
        font=dict(size=MIN_FONT, color="#444444"), align="left",
    )
    return out
