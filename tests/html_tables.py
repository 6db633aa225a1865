"""The HTML tables the pages draw (ui/evidence_table.py) read back as DataFrames, for the
page tests: st.html's body parsed with the standard library, cells unescaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables_in(html: str) -> list[pd.DataFrame]:
    """Every <table> of `html`, its first row the header."""
    parser = _Tables()
    parser.feed(html)
    return [pd.DataFrame(rows[1:], columns=rows[0]) for rows in parser.tables if rows]


def page_tables(at) -> list[pd.DataFrame]:
    """The evidence tables an AppTest run drew, in page order."""
    return [t for h in at.get("html") if "shuttle-table" in h.proto.body
            for t in tables_in(h.proto.body)]
