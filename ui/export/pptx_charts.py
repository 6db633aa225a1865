"""Native PowerPoint charts (python-pptx chart objects) of the aid and casualty views, so a
deck's numbers, labels and colours can be edited in PowerPoint: made from the rows the
view's builder returned (ui/builders.py), in the page's colours and order, with the page's
trust channels (ui/trust.py, ui/chart_trust.py): the money nobody reviewed whose confidence
is low is a series of its own, hatched in its stage's colour, the verified money one outlined
dark; a weak casualty report's marker is hollow, a verified one's ringed dark, and a legend
under the charts says so. All of it stays ordinary chart formatting, editable as any other.
"""

from __future__ import annotations

import pandas as pd
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches, Pt

from etl import facts
from ui import chart_trust, charts, trust
from ui.export.pptx_text import one_line_box, text_width

FONT_PT = 14
HATCH = MSO_PATTERN.WIDE_UPWARD_DIAGONAL  # the deck's hatching, as the page's "/" pattern
TRUST_LEGEND_H = Inches(0.4)  # the charts' Trust legend, under them
LEGEND_BELOW = 6  # series a legend under the aid bars holds; more go right of them


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _style(chart, *, legend: bool = True) -> None:
    chart.font.size = Pt(FONT_PT)
    chart.font.name = "Arial"
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(FONT_PT)


def series_name(status: str, klass: str) -> str:
    """The legend's name of one stage's money of one trust class: the stage alone for what
    is unreviewed and sure enough, with ui/trust.SHORT's words otherwise (the Trust legend
    under the chart gives the threshold).

    >>> series_name("pledged", "unreviewed"), series_name("pledged", "low")
    ('pledged', 'pledged, unreviewed, low confidence')
    """
    return status if klass == trust.SURE else f"{status}, {trust.SHORT[klass]}"


def aid_series(bars: pd.DataFrame) -> tuple[list[str], dict[str, list[float]], float, str]:
    """(parties, {series name: values}, divisor, unit): the stacked bars of the aid view, the
    largest party first, values in units of `unit` USD (billion, million or one). Each stage
    is cut by trust as the page's bars are (verified, unreviewed, low confidence: the
    verified_usd and low_usd parts of ui/sql/aid_by_party.sql), a series for each part that
    holds money, so a stage's series together still sum to its money."""
    totals = bars.groupby("party", sort=False)["usd"].sum().sort_values(ascending=False)
    parties = [str(p) for p in totals.index]
    divisor, unit = charts.money_scale(float(totals.max()) if len(totals) else 0.0)
    statuses = [s for s in charts.AID_STATUS_ORDER if s in set(bars["status"])]
    statuses += sorted(set(bars["status"]) - set(statuses))
    series = {}
    for status in statuses:
        mine = bars[bars["status"] == status]
        part = mine.groupby("party")["usd"].sum()
        known = {k: mine.groupby("party")[f"{k}_usd"].sum() if f"{k}_usd" in mine else
                 part * 0.0 for k in (trust.VERIFIED, trust.LOW)}
        cut = {trust.VERIFIED: known[trust.VERIFIED], trust.LOW: known[trust.LOW],
               trust.SURE: (part - known[trust.VERIFIED] - known[trust.LOW]).clip(lower=0.0)}
        for klass in charts.TRUST_PARTS:
            values = [round(float(cut[klass].get(p, 0.0)) / divisor, 3) for p in parties]
            if klass == trust.SURE or any(values):
                series[series_name(status, klass)] = values
    return parties, series, divisor, unit


def series_trust(name: str) -> tuple[str, str]:
    """(status, class) back from a series_name."""
    for klass in (trust.VERIFIED, trust.LOW):
        suffix = f", {trust.SHORT[klass]}"
        if name.endswith(suffix):
            return name.removesuffix(suffix), klass
    return name, trust.SURE


