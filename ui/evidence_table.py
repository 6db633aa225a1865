"""Tables whose cells are read, not scanned: the stops, calls and facts with the whole
sentence behind each row, wrapped in its column, as escaped HTML.

st.dataframe draws its cells on a canvas at one row height, so a sentence longer than the
row showed cut off (and the tables cut evidence at 400 characters to begin with). Here every
cell is escaped text (ui/escape.esc) in fixed markup; the box scrolls past MAX_HEIGHT_PX and
keeps its header in view. The same rows go out as CSV through `csv_bytes`.
"""

from __future__ import annotations

import pandas as pd

from ui.escape import esc
from ui.trust import LOW_MARK, VERIFIED_MARK

MAX_HEIGHT_PX = 560
CSS = (
    "<style>.shuttle-table{max-height:MAXpx;overflow:auto;border:1px solid #ddd;"
    "border-radius:6px}"
    ".shuttle-table table{border-collapse:collapse;width:100%;font-size:15px;"
    "line-height:1.4;color:#222}"
    ".shuttle-table th{position:sticky;top:0;background:#f3f4f6;text-align:left;"
    "font-weight:600;padding:6px 8px;border-bottom:1px solid #ccc;white-space:nowrap}"
    # a column is never squeezed below an ordinary word ("Belarus", "unreviewed,"), and a
    # runaway word (a scrape gone wrong) still wraps inside its cell
    ".shuttle-table td{padding:6px 8px;border-bottom:1px solid #eee;vertical-align:top;"
    "overflow-wrap:anywhere;min-width:13ch}"
    ".shuttle-table td.num{text-align:right;white-space:nowrap;min-width:0}"
    ".shuttle-table td.wide{min-width:24ch;width:50%}"
    ".shuttle-table td.short{white-space:nowrap}"
    # trust (ui/trust.py): unreviewed low-confidence rows hatched, verified ones a dark bar
    ".shuttle-table tr.low td{background:repeating-linear-gradient(135deg,#fff 0 7px,"
    "#e9ecf1 7px 9px)}"
    ".shuttle-table tr.verified td:first-child{box-shadow:inset 4px 0 #111}</style>"
).replace("MAX", str(MAX_HEIGHT_PX))


def _cell(value: object, column: str, wide: set[str], short: set[str]) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = "" if value != value else f"{value:,}"  # NaN is blank
        return f"<td class='num'>{esc(text)}</td>"
    kind = " class='wide'" if column in wide else " class='short'" if column in short else ""
    return f"<td{kind}>{esc(value)}</td>"


def _row(trust: object) -> str:
    """A row's opening tag, classed by its Trust cell's sign (ui/trust.trust_cell)."""
    text = trust if isinstance(trust, str) else ""
    kind = "low" if text.startswith(LOW_MARK) else \
        "verified" if text.startswith(VERIFIED_MARK) else ""
    return f"<tr class='{kind}'>" if kind else "<tr>"


def html_table(frame: pd.DataFrame, *, wide: tuple[str, ...] = ("Evidence",),
               short: tuple[str, ...] = ("Status",)) -> str:
    """`frame` as an HTML table, every header and cell escaped: the `wide` columns take the
    room and wrap, the `short` ones stay on one line, numbers align right.

    >>> html = html_table(pd.DataFrame({"Place": ["<b>Kyiv</b>"], "Sources": [2]}))
    >>> "&lt;b&gt;Kyiv&lt;/b&gt;" in html and "<td class='num'>2</td>" in html
    True
    """
    wide_set, short_set = set(wide), set(short)
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    trust = frame["Trust"].tolist() if "Trust" in frame else [""] * len(frame)
    rows = "".join(
        _row(trust_of) + "".join(_cell(v, c, wide_set, short_set)
                                 for c, v in zip(frame.columns, values, strict=True))
        + "</tr>"
        for trust_of, *values in zip(trust, *(frame[c].tolist() for c in frame.columns),
                                     strict=True))
    return (f"{CSS}<div class='shuttle-table'><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table></div>")


def _inert_cell(value: object) -> object:
    """A cell a spreadsheet will not run: text starting = + - @ (or a tab or carriage
    return) gets a leading apostrophe, so an article's "=HYPERLINK(...)" stays text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV with a byte-order mark (so a spreadsheet reads the accents),
    formulas defused.

    >>> csv_bytes(pd.DataFrame({"Evidence": ["=1+1"]})).decode("utf-8-sig").split()[1]
    "'=1+1"
    """
    return frame.map(_inert_cell).to_csv(index=False).encode("utf-8-sig")
