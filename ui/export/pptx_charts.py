"""Native PowerPoint charts (python-pptx chart objects) of the aid and casualty views, so a
deck's numbers, labels and colours can be edited in PowerPoint: made from the rows the
view's builder returned (ui/builders.py), in the page's colours and order."""

from __future__ import annotations

import pandas as pd
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.util import Emu, Pt

from etl import facts
from ui import charts

FONT_PT = 14


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


def aid_series(bars: pd.DataFrame) -> tuple[list[str], dict[str, list[float]], float, str]:
    """(parties, {status: values}, divisor, unit): the stacked bars of the aid view, the
    largest party first, values in units of `unit` USD (billion, million or one)."""
    totals = bars.groupby("party", sort=False)["usd"].sum().sort_values(ascending=False)
    parties = [str(p) for p in totals.index]
    divisor, unit = charts.money_scale(float(totals.max()) if len(totals) else 0.0)
    statuses = [s for s in charts.AID_STATUS_ORDER if s in set(bars["status"])]
    statuses += sorted(set(bars["status"]) - set(statuses))
    series = {}
    for status in statuses:
        part = bars[bars["status"] == status].groupby("party")["usd"].sum()
        series[status] = [round(float(part.get(p, 0.0)) / divisor, 3) for p in parties]
    return parties, series, divisor, unit


def add_aid_chart(slide, bars: pd.DataFrame, box: tuple[Emu, Emu, Emu, Emu], by: str) -> None:
    """Horizontal bars stacked by status: one per donor (or recipient), the largest on top."""
    parties, series, _, unit = aid_series(bars)
    data = CategoryChartData(number_format="#,##0.0")
    # PowerPoint draws a bar chart's first category at the bottom: the largest goes last
    data.categories = list(reversed(parties))
    for status, values in series.items():
        data.add_series(status, list(reversed(values)))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *box, data).chart
    _style(chart)
    for plot_series in chart.series:
        fill = plot_series.format.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(charts.AID_STATUS_COLOURS.get(plot_series.name, charts.GREY))
    axis = chart.value_axis
    axis.has_title = True
    axis.axis_title.text_frame.text = f"USD {unit}, ECB rate of the date".replace("  ", " ")
    axis.tick_labels.font.size = Pt(FONT_PT)
    axis.has_major_gridlines = True
    chart.category_axis.tick_labels.font.size = Pt(FONT_PT)
    chart.category_axis.has_title = True
    chart.category_axis.axis_title.text_frame.text = by.capitalize()


def casualty_series(rows: pd.DataFrame, metric: str, *, by_place: bool = False
                    ) -> tuple[list[pd.Timestamp], dict[str, list[float | None]]]:
    """(days, {reporting source: value per day or None}) of one metric's timeline."""
    part = rows[rows["metric"] == metric].copy()
    part["day"] = pd.to_datetime(part["as_of"]).dt.normalize()
    part["who"] = [(r if isinstance(r, str) else "unattributed")
                   + (f", {w}" if by_place and isinstance(w, str) and w else "")
                   for r, w in zip(part["reported_by"], part["where"], strict=True)]
    days = sorted(set(part["day"]))
    series: dict[str, list[float | None]] = {}
    for who in dict.fromkeys(part.sort_values("day")["who"]):
        mine = part[part["who"] == who].groupby("day")["value"].max()
        series[who] = [float(mine[d]) if d in mine.index else None for d in days]
    return days, series


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
    source, a marker per report, on a date axis."""
    metrics = [m for m in facts.METRICS if m in set(rows["metric"])]
    left, top, width, height = box
    columns = 1 if len(metrics) <= 2 else 2
    lines = -(-len(metrics) // columns)
    cell_w, cell_h = Emu(int(width / columns)), Emu(int(height / max(1, lines)))
    for i, metric in enumerate(metrics):
        days, series = casualty_series(rows, metric, by_place=by_place)
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