def add_aid_chart(slide, bars: pd.DataFrame, box: tuple[Emu, Emu, Emu, Emu], by: str) -> None:
    """Horizontal bars stacked by status: one per donor (or recipient), the largest on top;
    each stage's weak part hatched and its verified part outlined, the Trust legend under
    the chart. Past LEGEND_BELOW series the legend stands right of the bars, which keep the
    slide's height (a legend of a dozen stages and parts below them squeezed the bars)."""
    parties, series, _, unit = aid_series(bars)
    left, top, width, height = box
    height = Emu(height - TRUST_LEGEND_H)
    trust_legend(slide, left, Emu(top + height), bars=True)
    box = (left, top, width, height)
    data = CategoryChartData(number_format="#,##0.0")
    # PowerPoint draws a bar chart's first category at the bottom: the largest goes last
    data.categories = list(reversed(parties))
    for status, values in series.items():
        data.add_series(status, list(reversed(values)))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *box, data).chart
    _style(chart)
    if len(series) > LEGEND_BELOW:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
    for plot_series in chart.series:
        status, klass = series_trust(plot_series.name)
        colour = _rgb(charts.AID_STATUS_COLOURS.get(status, charts.GREY))
        fill, line = plot_series.format.fill, plot_series.format.line
        if klass == trust.LOW:  # hatched in the stage's colour on white, as on the page
            fill.patterned()
            fill.pattern = HATCH
            fill.fore_color.rgb = colour
            fill.back_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            line.color.rgb = colour
            line.width = Pt(1)
        else:
            fill.solid()
            fill.fore_color.rgb = colour
            if klass == trust.VERIFIED:
                line.color.rgb = _rgb(chart_trust.INK)
                line.width = Pt(2)
    axis = chart.value_axis
    axis.has_title = True
    axis.axis_title.text_frame.text = f"USD {unit}, ECB rate of the date".replace("  ", " ")
    axis.tick_labels.font.size = Pt(FONT_PT)
    axis.has_major_gridlines = True
    chart.category_axis.tick_labels.font.size = Pt(FONT_PT)
    chart.category_axis.has_title = True
    chart.category_axis.axis_title.text_frame.text = by.capitalize()


def _metric_part(rows: pd.DataFrame, metric: str, by_place: bool) -> pd.DataFrame:
    """One metric's reports with the day, the series ("who") and the trust class of each."""
    part = rows[rows["metric"] == metric].copy()
    part["day"] = pd.to_datetime(part["as_of"]).dt.normalize()
    part["who"] = [(r if isinstance(r, str) else "unattributed")
                   + (f", {w}" if by_place and isinstance(w, str) and w else "")
                   for r, w in zip(part["reported_by"], part["where"], strict=True)]
    part["trust"] = trust.frame_classes(part)
    return part


def casualty_series(rows: pd.DataFrame, metric: str, *, by_place: bool = False
                    ) -> tuple[list[pd.Timestamp], dict[str, list[float | None]]]:
    """(days, {reporting source: value per day or None}) of one metric's timeline."""
    part = _metric_part(rows, metric, by_place)
    days = sorted(set(part["day"]))
    series: dict[str, list[float | None]] = {}
    for who in dict.fromkeys(part.sort_values("day")["who"]):
        mine = part[part["who"] == who].groupby("day")["value"].max()
        series[who] = [float(mine[d]) if d in mine.index else None for d in days]
    return days, series


def casualty_trust(rows: pd.DataFrame, metric: str, *, by_place: bool = False
                   ) -> dict[str, list[str | None]]:
    """{reporting source: the trust class of each day's point, or None}, aligned with
    casualty_series: a point is the day's highest report, so it has that report's class."""
    part = _metric_part(rows, metric, by_place)
    days = sorted(set(part["day"]))
    out: dict[str, list[str | None]] = {}
    for who in dict.fromkeys(part.sort_values("day")["who"]):
        mine = part[part["who"] == who].sort_values("value", kind="stable")
        top = mine.groupby("day")["trust"].last()
        out[who] = [str(top[d]) if d in top.index else None for d in days]
    return out


def _mark_trust(plot_series, classes: list[str | None], colour: RGBColor) -> None:
    """Per point, the page's trust channels: a weak report's marker hollow (white, ringed in
    its source's colour), a verified one's ringed near-black and a little larger."""
    drawn = [c for c in classes if c is not None]  # the points the series holds, in order
    for n, klass in enumerate(drawn):
        if klass not in (trust.LOW, trust.VERIFIED):
            continue
        marker = plot_series.points[n].marker
        marker.style = XL_MARKER_STYLE.CIRCLE
        marker.format.fill.solid()
        if klass == trust.LOW:
            marker.size = 8
            marker.format.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            marker.format.line.color.rgb = colour
            marker.format.line.width = Pt(2)
        else:
            marker.size = 11
            marker.format.fill.fore_color.rgb = colour
            marker.format.line.color.rgb = _rgb(chart_trust.INK)
            marker.format.line.width = Pt(2.25)


def trust_legend(slide, left: Emu, top: Emu, *, bars: bool = False) -> None:
    """The charts' Trust legend in one row of shapes and text, in ui/trust.LEGEND's words
    with the threshold (a chart's own legend lists series, not the look of single points):
    a ringed dot and a hollow one, or for bars an outlined and a hatched swatch."""
    x = left
    channels = (("dark outline", "hatched") if bars else ("ring", "hollow"))
    for klass, channel in zip((trust.VERIFIED, trust.LOW), channels, strict=True):
        swatch = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE if bars else MSO_SHAPE.OVAL, x,
                                        Emu(top + Inches(0.11)), Inches(0.18), Inches(0.18))
        if klass == trust.LOW and bars:
            swatch.fill.patterned()
            swatch.fill.pattern = HATCH
            swatch.fill.fore_color.rgb = _rgb(chart_trust.SWATCH)
            swatch.fill.back_color.rgb = _rgb("#FFFFFF")
        else:
            swatch.fill.solid()
            swatch.fill.fore_color.rgb = _rgb(
                "#FFFFFF" if klass == trust.LOW else chart_trust.SWATCH)
        swatch.line.color.rgb = _rgb(
            chart_trust.SWATCH if klass == trust.LOW else chart_trust.INK)
        swatch.line.width = Pt(2 if klass == trust.LOW else 2.5)
        label = f"{channel}: {trust.LEGEND[klass]}"
        width = Emu(text_width(label, FONT_PT) + Inches(0.15))
        one_line_box(slide, Emu(x + Inches(0.25)), top, width, TRUST_LEGEND_H, label, FONT_PT)
        x = Emu(x + Inches(0.25) + width + Inches(0.35))


EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _serial(day: pd.Timestamp) -> float:
    """A day as the serial number spreadsheets and PowerPoint charts count dates in."""
    return float((day - EXCEL_EPOCH).days)


def _date_ticks(days: list[pd.Timestamp]) -> tuple[float, str, float, float]:
    """(major unit in days, number format, first, last) for a date axis over `days`."""
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    unit, fmt = next(((u, f) for limit, u, f in ((45, 7, "d mmm"), (200, 30, "mmm yyyy"),
                                                 (800, 91, "mmm yyyy"))
                      if span <= limit), (365, "yyyy"))
    pad = max(span * 0.05, 10)  # days: a single report sits inside a month, not alone
    return unit, fmt, _serial(first) - pad, _serial(last) + pad


def add_casualty_charts(slide, rows: pd.DataFrame, box: tuple[Emu, Emu, Emu, Emu], *,
                        by_place: bool = False) -> None:
    """One chart per metric in `box` (two columns past two metrics): a line per reporting
    source, a marker per report, on a date axis; weak and verified reports marked, and the
    Trust legend under the charts."""
    metrics = [m for m in facts.METRICS if m in set(rows["metric"])]
    left, top, width, height = box
    height = Emu(height - TRUST_LEGEND_H)
    trust_legend(slide, left, Emu(top + height))
    columns = 1 if len(metrics) <= 2 else 2
    lines = -(-len(metrics) // columns)
    cell_w, cell_h = Emu(int(width / columns)), Emu(int(height / max(1, lines)))
    for i, metric in enumerate(metrics):
        days, series = casualty_series(rows, metric, by_place=by_place)
        classes = casualty_trust(rows, metric, by_place=by_place)
        data = XyChartData(number_format="#,##0")
        for who, values in series.items():
            points = data.add_series(who)
            for day, value in zip(days, values, strict=True):
                if value is not None:
                    points.add_data_point(_serial(day), value)
        x, y = Emu(left + (i % columns) * cell_w), Emu(top + (i // columns) * cell_h)
        chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, x, y, cell_w, cell_h,
                                       data).chart
        _style(chart, legend=len(series) > 1)
        chart.has_title = True
        chart.chart_title.text_frame.text = f"{metric.capitalize()}, people"
        chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(FONT_PT + 2)
        for n, plot_series in enumerate(chart.series):
            colour = _rgb(charts.OKABE_ITO[n % len(charts.OKABE_ITO)])
            plot_series.format.line.color.rgb = colour
            plot_series.format.line.width = Pt(2.5)
            plot_series.marker.style = XL_MARKER_STYLE.CIRCLE
            plot_series.marker.size = 8
            plot_series.marker.format.fill.solid()
            plot_series.marker.format.fill.fore_color.rgb = colour
            plot_series.smooth = False
            _mark_trust(plot_series, classes[plot_series.name], colour)
        unit, fmt, first, last = _date_ticks(days)
        axis = chart.category_axis  # an XY chart's x axis: the dates
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = first, last, unit
        axis.tick_labels.number_format = fmt
        axis.tick_labels.number_format_is_linked = False
        axis.tick_labels.font.size = Pt(FONT_PT)
        chart.value_axis.minimum_scale = 0
        chart.value_axis.tick_labels.number_format = "#,##0"
        chart.value_axis.tick_labels.number_format_is_linked = False
        chart.value_axis.tick_labels.font.size = Pt(FONT_PT)
        chart.value_axis.has_major_gridlines = True
